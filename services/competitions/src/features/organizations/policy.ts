import { type Actor, canActForHostOrganization, hasRole } from '@zhas/domain';
import { type Organization } from './domain';

// Who may do what with a host organization (tested as a table in policy.unit.test.ts).

/**
 * The organization's staff (by claim, or the user who registered it), or a coordinator covering the region the
 * action concerns; `region` null is the organization as a whole (its BIN), which only national coordinators reach.
 */
export function canActForOrganization(
  actor: Actor,
  organization: Pick<Organization, '_id' | 'registeredBy'>,
  region: string | null,
): boolean {
  return (
    canActForHostOrganization(actor, organization._id, region) ||
    (hasRole(actor, 'host_org') &&
      actor.hostOrgId === undefined &&
      organization.registeredBy === actor.subject)
  );
}

/** Its staff and staff of the programme see an organization; the BIN only those who act for it as a whole. */
export function canSeeOrganization(
  actor: Actor,
  organization: Pick<Organization, '_id' | 'registeredBy'>,
): boolean {
  return (
    canActForOrganization(actor, organization, null) || hasRole(actor, 'committee', 'viewer', 'coordinator')
  );
}

/** The BIN (an individual entrepreneur's is their IIN) for the organization itself and national coordinators. */
export function canSeeIdentity(
  actor: Actor,
  organization: Pick<Organization, '_id' | 'registeredBy'>,
): boolean {
  return canActForOrganization(actor, organization, null);
}
