import { type Actor, canAccessRegion, hasRole } from '@zhas/domain';
import { type BidState } from '../bids/domain';
import { isAssignedReviewer } from '../bids/policy';

// Who may review, assign and decide (tested as a table in policy.unit.test.ts).

/**
 * A reviewer of the bid's pool (its host organization's staff, or the region's committee for independent teams)
 * scores it and declares conflicts; once a coordinator assigned reviewers, only those assigned do.
 */
export function canReview(
  actor: Actor,
  bid: Pick<BidState, 'hostOrganizationId' | 'region' | 'assignedReviewerIds'>,
  reviewerId: string,
): boolean {
  const assigned = bid.assignedReviewerIds ?? [];
  return isAssignedReviewer(actor, bid) && (assigned.length === 0 || assigned.includes(reviewerId));
}

/** A coordinator of the bid's region assigns its reviewers. */
export function canAssignReviewers(actor: Actor, bid: Pick<BidState, 'region'>): boolean {
  return hasRole(actor, 'coordinator') && canAccessRegion(actor, bid.region);
}

/** A coordinator of the bid's region decides whether it qualifies. */
export function canDecideQualification(actor: Actor, bid: Pick<BidState, 'region'>): boolean {
  return hasRole(actor, 'coordinator') && canAccessRegion(actor, bid.region);
}
