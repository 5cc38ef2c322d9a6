import { type Actor, Refused, notFound, regionScope, unlessRefused } from '@zhas/domain';
import { type Aggregate, handleCommand } from '@zhas/messaging';
import { type PaginationQuery } from '@zhas/service-kit';
import { type ApplicationsContext, commandOptions } from '../../shared/context';
import { newId, newInvitationCode } from '../../shared/ids';
import { eligibilityFailures } from '../participants/eligibility';
import * as domain from './domain';
import { type HostDeclineReason, type TeamState } from './domain';
import { teamListScope } from './policy';

// Team commands state no version: when another change of the team wins the race, they decide again.

type Team = Aggregate<TeamState>;

/** The actor starts a team of the round and leads it; their place in the round is taken for it. */
export async function startTeam(
  app: ApplicationsContext,
  actor: Actor,
  input: { readonly roundId: string; readonly region: string; readonly hostOrganizationId: string | null },
  requestId: string,
): Promise<Team> {
  const { rounds, participants, teams } = app;
  const round = await rounds.get(input.roundId);
  const teamId = newId('t');
  const leader =
    actor.participantId === undefined ? undefined : await participants.facts(actor.participantId);
  const decision = domain.createTeam(
    actor,
    { teamId, region: input.region, hostOrganizationId: input.hostOrganizationId },
    {
      round,
      leaderEligibility: leader
        ? eligibilityFailures(leader, round, {
            activeTeamId: await teams.activeTeamOf(round.roundId, leader.participantId),
            teamId,
          })
        : [],
      hostOrganizationSelected:
        input.hostOrganizationId !== null &&
        (await rounds.isHostOrganizationSelected(round.roundId, input.region, input.hostOrganizationId)),
    },
    app.now(),
  );
  const { state } = unlessRefused(decision);
  return teams.withPlaceInRound(round.roundId, state.leaderParticipantId, teamId, async () => {
    const created = await handleCommand(teams.store, teamId, () => decision, {
      ...commandOptions(app, requestId),
      create: true,
      expectedVersion: 0,
    });
    return created.aggregate;
  });
}

/** Loads, decides with the latest state and saves; again when another change came first. */
async function changeTeam(
  app: ApplicationsContext,
  teamId: string,
  decide: (team: TeamState, now: Date) => domain.TeamDecision | Promise<domain.TeamDecision>,
  requestId: string,
): Promise<Team> {
  const { aggregate } = await handleCommand(app.teams.store, teamId, decide, commandOptions(app, requestId));
  return aggregate;
}

export async function invite(
  app: ApplicationsContext,
  actor: Actor,
  teamId: string,
  participantId: string,
  requestId: string,
): Promise<Team> {
  await app.participants.facts(participantId);
  return changeTeam(
    app,
    teamId,
    async (team, now) => domain.invite(actor, team, participantId, await app.rounds.get(team.roundId), now),
    requestId,
  );
}

/** The invited person joins: eligibility is checked, and their place in the round is taken for the team. */
export async function acceptInvitation(
  app: ApplicationsContext,
  actor: Actor,
  teamId: string,
  participantId: string,
  requestId: string,
): Promise<Team> {
  const { teams, rounds, participants } = app;
  const current = await teams.store.get(teamId);
  if (!current) throw new Refused(notFound('Team', teamId));
  const round = await rounds.get(current.state.roundId);
  const person = await participants.facts(participantId);
  const eligibility = eligibilityFailures(person, round, {
    activeTeamId: await teams.activeTeamOf(round.roundId, person.participantId),
    teamId,
  });
  // Decided once before taking the place, so that a refused acceptance takes nothing.
  unlessRefused(
    domain.acceptInvitation(actor, current.state, participantId, { round, eligibility }, app.now()),
  );
  return teams.withPlaceInRound(round.roundId, participantId, teamId, () =>
    changeTeam(
      app,
      teamId,
      (team, now) => domain.acceptInvitation(actor, team, participantId, { round, eligibility: [] }, now),
      requestId,
    ),
  );
}

export function formTeam(app: ApplicationsContext, actor: Actor, teamId: string, requestId: string) {
  return changeTeam(
    app,
    teamId,
    async (team, now) => domain.formTeam(actor, team, await app.rounds.get(team.roundId), now),
    requestId,
  );
}

export function changeHostOrganization(
  app: ApplicationsContext,
  actor: Actor,
  teamId: string,
  hostOrganizationId: string | null,
  requestId: string,
) {
  const { rounds, bids } = app;
  return changeTeam(
    app,
    teamId,
    async (team, now) =>
      domain.changeHostOrganization(
        actor,
        team,
        hostOrganizationId,
        {
          round: await rounds.get(team.roundId),
          hostOrganizationSelected:
            hostOrganizationId !== null &&
            (await rounds.isHostOrganizationSelected(team.roundId, team.region, hostOrganizationId)),
          bidSubmitted: await bids.isSubmittedFor(team.teamId),
        },
        now,
      ),
    requestId,
  );
}

/** A member leaves or is removed, or an invitation ends; their place in the round is then free. */
export async function leaveTeam(
  app: ApplicationsContext,
  actor: Actor,
  teamId: string,
  participantId: string,
  requestId: string,
): Promise<Team> {
  const { rounds, bids, teams } = app;
  const saved = await changeTeam(
    app,
    teamId,
    async (team, now) =>
      domain.leaveTeam(
        actor,
        team,
        participantId,
        { round: await rounds.get(team.roundId), bidSubmitted: await bids.isSubmittedFor(team.teamId) },
        now,
      ),
    requestId,
  );
  await teams.release(saved.state.roundId, participantId, saved.id);
  return saved;
}

export function confirmHostOrganization(
  app: ApplicationsContext,
  actor: Actor,
  teamId: string,
  requestId: string,
) {
  return changeTeam(app, teamId, (team, now) => domain.confirmHostOrganization(actor, team, now), requestId);
}

export function declineHostOrganization(
  app: ApplicationsContext,
  actor: Actor,
  teamId: string,
  reason: HostDeclineReason,
  requestId: string,
) {
  return changeTeam(
    app,
    teamId,
    (team, now) => domain.declineHostOrganization(actor, team, reason, now),
    requestId,
  );
}

/** The leader gets a new invitation code for the team; the previous one stops working. */
export async function createInvitationCode(
  app: ApplicationsContext,
  actor: Actor,
  teamId: string,
  requestId: string,
): Promise<Team> {
  const { teams, rounds, bids } = app;
  const code = await teams.reserveInvitationCode(teamId, newInvitationCode);
  let previous: string | null = null;
  try {
    const saved = await changeTeam(
      app,
      teamId,
      async (team, now) => {
        previous = team.invitationCode ?? null;
        return domain.setInvitationCode(
          actor,
          team,
          code,
          { round: await rounds.get(team.roundId), bidSubmitted: await bids.isSubmittedFor(team.teamId) },
          now,
        );
      },
      requestId,
    );
    if (previous !== null) await teams.forgetInvitationCode(previous, teamId);
    return saved;
  } catch (error) {
    await teams.forgetInvitationCode(code, teamId);
    throw error;
  }
}

/** The leader stops the team's code working. */
export async function revokeInvitationCode(
  app: ApplicationsContext,
  actor: Actor,
  teamId: string,
  requestId: string,
): Promise<Team> {
  let previous: string | null = null;
  const saved = await changeTeam(
    app,
    teamId,
    (team) => {
      previous = team.invitationCode ?? null;
      return domain.revokeInvitationCode(actor, team);
    },
    requestId,
  );
  if (previous !== null) await app.teams.forgetInvitationCode(previous, teamId);
  return saved;
}

/** The team a code opens, refused as not found for a code that opens none (unknown, replaced or revoked). */
async function teamOfCode(app: ApplicationsContext, code: string): Promise<Team> {
  const teamId = await app.teams.teamIdOfInvitationCode(code);
  const team = teamId === undefined ? undefined : await app.teams.store.get(teamId);
  if (!team || !domain.opensTeam(team.state, code)) throw new Refused(notFound('Invitation', code));
  return team;
}

/** Why the person may not join the team of the round (empty: they may), as the team rules see them now. */
async function eligibilityFor(app: ApplicationsContext, participantId: string, team: TeamState) {
  const round = await app.rounds.get(team.roundId);
  const person = await app.participants.facts(participantId);
  return {
    round,
    eligibility: eligibilityFailures(person, round, {
      activeTeamId: await app.teams.activeTeamOf(round.roundId, participantId),
      teamId: team.teamId,
    }),
  };
}

/**
 * What a person who holds a code sees before joining: the team's round, region, leader and size, and whether they
 * may join (with the reasons when not). The leader's name is shown: the leader shared the code to be found by it.
 */
export async function previewInvitation(app: ApplicationsContext, actor: Actor, code: string) {
  const { state: team } = await teamOfCode(app, code);
  const round = await app.rounds.get(team.roundId);
  const participantId = actor.participantId;
  const own = participantId === undefined ? undefined : await eligibilityFor(app, participantId, team);
  return {
    code,
    teamId: team.teamId,
    roundId: team.roundId,
    region: team.region,
    status: team.status,
    leaderName: (await app.participants.nameOf(team.leaderParticipantId)) ?? '',
    memberCount: team.memberParticipantIds.length,
    teamSize: round.rules.teamSize,
    hostOrganizationId: team.hostOrganizationId,
    alreadyMember: participantId !== undefined && team.memberParticipantIds.includes(participantId),
    bidSubmitted: await app.bids.isSubmittedFor(team.teamId),
    registered: participantId !== undefined,
    reasons: (own?.eligibility ?? []).map((failure) => failure.code),
  };
}

/** The person joins the team whose code they hold; eligibility is checked and their place in the round taken. */
export async function joinWithCode(
  app: ApplicationsContext,
  actor: Actor,
  code: string,
  requestId: string,
): Promise<Team> {
  const current = await teamOfCode(app, code);
  const participantId = actor.participantId;
  const facts =
    participantId === undefined
      ? { round: await app.rounds.get(current.state.roundId), eligibility: [] }
      : await eligibilityFor(app, participantId, current.state);
  const bidSubmitted = await app.bids.isSubmittedFor(current.id);
  // Decided once before taking the place, so that a refused join takes nothing.
  const first = unlessRefused(
    domain.joinWithCode(actor, current.state, code, { ...facts, bidSubmitted }, app.now()),
  );
  // Already a member: nothing to do, and no place to take.
  if (first.kind === 'no-change' || participantId === undefined) return current;
  return app.teams.withPlaceInRound(facts.round.roundId, participantId, current.id, () =>
    changeTeam(
      app,
      current.id,
      async (team, now) =>
        domain.joinWithCode(
          actor,
          team,
          code,
          {
            round: facts.round,
            eligibility: [],
            bidSubmitted: await app.bids.isSubmittedFor(team.teamId),
          },
          now,
        ),
      requestId,
    ),
  );
}

/**
 * Everyone the team lists with their name and whether they are eligible for the round now, with the reasons when
 * not: the leader sees who may stay in the team before the bid's technical check says so.
 */
export async function teamPeople(app: ApplicationsContext, actor: Actor, teamId: string) {
  const { state: team } = await readTeam(app, actor, teamId);
  const round = await app.rounds.get(team.roundId);
  return Promise.all(
    domain.peopleOf(team).map(async ({ participantId, role }) => {
      const person = await app.participants.facts(participantId).catch(() => undefined);
      const reasons = person
        ? eligibilityFailures(person, round, {
            activeTeamId: await app.teams.activeTeamOf(round.roundId, participantId, team),
            // An invitee's own claim is for this team only once they join.
            teamId: team.teamId,
          }).map((failure) => failure.code)
        : [];
      return {
        participantId,
        role,
        fullName: (await app.participants.nameOf(participantId)) ?? '',
        eligible: person !== undefined && reasons.length === 0,
        reasons,
      };
    }),
  );
}

export async function readTeam(app: ApplicationsContext, actor: Actor, teamId: string): Promise<Team> {
  const found = await app.teams.store.get(teamId);
  if (!found) throw new Refused(notFound('Team', teamId));
  unlessRefused(domain.refuseRead(actor, found.state));
  return found;
}

/** Applicants see the teams they belong to, host organizations the teams that asked them, staff their regions. */
export function listTeams(
  app: ApplicationsContext,
  actor: Actor,
  query: PaginationQuery & { roundId?: string; region?: readonly string[]; status?: readonly string[] },
) {
  return app.teams.list(
    teamListScope(actor),
    { roundId: query.roundId, regions: regionScope(actor, query.region), status: query.status },
    query,
  );
}
