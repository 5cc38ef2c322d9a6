import { type FieldError, HttpProblem, problems } from '@zhas/service-kit';
import { ConcurrencyConflict } from '@zhas/messaging';
import { type z } from 'zod';

/**
 * A domain decision either gives a result or refuses with a problem. Domain functions return refusals instead of
 * throwing so that unit tests can assert them as values; the HTTP layer throws them.
 */
export type Decision<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: HttpProblem };

export function accept<T>(value: T): Decision<T> {
  return { ok: true, value };
}

export function refuse<T = never>(problem: HttpProblem): Decision<T> {
  return { ok: false, problem };
}

export function unwrap<T>(decision: Decision<T>): T {
  if (!decision.ok) throw decision.problem;
  return decision.value;
}

/** Refusals shared by the features, with stable problem types. */
export const competitionProblems = {
  invalidState: (what: string, status: string, action: string) =>
    problems.conflict('/problems/invalid-state', `The ${what} is ${status}; it cannot be ${action}.`, {
      currentStatus: status,
    }),
  unprocessable: (type: string, detail: string, errors: readonly FieldError[] = []) =>
    new HttpProblem(422, type, detail, errors.length > 0 ? { errors } : {}),
};

/**
 * Runs a version-guarded write: a concurrent change between our read and our write becomes a 409 (the client
 * reloads and tries again), never a 500.
 */
export async function guarded<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof ConcurrencyConflict) {
      if (error.expectedVersion !== undefined && error.actualVersion !== undefined)
        throw problems.staleVersion(error.expectedVersion, error.actualVersion);
      throw problems.conflict(
        '/problems/conflict',
        'The resource was changed or created concurrently; retry.',
      );
    }
    throw error;
  }
}

/** The client's `version` must be the stored one: an edit made on an old copy is refused with 409. */
export function requireVersion(expected: number, actual: number): void {
  if (expected !== actual) throw problems.staleVersion(expected, actual);
}

/** Zod issues of a whole-object check (not a request part) as field errors, e.g. `rules.ageRange.max`. */
export function issuesAsFieldErrors(
  issues: readonly z.core.$ZodIssue[],
  prefix: string[] = [],
): FieldError[] {
  return issues.map((issue) => ({
    field: [...prefix, ...issue.path.map(String)].join('.') || '(round)',
    message: issue.message,
    code: issue.code,
  }));
}
