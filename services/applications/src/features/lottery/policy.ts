import { type Actor, canAccessRegion, hasRole } from '@zhas/domain';

// Who may draw (tested as a table in policy.unit.test.ts); anyone may read and re-run a drawn lottery.

/** A coordinator of the region draws its lottery and completes its outcomes. */
export function canDrawLottery(actor: Actor, region: string): boolean {
  return hasRole(actor, 'coordinator') && canAccessRegion(actor, region);
}
