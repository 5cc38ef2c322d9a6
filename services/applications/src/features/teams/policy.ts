import {
  type Actor,
  canAccessRegion,
  canActForHostOrganization,
  canActForParticipant,
  hasRole,
} from '@zhas/domain';
import { type TeamState } from './domain';

// Who may do what with a team (tested as a table in policy.unit.test.ts).

type TeamFacts = Pick<
  TeamState,
  'leaderParticipantId' | 'memberParticipantIds' | 'invitedParticipantIds' | 'hostOrganizationId' | 'region'
>;

/** The leader (or a coordinator of the team's region) runs the team: invitations, forming, its host organization, removals. */
export function canLeadTeam(actor: Actor, team: Pick<TeamFacts, 'leaderParticipantId' | 'region'>): boolean {
  return canActForParticipant(actor, team.leaderParticipantId, team.region);
}

/** The person themself (or a coordinator of the team's region) accepts an invitation or leaves. */
export function canActAsMember(
  actor: Actor,
  participantId: string,
  team: Pick<TeamFacts, 'region'>,
): boolean {
  return canActForParticipant(actor, participantId, team.region);
}

/** Staff of the host organization the team asked (or a coordinator of the team's region) answer the request. */
export function canAnswerAsHost(
  actor: Actor,
  hostOrganizationId: string,
  team: Pick<TeamFacts, 'region'>,
): boolean {
  return canActForHostOrganization(actor, hostOrganizationId, team.region);
}

/** Members and invitees, the team's host organization, and staff of the team's region. */
export function canSeeTeam(actor: Actor, team: TeamFacts): boolean {
  const own =
    actor.participantId !== undefined &&
    hasRole(actor, 'applicant') &&
    (team.memberParticipantIds.includes(actor.participantId) ||
      team.invitedParticipantIds.includes(actor.participantId));
  const host =
    hasRole(actor, 'host_org') &&
    team.hostOrganizationId !== null &&
    actor.hostOrgId === team.hostOrganizationId;
  const staff = hasRole(actor, 'coordinator', 'committee', 'viewer') && canAccessRegion(actor, team.region);
  // A coordinator limited to some regions sees no other region's team, even one they belong to.
  const outOfRegion = hasRole(actor, 'coordinator') && !canAccessRegion(actor, team.region);
  return (own || host || staff) && !outOfRegion;
}

/**
 * The team's invitation code lets anyone join it: its members see it (to share it) and so does whoever leads the
 * team; host organizations and other staff do not.
 */
export function canSeeInvitationCode(
  actor: Actor,
  team: Pick<TeamFacts, 'leaderParticipantId' | 'memberParticipantIds' | 'region'>,
): boolean {
  const member =
    actor.participantId !== undefined &&
    hasRole(actor, 'applicant') &&
    team.memberParticipantIds.includes(actor.participantId);
  return member || canLeadTeam(actor, team);
}

/** Which teams a list shows the actor (the regions asked for and allowed are applied on top). */
export type TeamListScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'host-organization'; readonly hostOrganizationId: string }
  | { readonly kind: 'member'; readonly participantId: string }
  | { readonly kind: 'none' };

export function teamListScope(actor: Actor): TeamListScope {
  if (hasRole(actor, 'coordinator', 'committee', 'viewer')) return { kind: 'all' };
  if (hasRole(actor, 'host_org') && actor.hostOrgId !== undefined) {
    return { kind: 'host-organization', hostOrganizationId: actor.hostOrgId };
  }
  if (hasRole(actor, 'applicant') && actor.participantId !== undefined) {
    return { kind: 'member', participantId: actor.participantId };
  }
  return { kind: 'none' };
}
