import { type DomainError, type Refusal, refuse } from '@zhas/domain';

/**
 * The refusals of this service's domain, by code. `shared/problems.ts` gives each its HTTP status; the problem
 * document's type is `/problems/<code>`, which clients switch on.
 */
export type CompetitionsErrorCode =
  // Who may act (policies).
  | 'forbidden'
  | 'not-found'
  // Fields the domain finds wrong (a BIN, a score of an unknown criterion): `errors` names them.
  | 'validation'
  // The state the resource is in.
  | 'invalid-state'
  | 'round-frozen'
  | 'round-not-open'
  | 'outside-window'
  | 'window-still-open'
  | 'selection-confirmed'
  | 'scoring-incomplete'
  | 'application-exists'
  | 'organization-exists'
  // Rules of the round.
  | 'round-invalid'
  | 'region-not-in-round'
  | 'incomplete-application';

export type CompetitionsError = DomainError<CompetitionsErrorCode>;

/** One failing field, as a problem document's `errors` lists it. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
  readonly code?: string;
}

/** The resource is in a state in which the action is not possible. */
export function invalidState(
  what: string,
  status: string,
  action: string,
): Refusal<DomainError<'invalid-state'>> {
  return refuse('invalid-state', `The ${what} is ${status}; it cannot be ${action}.`, {
    currentStatus: status,
  });
}

/** A refusal naming each failing field (400 validation, or 422 for the rules of a round). */
export function fieldRefusal<
  C extends 'validation' | 'round-invalid' | 'region-not-in-round' | 'incomplete-application',
>(code: C, detail: string, errors: readonly FieldError[]): Refusal<DomainError<C>> {
  return refuse(code, detail, errors.length > 0 ? { errors } : undefined);
}

/** Zod issues of a whole-object check (not a request part) as field errors, e.g. `rules.ageRange.max`. */
export function issuesAsFieldErrors(
  issues: readonly {
    readonly path: readonly PropertyKey[];
    readonly message: string;
    readonly code: string;
  }[],
  prefix: string[] = [],
): FieldError[] {
  return issues.map((issue) => ({
    field: [...prefix, ...issue.path.map(String)].join('.') || '(round)',
    message: issue.message,
    code: issue.code,
  }));
}
