import { type DomainError, type Refusal, refuse } from '@zhas/domain';

/**
 * The refusals of this service's domain, by code. `shared/problems.ts` gives each its HTTP status; the problem
 * document's type is `/problems/<code>`, which clients switch on.
 */
export type ApplicationsErrorCode =
  // Who may act (policies).
  | 'forbidden'
  | 'not-found'
  // The state the resource is in.
  | 'wrong-state'
  | 'round-closed'
  | 'outside-window'
  | 'window-still-open'
  | 'already-registered'
  | 'already-invited'
  | 'already-in-team'
  | 'leader-stays'
  | 'bid-submitted'
  | 'bid-exists'
  | 'team-not-formed'
  | 'conflict-of-interest'
  | 'already-reviewed'
  | 'no-reviews'
  | 'reviews-pending'
  | 'lottery-already-drawn'
  | 'lottery-seed-fixed'
  // Rules of the round.
  | 'age-outside-programme'
  | 'invalid-iin'
  | 'not-eligible'
  | 'region-not-in-round'
  | 'host-organization-not-selected'
  | 'team-full'
  | 'team-size'
  | 'bid-incomplete'
  | 'rubric-mismatch';

export type ApplicationsError = DomainError<ApplicationsErrorCode>;

/** The command does not fit the state the resource is in (a submitted bid edited, a team formed twice). */
export function wrongState(
  resource: string,
  currentState: string,
  detail: string,
): Refusal<DomainError<'wrong-state'>> {
  // Not 'status': a member of that name would replace the problem document's own status.
  return refuse('wrong-state', detail, { resource, currentState });
}
