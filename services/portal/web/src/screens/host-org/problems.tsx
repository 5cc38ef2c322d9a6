import { Alert, List } from '@mantine/core';
import { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { describeProblem, formField, ProblemError, problemSlug } from '../../api/problems';

/**
 * A refusal of the competitions or applications service in the person's language: the host organization's own
 * sentences where it has them (BIN, window, incomplete application), the portal's general ones otherwise; each
 * invalid field named by its label and linked to it.
 */
export function hostProblem(
  error: unknown,
  t: TFunction,
): { message: string; fields: Record<string, string> } {
  if (!(error instanceof ProblemError)) return { message: t('errors.unexpected'), fields: {} };
  const general = describeProblem(error.problem, t);
  const message = t(`hostOrg.problems.${problemSlug(error.problem)}`, { defaultValue: general.message });
  const fields: Record<string, string> = { ...general.fields };
  for (const issue of error.problem.errors ?? []) {
    const field = formField(issue.field);
    const leaf = field.split('.').at(-1) ?? field;
    const own = t(`hostOrg.fieldProblems.${leaf}.${issue.code ?? 'custom'}`, { defaultValue: '' });
    if (own) fields[field] = own;
  }
  return { message, fields };
}

/** The label of a form field the service named: `facts.capacityTeams` -> "Teams it can host at once". */
export function fieldLabel(t: TFunction, field: string): string {
  const parts = field.split('.');
  const leaf = parts.find((part) => !/^\d+$/.test(part) && part !== 'facts') ?? field;
  const named = t(`hostOrg.fields.${parts.at(-1) ?? leaf}`, { defaultValue: '' });
  return named || t(`hostOrg.fields.${leaf}`, { defaultValue: field });
}

export function HostProblemAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const { message, fields } = hostProblem(error, t);
  const entries = Object.entries(fields);
  return (
    <Alert color="red" role="alert" title={message}>
      {entries.length > 0 ? (
        <List size="sm">
          {entries.map(([field, text]) => (
            <List.Item key={field}>
              <a href={`#field-${field}`}>{fieldLabel(t, field)}</a>: {text}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
