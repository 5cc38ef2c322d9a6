import {
  type HostDeclineReason,
  teamChangedV1,
  teamFormedV1,
  teamHostOrganizationConfirmedV1,
  teamHostOrganizationDeclinedV1,
  teamMemberInvitedV1,
} from '@zhas/contracts';
import {
  type Actor,
  type Change,
  type Decision,
  type Refusal,
  change,
  forbidden,
  hasRole,
  noChange,
  notFound,
  refuse,
} from '@zhas/domain';
import { type ApplicationsError, wrongState } from '../../shared/errors';
import { type EligibilityFailure } from '../participants/eligibility';
import { type RoundCopy } from '../rounds/store';
import { canActAsMember, canAnswerAsHost, canLeadTeam, canSeeTeam } from './policy';

// A team (docs/architecture.md, "The grant cycle", step 3): a leader invites members, the team is formed when its
// size fits the round's rules, and it applies independently or with a selected host organization of its region,
// which must confirm.

export type HostOrganizationStatus = 'none' | 'requested' | 'confirmed' | 'declined';

export type TeamState = {
  readonly teamId: string;
  readonly roundId: string;
  readonly region: string;
  readonly leaderParticipantId: string;
  /** The leader first, then members in the order they joined. */
  readonly memberParticipantIds: readonly string[];
  readonly invitedParticipantIds: readonly string[];
  readonly hostOrganizationId: string | null;
  readonly hostOrganizationStatus: HostOrganizationStatus;
  readonly hostDeclineReason: HostDeclineReason | null;
  readonly status: 'forming' | 'formed';
  readonly formedAt: string | null;
  /**
   * The code the leader shares (or its link) so that people join the team by themselves; null when none. Absent on
   * teams saved before codes existed: none. Only the team's members are shown it.
   */
  readonly invitationCode?: string | null;
};

type RoundFacts = Pick<RoundCopy, 'roundId' | 'regions' | 'rules' | 'youthApplicationWindow' | 'status'>;
export type TeamDecision = Decision<TeamState, ApplicationsError>;
type Check = Refusal<ApplicationsError> | undefined;

const OWN_RECORD_ONLY = 'You may act only for your own participant record.';

/** Teams change until the youth window closes, in a round still running. */
function refuseClosedRound(round: RoundFacts, now: Date): Check {
  if (round.status !== 'published') return refuse('round-closed', `The round is ${round.status}.`);
  const { closesAt } = round.youthApplicationWindow;
  if (now.getTime() >= Date.parse(closesAt)) {
    return refuse('outside-window', `The youth application window closed at ${closesAt}.`, { closesAt });
  }
  return undefined;
}

function refuseIneligible(failures: readonly EligibilityFailure[]): Check {
  if (failures.length === 0) return undefined;
  return refuse('not-eligible', failures.map((failure) => failure.detail).join(' '), {
    reasons: failures.map((failure) => failure.code),
  });
}

function refuseUnlessLeader(actor: Actor, team: TeamState): Check {
  return canLeadTeam(actor, team) ? undefined : forbidden(OWN_RECORD_ONLY);
}

function refuseUnlessForming(team: TeamState): Check {
  if (team.status === 'forming') return undefined;
  return wrongState('team', team.status, 'The team is formed already; its members no longer change.');
}

function refuseUnselectedHost(hostOrganizationId: string | null, selected: boolean): Check {
  if (hostOrganizationId === null || selected) return undefined;
  return refuse(
    'host-organization-not-selected',
    'The host organization was not selected in this round and region.',
  );
}

/** What a change of who is in the team depends on besides the team: the round's rules and whether the bid is in. */
export interface MembershipFacts {
  readonly round: RoundFacts;
  readonly bidSubmitted: boolean;
}

function refuseSubmittedBid(bidSubmitted: boolean, whatChanges: string): Check {
  if (!bidSubmitted) return undefined;
  return refuse('bid-submitted', `The bid is submitted; withdraw it to change the ${whatChanges}.`);
}

/** The actor starts a team and leads it. */
export function createTeam(
  actor: Actor,
  command: { readonly teamId: string; readonly region: string; readonly hostOrganizationId: string | null },
  facts: {
    readonly round: RoundFacts;
    readonly leaderEligibility: readonly EligibilityFailure[];
    readonly hostOrganizationSelected: boolean;
  },
  now: Date,
): Change<TeamState> | Refusal<ApplicationsError> {
  const leaderId = actor.participantId;
  if (leaderId === undefined) {
    return forbidden('Register as a participant first: the token carries no participant_id.');
  }
  const { round } = facts;
  const refused =
    refuseClosedRound(round, now) ??
    (round.regions.includes(command.region)
      ? undefined
      : refuse('region-not-in-round', `The round's regions are ${round.regions.join(', ')}.`)) ??
    refuseIneligible(facts.leaderEligibility) ??
    refuseUnselectedHost(command.hostOrganizationId, facts.hostOrganizationSelected);
  if (refused) return refused;
  return change({
    teamId: command.teamId,
    roundId: round.roundId,
    region: command.region,
    leaderParticipantId: leaderId,
    memberParticipantIds: [leaderId],
    invitedParticipantIds: [],
    hostOrganizationId: command.hostOrganizationId,
    hostOrganizationStatus: command.hostOrganizationId === null ? 'none' : 'requested',
    hostDeclineReason: null,
    status: 'forming',
    formedAt: null,
  });
}

export function invite(
  actor: Actor,
  team: TeamState,
  participantId: string,
  round: RoundFacts,
  now: Date,
): TeamDecision {
  const refused =
    refuseUnlessLeader(actor, team) ?? refuseClosedRound(round, now) ?? refuseUnlessForming(team);
  if (refused) return refused;
  if (
    team.memberParticipantIds.includes(participantId) ||
    team.invitedParticipantIds.includes(participantId)
  ) {
    return refuse('already-invited', 'This person is a member or invited already.');
  }
  const { max } = round.rules.teamSize;
  if (team.memberParticipantIds.length + team.invitedParticipantIds.length >= max) {
    return refuse('team-full', `A team has at most ${max} members.`, { maxSize: max });
  }
  return change({ ...team, invitedParticipantIds: [...team.invitedParticipantIds, participantId] }, [
    {
      definition: teamMemberInvitedV1,
      data: {
        teamId: team.teamId,
        roundId: team.roundId,
        region: team.region,
        invitedParticipantId: participantId,
        invitedAt: now.toISOString(),
      },
    },
  ]);
}

export function acceptInvitation(
  actor: Actor,
  team: TeamState,
  participantId: string,
  facts: { readonly round: RoundFacts; readonly eligibility: readonly EligibilityFailure[] },
  now: Date,
): TeamDecision {
  const refused =
    (canActAsMember(actor, participantId, team) ? undefined : forbidden(OWN_RECORD_ONLY)) ??
    refuseClosedRound(facts.round, now) ??
    refuseUnlessForming(team) ??
    (team.invitedParticipantIds.includes(participantId)
      ? undefined
      : notFound('Invitation for', participantId)) ??
    refuseIneligible(facts.eligibility);
  if (refused) return refused;
  return change({
    ...team,
    memberParticipantIds: [...team.memberParticipantIds, participantId],
    invitedParticipantIds: team.invitedParticipantIds.filter((id) => id !== participantId),
  });
}

/** The leader closes the team: its size must fit the round's rules; pending invitations lapse. */
export function formTeam(actor: Actor, team: TeamState, round: RoundFacts, now: Date): TeamDecision {
  const refused =
    refuseUnlessLeader(actor, team) ?? refuseClosedRound(round, now) ?? refuseUnlessForming(team);
  if (refused) return refused;
  const { min, max } = round.rules.teamSize;
  const size = team.memberParticipantIds.length;
  if (size < min || size > max) {
    return refuse('team-size', `A team has ${min} to ${max} members; this one has ${size}.`, {
      minSize: min,
      maxSize: max,
      size,
    });
  }
  const formedAt = now.toISOString();
  return change({ ...team, invitedParticipantIds: [], status: 'formed', formedAt }, [
    {
      definition: teamFormedV1,
      data: { ...membership(team), formedAt },
    },
  ]);
}

/** A formed team whose request to a host organization awaits its answer. */
function awaitsHostAnswer(team: TeamState): team is TeamState & { readonly hostOrganizationId: string } {
  return (
    team.status === 'formed' &&
    team.hostOrganizationId !== null &&
    team.hostOrganizationStatus === 'requested'
  );
}

function refuseNoPendingRequest(team: TeamState): Refusal<ApplicationsError> {
  if (team.status !== 'formed') {
    return wrongState('team', team.status, 'The host organization answers once the team is formed.');
  }
  return wrongState(
    'team',
    team.hostOrganizationStatus,
    'The team has no request to a host organization awaiting an answer.',
  );
}

const HOST_ONLY = 'You may act only for your own host organization.';

export function confirmHostOrganization(actor: Actor, team: TeamState, now: Date): TeamDecision {
  if (!awaitsHostAnswer(team)) return refuseNoPendingRequest(team);
  if (!canAnswerAsHost(actor, team.hostOrganizationId, team)) return forbidden(HOST_ONLY);
  return change({ ...team, hostOrganizationStatus: 'confirmed' }, [
    {
      definition: teamHostOrganizationConfirmedV1,
      data: {
        teamId: team.teamId,
        roundId: team.roundId,
        region: team.region,
        hostOrganizationId: team.hostOrganizationId,
        confirmedAt: now.toISOString(),
      },
    },
  ]);
}

export function declineHostOrganization(
  actor: Actor,
  team: TeamState,
  reason: HostDeclineReason,
  now: Date,
): TeamDecision {
  if (!awaitsHostAnswer(team)) return refuseNoPendingRequest(team);
  if (!canAnswerAsHost(actor, team.hostOrganizationId, team)) return forbidden(HOST_ONLY);
  return change({ ...team, hostOrganizationStatus: 'declined', hostDeclineReason: reason }, [
    {
      definition: teamHostOrganizationDeclinedV1,
      data: {
        teamId: team.teamId,
        roundId: team.roundId,
        region: team.region,
        hostOrganizationId: team.hostOrganizationId,
        reason,
        declinedAt: now.toISOString(),
      },
    },
  ]);
}

/** What a formed team's change says: who is in it now, who joined or left, its host organization. */
function teamChanged(
  team: TeamState,
  delta: { readonly joined?: readonly string[]; readonly left?: readonly string[] },
  now: Date,
) {
  return {
    definition: teamChangedV1,
    data: {
      ...membership(team),
      joinedParticipantIds: [...(delta.joined ?? [])],
      leftParticipantIds: [...(delta.left ?? [])],
      changedAt: now.toISOString(),
    },
  };
}

/** Who a team is, as both team events say it: its round and region, leader, members and host organization. */
function membership(team: TeamState) {
  return {
    teamId: team.teamId,
    roundId: team.roundId,
    region: team.region,
    leaderParticipantId: team.leaderParticipantId,
    memberParticipantIds: [...team.memberParticipantIds],
    ...(team.hostOrganizationId === null ? {} : { hostOrganizationId: team.hostOrganizationId }),
  };
}

/**
 * The leader asks another selected host organization, or none (applying independently), e.g. after a decline.
 * Not once the bid is submitted: its reviewers follow from the host organization.
 */
export function changeHostOrganization(
  actor: Actor,
  team: TeamState,
  hostOrganizationId: string | null,
  facts: MembershipFacts & { readonly hostOrganizationSelected: boolean },
  now: Date,
): TeamDecision {
  const refused =
    refuseUnlessLeader(actor, team) ??
    refuseClosedRound(facts.round, now) ??
    refuseSubmittedBid(facts.bidSubmitted, 'host') ??
    refuseUnselectedHost(hostOrganizationId, facts.hostOrganizationSelected);
  if (refused) return refused;
  const state: TeamState = {
    ...team,
    hostOrganizationId,
    hostOrganizationStatus: hostOrganizationId === null ? 'none' : 'requested',
    hostDeclineReason: null,
  };
  return change(state, team.status === 'formed' ? [teamChanged(state, {}, now)] : []);
}

/**
 * A member leaves (or the leader removes them), an invitation is withdrawn or declined. Not the leader, and not
 * once the bid is submitted: the team as submitted is the team that is checked, reviewed and awarded.
 */
export function leaveTeam(
  actor: Actor,
  team: TeamState,
  participantId: string,
  facts: MembershipFacts,
  now: Date,
): TeamDecision {
  const refused =
    (canActAsMember(actor, participantId, team) ? undefined : refuseUnlessLeader(actor, team)) ??
    refuseClosedRound(facts.round, now) ??
    (participantId === team.leaderParticipantId
      ? refuse('leader-stays', 'The leader cannot leave the team.')
      : undefined) ??
    refuseSubmittedBid(facts.bidSubmitted, 'team');
  if (refused) return refused;
  if (team.invitedParticipantIds.includes(participantId)) {
    return change({
      ...team,
      invitedParticipantIds: team.invitedParticipantIds.filter((id) => id !== participantId),
    });
  }
  if (!team.memberParticipantIds.includes(participantId)) return notFound('Member', participantId);
  const state: TeamState = {
    ...team,
    memberParticipantIds: team.memberParticipantIds.filter((id) => id !== participantId),
  };
  return change(state, team.status === 'formed' ? [teamChanged(state, { left: [participantId] }, now)] : []);
}

/**
 * The leader gives the team an invitation code (a new one replaces the old, which then stops working), so people
 * join by themselves, with the code or its link, until the bid is submitted.
 */
export function setInvitationCode(
  actor: Actor,
  team: TeamState,
  code: string,
  facts: MembershipFacts,
  now: Date,
): TeamDecision {
  const refused =
    refuseUnlessLeader(actor, team) ??
    refuseClosedRound(facts.round, now) ??
    refuseSubmittedBid(facts.bidSubmitted, 'team');
  if (refused) return refused;
  return change({ ...team, invitationCode: code });
}

/** The leader stops the code working: nobody else joins with it. */
export function revokeInvitationCode(actor: Actor, team: TeamState): TeamDecision {
  const refused = refuseUnlessLeader(actor, team);
  if (refused) return refused;
  if ((team.invitationCode ?? null) === null) return noChange;
  return change({ ...team, invitationCode: null });
}

/** Whether the code opens this team: the team's current code (an older or revoked one does not). */
export function opensTeam(team: Pick<TeamState, 'invitationCode'>, code: string): boolean {
  return (team.invitationCode ?? null) !== null && team.invitationCode === code;
}

/**
 * A person joins the team with its code, until the bid is submitted: eligibility is checked as for an invitation,
 * the team keeps within the round's maximum size, and a formed team publishes that it changed. Joining again is no
 * change, so a repeated tap does nothing twice.
 */
export function joinWithCode(
  actor: Actor,
  team: TeamState,
  code: string,
  facts: MembershipFacts & { readonly eligibility: readonly EligibilityFailure[] },
  now: Date,
): TeamDecision {
  const participantId = actor.participantId;
  if (participantId === undefined || !hasRole(actor, 'applicant')) {
    return forbidden('Register as a participant first: the token carries no participant_id.');
  }
  if (!opensTeam(team, code)) return notFound('Invitation', code);
  if (team.memberParticipantIds.includes(participantId)) return noChange;
  const refused =
    refuseClosedRound(facts.round, now) ??
    refuseSubmittedBid(facts.bidSubmitted, 'team') ??
    refuseIneligible(facts.eligibility);
  if (refused) return refused;
  const { max } = facts.round.rules.teamSize;
  const othersInvited = team.invitedParticipantIds.filter((id) => id !== participantId);
  if (team.memberParticipantIds.length + othersInvited.length >= max) {
    return refuse('team-full', `A team has at most ${max} members.`, { maxSize: max });
  }
  const state: TeamState = {
    ...team,
    memberParticipantIds: [...team.memberParticipantIds, participantId],
    invitedParticipantIds: othersInvited,
  };
  return change(
    state,
    team.status === 'formed' ? [teamChanged(state, { joined: [participantId] }, now)] : [],
  );
}

export type TeamRole = 'leader' | 'member' | 'invited';

/** Everyone the team lists, with their place in it: the leader, the members in joining order, then invitees. */
export function peopleOf(team: TeamState): { readonly participantId: string; readonly role: TeamRole }[] {
  return [
    ...team.memberParticipantIds.map((participantId) => ({
      participantId,
      role: participantId === team.leaderParticipantId ? ('leader' as const) : ('member' as const),
    })),
    ...team.invitedParticipantIds.map((participantId) => ({ participantId, role: 'invited' as const })),
  ];
}

/** Whether the actor may see the team (undefined: yes). */
export function refuseRead(actor: Actor, team: TeamState): Refusal<ApplicationsError> | undefined {
  return canSeeTeam(actor, team) ? undefined : forbidden('You may see only your own team.');
}
