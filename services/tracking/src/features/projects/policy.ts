import { type Actor, canAccessRegion, hasRole } from '@zhas/domain';
import { type ProjectState } from './domain';

// Who may do what with a project and its documents (tested as a table in policy.unit.test.ts). Route roles are a
// first gate; these look at the project itself.

type ProjectFacts = Pick<
  ProjectState,
  'region' | 'hostOrganizationId' | 'memberParticipantIds' | 'leaderParticipantId'
>;

/** The token names the project's host organization. */
function isTheHost(actor: Actor, project: Pick<ProjectFacts, 'hostOrganizationId'>): boolean {
  return (
    hasRole(actor, 'host_org') &&
    actor.hostOrgId !== undefined &&
    actor.hostOrgId === project.hostOrganizationId
  );
}

/** The token names one of these participants. */
function isOneOf(actor: Actor, participantIds: readonly string[]): boolean {
  return (
    hasRole(actor, 'applicant') &&
    actor.participantId !== undefined &&
    participantIds.includes(actor.participantId)
  );
}

/** Coordinators and viewers of its region, its host organization and its members read a project. */
export function canReadProject(actor: Actor, project: ProjectFacts): boolean {
  if (hasRole(actor, 'coordinator', 'viewer')) return canAccessRegion(actor, project.region);
  return isTheHost(actor, project) || isOneOf(actor, project.memberParticipantIds);
}

/** Coordinators (and admins) of its region manage a project's agreement, money, exits and completion. */
export function canManageProject(actor: Actor, project: Pick<ProjectFacts, 'region'>): boolean {
  return hasRole(actor, 'coordinator') && canAccessRegion(actor, project.region);
}

/** Only the leader of the project's team reports for it. */
export function canReport(actor: Actor, project: Pick<ProjectFacts, 'leaderParticipantId'>): boolean {
  return isOneOf(actor, [project.leaderParticipantId]);
}

/** The project's host organization, or a coordinator of its region, accepts or returns its reports. */
export function canReviewReports(
  actor: Actor,
  project: Pick<ProjectFacts, 'region' | 'hostOrganizationId'>,
): boolean {
  if (hasRole(actor, 'coordinator')) return canAccessRegion(actor, project.region);
  return isTheHost(actor, project);
}

/** The project's host organization, or a coordinator of its region, records its members' surveys. */
export function canRecordSurveys(
  actor: Actor,
  project: Pick<ProjectFacts, 'region' | 'hostOrganizationId'>,
): boolean {
  return canReviewReports(actor, project);
}

/** Which projects a list shows: staff their regions, others their own (none when the token names nothing). */
export type ProjectListScope =
  | { readonly kind: 'regions' }
  | { readonly kind: 'own'; readonly hostOrganizationId?: string; readonly participantId?: string };

export function projectListScope(actor: Actor): ProjectListScope {
  if (hasRole(actor, 'coordinator', 'viewer')) return { kind: 'regions' };
  return {
    kind: 'own',
    ...(hasRole(actor, 'host_org') && actor.hostOrgId ? { hostOrganizationId: actor.hostOrgId } : {}),
    ...(hasRole(actor, 'applicant') && actor.participantId ? { participantId: actor.participantId } : {}),
  };
}
