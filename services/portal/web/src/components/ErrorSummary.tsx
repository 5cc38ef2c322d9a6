import { Alert, List } from '@mantine/core';
import { forwardRef } from 'react';

/**
 * The errors of a form at its top, each linking to its field (which shows the same message next to it). It takes
 * the focus when a submission fails, so keyboard and screen-reader users learn what to fix first.
 */
export const ErrorSummary = forwardRef<
  HTMLDivElement,
  {
    title: string;
    errors: Record<string, string>;
    label: (field: string) => string;
    visible: boolean;
  }
>(function ErrorSummary({ title, errors, label, visible }, ref) {
  const entries = Object.entries(errors).filter(([, message]) => message);
  if (!visible) return null;
  return (
    <Alert ref={ref} tabIndex={-1} color="red" role="alert" title={title}>
      {entries.length > 0 ? (
        <List size="sm">
          {entries.map(([field, message]) => (
            <List.Item key={field}>
              <a href={`#field-${field}`}>{label(field)}</a>: {message}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
});
