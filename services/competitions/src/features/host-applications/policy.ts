import { type Actor, canAccessRegion, hasRole } from '@zhas/domain';
import { type Organization } from '../organizations/domain';
import { canActForOrganization } from '../organizations/policy';
import { type HostApplicationState } from './domain';

// Who may do what with a host application (tested as a table in policy.unit.test.ts).

/** The organization's staff, or a coordinator of the region, apply for it and change its application. */
export function canActForApplicant(actor: Actor, organization: Organization, region: string): boolean {
  return canActForOrganization(actor, organization, region);
}

/**
 * Why a committee member may not score (or declare a conflict on) the application, if they may not: the region is
 * not theirs, or they work for the applying organization.
 */
export function refusesScorer(
  actor: Actor,
  application: Pick<HostApplicationState, 'region' | 'hostOrganizationId'>,
): 'region' | 'own-organization' | undefined {
  if (!canAccessRegion(actor, application.region)) return 'region';
  if (actor.hostOrgId === application.hostOrganizationId) return 'own-organization';
  return undefined;
}

/**
 * Who may know an application exists: the organization's staff; coordinators of its region; committee members and
 * viewers of its region once it is submitted. Everyone else is told it does not exist.
 */
export function canSeeApplication(
  actor: Actor,
  application: Pick<HostApplicationState, 'region' | 'status'>,
  organization: Organization | undefined,
): boolean {
  if (hasRole(actor, 'host_org') && !hasRole(actor, 'coordinator')) {
    if (organization && canActForOrganization(actor, organization, application.region)) return true;
  }
  const seesSubmitted =
    hasRole(actor, 'coordinator') ||
    (hasRole(actor, 'committee', 'viewer') && application.status !== 'draft');
  return seesSubmitted && canAccessRegion(actor, application.region);
}

/** Which applications a list shows: staff of the programme by region (submitted ones but to coordinators), or an
 * organization's own. */
export type ApplicationListScope =
  | { readonly kind: 'staff'; readonly submittedOnly: boolean }
  | { readonly kind: 'own-organizations'; readonly hostOrganizationId?: string };

export function applicationListScope(actor: Actor): ApplicationListScope {
  if (hasRole(actor, 'coordinator', 'committee', 'viewer')) {
    return { kind: 'staff', submittedOnly: !hasRole(actor, 'coordinator') };
  }
  // host_org staff: their organization by claim, or those they registered before having the claim.
  return actor.hostOrgId === undefined
    ? { kind: 'own-organizations' }
    : { kind: 'own-organizations', hostOrganizationId: actor.hostOrgId };
}
