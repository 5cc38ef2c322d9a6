import { type Actor, canAccessRegion, hasRole } from '@zhas/domain';
import { type BidState } from '../bids/domain';
import { isAssignedReviewer } from '../bids/policy';

// Who may review and decide (tested as a table in policy.unit.test.ts).

/** The reviewers the bid is assigned to score it and declare their conflicts. */
export function canReview(actor: Actor, bid: Pick<BidState, 'hostOrganizationId' | 'region'>): boolean {
  return isAssignedReviewer(actor, bid);
}

/** A coordinator of the bid's region decides whether it qualifies. */
export function canDecideQualification(actor: Actor, bid: Pick<BidState, 'region'>): boolean {
  return hasRole(actor, 'coordinator') && canAccessRegion(actor, bid.region);
}
