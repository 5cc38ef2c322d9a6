import { type Actor, canAccessRegion, hasRole } from '@zhas/domain';

// Who may handle a grievance (tested as a table in policy.unit.test.ts); anyone may lodge one.

/** Coordinators of the grievance's region read it (contact details included), assign, answer and resolve it. */
export function canHandleGrievance(actor: Actor, grievance: { readonly region: string }): boolean {
  return hasRole(actor, 'coordinator') && canAccessRegion(actor, grievance.region);
}
