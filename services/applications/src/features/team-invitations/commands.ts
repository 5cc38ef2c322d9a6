import { type Actor, Refused, notFound, unlessRefused } from '@zhas/domain';
import { handleRequest } from '@zhas/messaging';
import { type ApplicationsContext } from '../../shared/context';
import { newInvitationCode } from '../../shared/ids';
import { eligibilityFailures } from '../participants/eligibility';
import { type Team, membershipFacts } from '../teams/commands';
import * as domain from '../teams/domain';
import { type TeamState } from '../teams/domain';

// Joining a team with a code or link: the leader makes and revokes the code, a person who holds it sees the team
// and joins it. The code lives on the team (teams/domain.ts); its record (teams/store.ts) leads from code to team.

/** The leader gets a new invitation code for the team; the previous one stops working. */
export async function createInvitationCode(
  app: ApplicationsContext,
  actor: Actor,
  teamId: string,
  requestId: string,
): Promise<Team> {
  const { teams } = app;
  const code = await teams.reserveInvitationCode(teamId, newInvitationCode);
  let previous: string | null = null;
  try {
    const request = { actor, action: 'team.invitation-code-set', requestId };
    const saved = await handleRequest(app, app.teams.store, teamId, request, async (team, now) => {
      previous = team.invitationCode ?? null;
      return domain.setInvitationCode(actor, team, code, await membershipFacts(app, team), now);
    });
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
  const request = { actor, action: 'team.invitation-code-revoked', requestId };
  const saved = await handleRequest(app, app.teams.store, teamId, request, (team) => {
    previous = team.invitationCode ?? null;
    return domain.revokeInvitationCode(actor, team);
  });
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
  const request = { actor, action: 'team.joined-with-code', requestId };
  return app.teams.withPlaceInRound(facts.round.roundId, participantId, current.id, () =>
    handleRequest(app, app.teams.store, current.id, request, async (team, now) =>
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
    ),
  );
}
