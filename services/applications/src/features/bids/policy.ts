import { type Actor, canAccessRegion, canActForParticipant, hasRole } from '@zhas/domain';
import { type TeamState } from '../teams/domain';
import { type BidState } from './domain';

// Who may do what with a bid (tested as a table in policy.unit.test.ts).

/** The leader (or a coordinator of the team's region) acts for the team on its bid. */
export function canActForTeam(
  actor: Actor,
  team: Pick<TeamState, 'leaderParticipantId' | 'region'>,
): boolean {
  return canActForParticipant(actor, team.leaderParticipantId, team.region);
}

/** Every member of the team edits its draft (and whoever acts for the team); only the leader submits it. */
export function canEditDraft(
  actor: Actor,
  team: Pick<TeamState, 'leaderParticipantId' | 'memberParticipantIds' | 'region'>,
): boolean {
  const member =
    hasRole(actor, 'applicant') &&
    actor.participantId !== undefined &&
    team.memberParticipantIds.includes(actor.participantId);
  return member || canActForTeam(actor, team);
}

/** The reviewers a bid is assigned to: its host organization's staff, or the committee for independent teams. */
export function isAssignedReviewer(
  actor: Actor,
  bid: Pick<BidState, 'hostOrganizationId' | 'region'>,
): boolean {
  if (bid.hostOrganizationId !== null) {
    return hasRole(actor, 'host_org') && actor.hostOrgId === bid.hostOrganizationId;
  }
  return hasRole(actor, 'committee') && canAccessRegion(actor, bid.region);
}

/** Team members, the assigned reviewers and coordinators and viewers of the bid's region may see a bid. */
export function canSeeBid(
  actor: Actor,
  bid: Pick<BidState, 'hostOrganizationId' | 'region'>,
  team: Pick<TeamState, 'memberParticipantIds'>,
): boolean {
  const member =
    hasRole(actor, 'applicant') &&
    actor.participantId !== undefined &&
    team.memberParticipantIds.includes(actor.participantId);
  return (
    member ||
    isAssignedReviewer(actor, bid) ||
    (hasRole(actor, 'coordinator', 'viewer') && canAccessRegion(actor, bid.region))
  );
}

/** Which bids a list shows the actor: reviewers only the submitted bids assigned to them. */
export type BidListScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'host-organization'; readonly hostOrganizationId: string }
  | { readonly kind: 'committee' }
  | { readonly kind: 'none' };

export function bidListScope(actor: Actor): BidListScope {
  if (hasRole(actor, 'coordinator', 'viewer')) return { kind: 'all' };
  if (hasRole(actor, 'host_org') && actor.hostOrgId !== undefined) {
    return { kind: 'host-organization', hostOrganizationId: actor.hostOrgId };
  }
  if (hasRole(actor, 'committee')) return { kind: 'committee' };
  return { kind: 'none' };
}
