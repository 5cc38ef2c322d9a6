import { Alert, List } from '@mantine/core';
import { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { describeProblem, type Problem, ProblemError } from '../../../api/problems';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { regionName } from '../common';
import { fieldKey, inputId } from './roundForm';

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
  readonly code?: string;
}

/** A field the service names, in the person's words: "Project quota (Almaty)". */
export function useFieldLabel(regionsOfQuotas: readonly string[]) {
  const { t } = useTranslation();
  return (field: string) => {
    const { key, index } = fieldKey(field);
    const label = t(`coordRound.field.${key}`, { defaultValue: key });
    const region =
      index === undefined
        ? undefined
        : key.startsWith('rules_regionQuotas') || key === 'regions'
          ? regionsOfQuotas[index]
          : undefined;
    return region ? `${label} (${regionName(t, region)})` : label;
  };
}

/**
 * Every problem the service found with the round, each naming its field (a link to it in the editor) and saying
 * what is wrong in the person's language: the rule's own code (`window-order`) where the service gives one, or
 * the kind of error (too small, missing).
 */
export function FieldProblems(props: {
  title: string;
  problems: readonly FieldProblem[];
  regionsOfQuotas: readonly string[];
}) {
  const { t } = useTranslation();
  const label = useFieldLabel(props.regionsOfQuotas);
  const messages = problemMessages(props.problems, t);
  return (
    <Alert color="red" role="alert" title={props.title} data-testid="round-problems">
      <List size="sm">
        {props.problems.map((problem) => {
          const field = problem.field.replace(/^(body|query|params)\./, '');
          return (
            <List.Item key={`${problem.field}-${problem.code ?? ''}-${problem.message}`}>
              <a href={`#${inputId(problem.field)}`}>{label(problem.field)}</a>:{' '}
              {t(`coordRound.checkCode.${problem.code ?? 'custom'}`, { defaultValue: messages[field] })}
            </List.Item>
          );
        })}
      </List>
    </Alert>
  );
}

/**
 * What is wrong with each field, by the field's path (`rules.ageRange.max`): the rule's own code where the service
 * gives one (`coordRound.checkCode.window-order`), else the kind of error (too small, missing).
 */
export function problemMessages(problems: readonly FieldProblem[], t: TFunction): Record<string, string> {
  const generic = describeProblem(
    { type: '/problems/round-invalid', status: 422, errors: problems.map((problem) => ({ ...problem })) },
    t,
  ).fields;
  const messages: Record<string, string> = {};
  for (const problem of problems) {
    const field = problem.field.replace(/^(body|query|params)\./, '');
    messages[field] ??= t(`coordRound.checkCode.${problem.code ?? 'custom'}`, {
      defaultValue: generic[field] ?? t('validation.invalid'),
    });
  }
  return messages;
}

/** A refusal of the service: its fields listed as above, or its sentence (`problems.<type>`). */
export function RoundProblem({
  error,
  regionsOfQuotas,
}: {
  error: unknown;
  regionsOfQuotas: readonly string[];
}) {
  const { t } = useTranslation();
  if (!error) return null;
  if (!(error instanceof ProblemError)) return <ProblemAlert error={error} />;
  const problem: Problem = error.problem;
  const title = describeProblem(problem, t).message;
  if (problem.errors && problem.errors.length > 0)
    return <FieldProblems title={title} problems={problem.errors} regionsOfQuotas={regionsOfQuotas} />;
  return (
    <Alert color="red" role="alert" title={title}>
      {null}
    </Alert>
  );
}
