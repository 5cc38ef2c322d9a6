import { type CommonErrorCode, type DomainError } from '@zhas/domain';
import { type ConcurrencyConflict } from '@zhas/messaging';
import { HttpProblem } from './problem';

/**
 * The statuses a domain refusal may have: the request was understood, and a rule or the state says no. 400 is for
 * a field the domain finds wrong in the light of what it knows (a BIN's check digit, a score for a criterion the
 * round does not have), reported like a validation error with `errors` naming the fields.
 */
export type RefusalStatus = 400 | 403 | 404 | 409 | 422;

/**
 * One table per service: each code of its domain-error union and the status of its problem document, whose type is
 * `/problems/<code>`. Typed as a full record, so a new code without a status does not compile.
 */
export type ProblemTable<C extends string> = Readonly<Record<C | CommonErrorCode, RefusalStatus>>;

/** A domain refusal as a problem document: its code names the type, its facts become members. */
export function refusalProblem(
  error: DomainError,
  table: Readonly<Record<string, RefusalStatus>>,
): HttpProblem {
  const status = table[error.code];
  if (status === undefined) {
    // A code the service's table lacks is a bug in the service, not the client's fault.
    throw new Error(`The domain error code '${error.code}' has no status in the service's problem table.`);
  }
  return new HttpProblem(status, `/problems/${error.code}`, error.detail, { ...error.facts });
}

/**
 * The one answer to a lost race, in every service: someone else changed the resource between our read and our
 * write (or it was created meanwhile). 409 `/problems/stale-version`; the client reloads and applies its change
 * again.
 */
export function conflictProblem(conflict: ConcurrencyConflict): HttpProblem {
  const expected = conflict.expectedVersion ?? 0;
  const current = conflict.actualVersion;
  return new HttpProblem(
    409,
    '/problems/stale-version',
    current === undefined
      ? 'The resource was changed or created meanwhile; reload it and apply the change again.'
      : `The resource is at version ${current}, not ${expected}; reload it and apply the change again.`,
    { expectedVersion: expected, ...(current === undefined ? {} : { currentVersion: current }) },
  );
}
