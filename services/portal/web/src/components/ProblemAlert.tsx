import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeProblem, ProblemError } from '../api/problems';

/**
 * What went wrong, in the person's language: the problem's sentence and, for invalid fields, a summary whose
 * entries link to the fields (each field also shows its own message next to it).
 */
export function ProblemAlert({
  error,
  fieldLabel,
}: {
  error: unknown;
  fieldLabel?: (field: string) => string;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!(error instanceof ProblemError)) {
    return (
      <Alert color="red" role="alert" title={t('errors.unexpected')}>
        {null}
      </Alert>
    );
  }
  const { message, fields } = describeProblem(error.problem, t);
  const entries = Object.entries(fields);
  return (
    <Alert color="red" role="alert" title={entries.length > 0 ? t('errors.summaryTitle') : message}>
      {entries.length > 0 ? (
        <List size="sm">
          {entries.map(([field, text]) => (
            <List.Item key={field}>
              <a href={`#field-${field}`}>{fieldLabel?.(field) ?? field}</a>: {text}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
