import { type TFunction } from 'i18next';

/** An RFC 9457 problem document as the services and the portal send them. */
export interface Problem {
  readonly type: string;
  readonly title?: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly { field: string; message: string; code?: string }[];
  readonly [extension: string]: unknown;
}

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.type);
  }
}

export const isProblem = (value: unknown): value is Problem =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Problem).type === 'string' &&
  typeof (value as Problem).status === 'number';

/** `/problems/stale-version` -> `stale-version`. */
export const problemSlug = (problem: Problem) => problem.type.replace(/^.*\/problems\//, '');

/** The zod issue codes the services report, to the portal's own messages. */
const CODE_MESSAGES: Record<string, string> = {
  too_small: 'validation.tooShort',
  too_big: 'validation.tooLong',
  invalid_type: 'validation.required',
  invalid_format: 'validation.invalid',
  invalid_value: 'validation.invalid',
  custom: 'validation.invalid',
};

/** A field's name in a form: `body.budgetLines.0.amountKzt` -> `budgetLines.0.amountKzt`. */
export const formField = (field: string) => field.replace(/^(body|query|params|headers)\./, '');

/** What to show: a sentence for the whole problem, and one message per form field, in the person's language. */
export function describeProblem(
  problem: Problem,
  t: TFunction,
): { message: string; fields: Record<string, string> } {
  const slug = problemSlug(problem);
  const byStatus =
    problem.status === 403
      ? 'errors.forbidden'
      : problem.status === 404
        ? 'errors.notFound'
        : problem.status === 409
          ? 'errors.conflict'
          : problem.status >= 500
            ? 'errors.unavailable'
            : 'errors.unexpected';
  const message = t(`problems.${slug}`, {
    defaultValue: t(slug === 'cross-site-request' ? 'errors.crossSite' : byStatus),
  });
  const fields: Record<string, string> = {};
  for (const error of problem.errors ?? []) {
    const field = formField(error.field);
    if (fields[field]) continue;
    const leaf = field.split('.').at(-1) ?? field;
    fields[field] = t(`validation.byField.${leaf}.${error.code ?? 'custom'}`, {
      defaultValue: t(CODE_MESSAGES[error.code ?? 'custom'] ?? 'validation.invalid'),
    });
  }
  return { message, fields };
}
