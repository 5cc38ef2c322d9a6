import { type Actor, canAccessRegion, hasRole } from '@zhas/domain';

// Who may see a region's ranking and confirm its selection (tested as a table in policy.unit.test.ts); the
// confirmed selection of a round is public.

/** Coordinators and committee members of the region see the proposed ranking. */
export function canSeeRanking(actor: Actor, region: string): boolean {
  return hasRole(actor, 'coordinator', 'committee') && canAccessRegion(actor, region);
}

/** A coordinator of the region confirms its selection. */
export function canConfirmSelection(actor: Actor, region: string): boolean {
  return hasRole(actor, 'coordinator') && canAccessRegion(actor, region);
}
