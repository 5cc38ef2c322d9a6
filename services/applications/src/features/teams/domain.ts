import {
  teamChangedV1,
  teamFormedV1,
  teamHostOrganizationConfirmedV1,
  teamHostOrganizationDeclinedV1,
} from '@zhas/contracts';
import {
  type Principal,
  canAccessRegion,
  canActForParticipant,
  hasRole,
  problems,
  requireHostOrganization,
  requireParticipant,
  requireRegion,
} from '@zhas/service-kit';
import { ruleViolation, wrongState } from '../../shared/problems';
import { type EligibilityFailure } from '../participants/eligibility';
import { type Decision } from '../participants/domain';
import { type RoundCopy } from '../rounds/round-copies';

// A team (DESIGN section 2, step 3): a leader invites members, the team is formed when its size fits the round's
// rules, and it applies independently or with a selected host organization of its region, which must confirm.

export type HostOrganizationStatus = 'none' | 'requested' | 'confirmed' | 'declined';
export const hostDeclineReasons = ['no-capacity', 'outside-focus', 'conflict-of-interest', 'other'] as const;
export type HostDeclineReason = (typeof hostDeclineReasons)[number];

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
};

type RoundFacts = Pick<RoundCopy, 'roundId' | 'regions' | 'rules' | 'youthApplicationWindow' | 'status'>;

/** Teams change until the youth window closes, in a round still running. */
function requireOpenRound(round: RoundFacts, now: Date): void {
  if (round.status !== 'published') {
    throw problems.conflict('/problems/round-closed', `The round is ${round.status}.`);
  }
  if (now.getTime() >= Date.parse(round.youthApplicationWindow.closesAt)) {
    throw problems.conflict(
      '/problems/outside-window',
      `The youth application window closed at ${round.youthApplicationWindow.closesAt}.`,
      { closesAt: round.youthApplicationWindow.closesAt },
    );
  }
}

function refuseIneligible(failures: readonly EligibilityFailure[]): void {
  if (failures.length > 0) {
    throw ruleViolation('/problems/not-eligible', failures.map((failure) => failure.detail).join(' '), {
      reasons: failures.map((failure) => failure.code),
    });
  }
}

function requireLeader(principal: Principal, team: TeamState): void {
  requireParticipant(principal, team.leaderParticipantId, team.region);
}

function requireForming(team: TeamState): void {
  if (team.status !== 'forming') {
    throw wrongState('team', team.status, 'The team is formed already; its members no longer change.');
  }
}

export function createTeam(
  principal: Principal,
  command: {
    readonly teamId: string;
    readonly region: string;
    readonly hostOrganizationId: string | null;
  },
  facts: {
    readonly round: RoundFacts;
    readonly leaderEligibility: readonly EligibilityFailure[];
    readonly hostOrganizationSelected: boolean;
  },
  now: Date,
): TeamState {
  if (principal.participantId === undefined) {
    throw problems.forbidden('Register as a participant first: the token carries no participant_id.');
  }
  requireOpenRound(facts.round, now);
  if (!facts.round.regions.includes(command.region)) {
    throw ruleViolation(
      '/problems/region-not-in-round',
      `The round's regions are ${facts.round.regions.join(', ')}.`,
    );
  }
  refuseIneligible(facts.leaderEligibility);
  if (command.hostOrganizationId !== null && !facts.hostOrganizationSelected) {
    throw ruleViolation(
      '/problems/host-organization-not-selected',
      'The host organization was not selected in this round and region.',
    );
  }
  return {
    teamId: command.teamId,
    roundId: facts.round.roundId,
    region: command.region,
    leaderParticipantId: principal.participantId,
    memberParticipantIds: [principal.participantId],
    invitedParticipantIds: [],
    hostOrganizationId: command.hostOrganizationId,
    hostOrganizationStatus: command.hostOrganizationId === null ? 'none' : 'requested',
    hostDeclineReason: null,
    status: 'forming',
    formedAt: null,
  };
}

export function invite(
  principal: Principal,
  team: TeamState,
  participantId: string,
  round: RoundFacts,
  now: Date,
): TeamState {
  requireLeader(principal, team);
  requireOpenRound(round, now);
  requireForming(team);
  if (
    team.memberParticipantIds.includes(participantId) ||
    team.invitedParticipantIds.includes(participantId)
  ) {
    throw problems.conflict('/problems/already-invited', 'This person is a member or invited already.');
  }
  const seats = team.memberParticipantIds.length + team.invitedParticipantIds.length;
  if (seats >= round.rules.teamSize.max) {
    throw ruleViolation('/problems/team-full', `A team has at most ${round.rules.teamSize.max} members.`, {
      maxSize: round.rules.teamSize.max,
    });
  }
  return { ...team, invitedParticipantIds: [...team.invitedParticipantIds, participantId] };
}

export function acceptInvitation(
  principal: Principal,
  team: TeamState,
  participantId: string,
  facts: { readonly round: RoundFacts; readonly eligibility: readonly EligibilityFailure[] },
  now: Date,
): TeamState {
  requireParticipant(principal, participantId, team.region);
  requireOpenRound(facts.round, now);
  requireForming(team);
  if (!team.invitedParticipantIds.includes(participantId)) {
    throw problems.notFound('Invitation for', participantId);
  }
  refuseIneligible(facts.eligibility);
  return {
    ...team,
    memberParticipantIds: [...team.memberParticipantIds, participantId],
    invitedParticipantIds: team.invitedParticipantIds.filter((id) => id !== participantId),
  };
}

/** The leader closes the team: its size must fit the round's rules; pending invitations lapse. */
export function formTeam(
  principal: Principal,
  team: TeamState,
  round: RoundFacts,
  now: Date,
): Decision<TeamState> {
  requireLeader(principal, team);
  requireOpenRound(round, now);
  requireForming(team);
  const { min, max } = round.rules.teamSize;
  const size = team.memberParticipantIds.length;
  if (size < min || size > max) {
    throw ruleViolation('/problems/team-size', `A team has ${min} to ${max} members; this one has ${size}.`, {
      minSize: min,
      maxSize: max,
      size,
    });
  }
  const formedAt = now.toISOString();
  const state: TeamState = { ...team, invitedParticipantIds: [], status: 'formed', formedAt };
  return {
    state,
    events: [
      {
        definition: teamFormedV1,
        data: {
          teamId: team.teamId,
          roundId: team.roundId,
          region: team.region,
          leaderParticipantId: team.leaderParticipantId,
          memberParticipantIds: [...team.memberParticipantIds],
          ...(team.hostOrganizationId === null ? {} : { hostOrganizationId: team.hostOrganizationId }),
          formedAt,
        },
      },
    ],
  };
}

function requireRequestedHost(team: TeamState): string {
  if (team.status !== 'formed') {
    throw wrongState('team', team.status, 'The host organization answers once the team is formed.');
  }
  if (team.hostOrganizationId === null || team.hostOrganizationStatus !== 'requested') {
    throw wrongState(
      'team',
      team.hostOrganizationStatus,
      'The team has no request to a host organization awaiting an answer.',
    );
  }
  return team.hostOrganizationId;
}

export function confirmHostOrganization(
  principal: Principal,
  team: TeamState,
  now: Date,
): Decision<TeamState> {
  const hostOrganizationId = requireRequestedHost(team);
  requireHostOrganization(principal, hostOrganizationId, team.region);
  const state: TeamState = { ...team, hostOrganizationStatus: 'confirmed' };
  return {
    state,
    events: [
      {
        definition: teamHostOrganizationConfirmedV1,
        data: {
          teamId: team.teamId,
          roundId: team.roundId,
          region: team.region,
          hostOrganizationId,
          confirmedAt: now.toISOString(),
        },
      },
    ],
  };
}

export function declineHostOrganization(
  principal: Principal,
  team: TeamState,
  reason: HostDeclineReason,
  now: Date,
): Decision<TeamState> {
  const hostOrganizationId = requireRequestedHost(team);
  requireHostOrganization(principal, hostOrganizationId, team.region);
  const state: TeamState = { ...team, hostOrganizationStatus: 'declined', hostDeclineReason: reason };
  return {
    state,
    events: [
      {
        definition: teamHostOrganizationDeclinedV1,
        data: {
          teamId: team.teamId,
          roundId: team.roundId,
          region: team.region,
          hostOrganizationId,
          reason,
          declinedAt: now.toISOString(),
        },
      },
    ],
  };
}

/**
 * The leader asks another selected host organization, or none (applying independently), e.g. after a decline.
 * Not once the bid is submitted: its reviewers follow from the host organization.
 */
export function changeHostOrganization(
  principal: Principal,
  team: TeamState,
  hostOrganizationId: string | null,
  facts: {
    readonly round: RoundFacts;
    readonly hostOrganizationSelected: boolean;
    readonly bidSubmitted: boolean;
  },
  now: Date,
): Decision<TeamState> {
  requireLeader(principal, team);
  requireOpenRound(facts.round, now);
  if (facts.bidSubmitted) {
    throw problems.conflict(
      '/problems/bid-submitted',
      'The bid is submitted; withdraw it to change the host.',
    );
  }
  if (hostOrganizationId !== null && !facts.hostOrganizationSelected) {
    throw ruleViolation(
      '/problems/host-organization-not-selected',
      'The host organization was not selected in this round and region.',
    );
  }
  const state: TeamState = {
    ...team,
    hostOrganizationId,
    hostOrganizationStatus: hostOrganizationId === null ? 'none' : 'requested',
    hostDeclineReason: null,
  };
  if (team.status !== 'formed') return { state, events: [] };
  return {
    state,
    events: [
      {
        definition: teamChangedV1,
        data: {
          teamId: team.teamId,
          roundId: team.roundId,
          region: team.region,
          leaderParticipantId: team.leaderParticipantId,
          memberParticipantIds: [...team.memberParticipantIds],
          joinedParticipantIds: [],
          leftParticipantIds: [],
          ...(hostOrganizationId === null ? {} : { hostOrganizationId }),
          changedAt: now.toISOString(),
        },
      },
    ],
  };
}

/**
 * A member leaves (or the leader removes them), an invitation is withdrawn or declined. Not the leader, and not
 * once the bid is submitted: the team as submitted is the team that is checked, reviewed and awarded.
 */
export function leaveTeam(
  principal: Principal,
  team: TeamState,
  participantId: string,
  facts: { readonly round: RoundFacts; readonly bidSubmitted: boolean },
  now: Date,
): Decision<TeamState> {
  if (!canActForParticipant(principal, participantId, team.region)) requireLeader(principal, team);
  requireOpenRound(facts.round, now);
  if (participantId === team.leaderParticipantId) {
    throw problems.conflict('/problems/leader-stays', 'The leader cannot leave the team.');
  }
  if (facts.bidSubmitted) {
    throw problems.conflict(
      '/problems/bid-submitted',
      'The bid is submitted; withdraw it to change the team.',
    );
  }
  if (team.invitedParticipantIds.includes(participantId)) {
    return {
      state: {
        ...team,
        invitedParticipantIds: team.invitedParticipantIds.filter((id) => id !== participantId),
      },
      events: [],
    };
  }
  if (!team.memberParticipantIds.includes(participantId)) throw problems.notFound('Member', participantId);
  const state: TeamState = {
    ...team,
    memberParticipantIds: team.memberParticipantIds.filter((id) => id !== participantId),
  };
  if (team.status !== 'formed') return { state, events: [] };
  return {
    state,
    events: [
      {
        definition: teamChangedV1,
        data: {
          teamId: team.teamId,
          roundId: team.roundId,
          region: team.region,
          leaderParticipantId: team.leaderParticipantId,
          memberParticipantIds: [...state.memberParticipantIds],
          joinedParticipantIds: [],
          leftParticipantIds: [participantId],
          ...(team.hostOrganizationId === null ? {} : { hostOrganizationId: team.hostOrganizationId }),
          changedAt: now.toISOString(),
        },
      },
    ],
  };
}

/** Members and invitees, the team's host organization, and region-scoped staff may see a team. */
export function canViewTeam(principal: Principal, team: TeamState): boolean {
  if (
    principal.participantId !== undefined &&
    hasRole(principal, 'applicant') &&
    (team.memberParticipantIds.includes(principal.participantId) ||
      team.invitedParticipantIds.includes(principal.participantId))
  ) {
    return true;
  }
  if (
    hasRole(principal, 'host_org') &&
    team.hostOrganizationId !== null &&
    principal.hostOrgId === team.hostOrganizationId
  ) {
    return true;
  }
  return hasRole(principal, 'coordinator', 'committee', 'viewer') && canAccessRegion(principal, team.region);
}

export function requireTeamView(principal: Principal, team: TeamState): void {
  if (!canViewTeam(principal, team)) throw problems.forbidden('You may see only your own team.');
  if (hasRole(principal, 'coordinator')) requireRegion(principal, team.region);
}
