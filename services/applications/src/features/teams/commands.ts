import { type HostDeclineReason } from '@zhas/contracts';
import { type Actor, Refused, notFound, regionScope, unlessRefused } from '@zhas/domain';
import { type Aggregate, auditOf, handleCommand, handleRequest } from '@zhas/messaging';
import { type PaginationQuery } from '@zhas/service-kit';
import { type ApplicationsContext, commandOptions } from '../../shared/context';
import { newId } from '../../shared/ids';
import { eligibilityFailures } from '../participants/eligibility';
import * as domain from './domain';
import { type TeamState } from './domain';
import { teamListScope } from './policy';

// Team commands state no version: when another change of the team wins the race, they decide again.

export type Team = Aggregate<TeamState>;

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
      ...commandOptions(app, requestId, { audit: auditOf(actor, 'team.started') }),
      create: true,
      expectedVersion: 0,
    });
    return created.aggregate;
  });
}

export async function invite(
  app: ApplicationsContext,
  actor: Actor,
  teamId: string,
  { participantId }: { readonly participantId: string },
  requestId: string,
): Promise<Team> {
  await app.participants.facts(participantId);
  const request = { actor, action: 'team.member-invited', requestId };
  return handleRequest(app, app.teams.store, teamId, request, async (team, now) =>
    domain.invite(actor, team, participantId, await app.rounds.get(team.roundId), now),
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
  const request = { actor, action: 'team.invitation-accepted', requestId };
  return teams.withPlaceInRound(round.roundId, participantId, teamId, () =>
    handleRequest(app, app.teams.store, teamId, request, (team, now) =>
      domain.acceptInvitation(actor, team, participantId, { round, eligibility: [] }, now),
    ),
  );
}

export function formTeam(app: ApplicationsContext, actor: Actor, teamId: string, requestId: string) {
  const request = { actor, action: 'team.formed', requestId };
  return handleRequest(app, app.teams.store, teamId, request, async (team, now) =>
    domain.formTeam(actor, team, await app.rounds.get(team.roundId), now),
  );
}

export function changeHostOrganization(
  app: ApplicationsContext,
  actor: Actor,
  teamId: string,
  { hostOrganizationId }: { readonly hostOrganizationId: string | null },
  requestId: string,
) {
  const { rounds, bids } = app;
  const request = { actor, action: 'team.host-organization-changed', requestId };
  return handleRequest(app, app.teams.store, teamId, request, async (team, now) =>
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
  );
}

/** The facts a change of who is in the team depends on, as they are now. */
export async function membershipFacts(
  app: ApplicationsContext,
  team: TeamState,
): Promise<domain.MembershipFacts> {
  return {
    round: await app.rounds.get(team.roundId),
    bidSubmitted: await app.bids.isSubmittedFor(team.teamId),
  };
}

/** A member leaves or is removed, or an invitation ends; their place in the round is then free. */
export async function leaveTeam(
  app: ApplicationsContext,
  actor: Actor,
  teamId: string,
  participantId: string,
  requestId: string,
): Promise<Team> {
  const request = { actor, action: 'team.member-left', requestId };
  const saved = await handleRequest(app, app.teams.store, teamId, request, async (team, now) =>
    domain.leaveTeam(actor, team, participantId, await membershipFacts(app, team), now),
  );
  await app.teams.release(saved.state.roundId, participantId, saved.id);
  return saved;
}

export function confirmHostOrganization(
  app: ApplicationsContext,
  actor: Actor,
  teamId: string,
  requestId: string,
) {
  const request = { actor, action: 'team.host-organization-confirmed', requestId };
  return handleRequest(app, app.teams.store, teamId, request, (team, now) =>
    domain.confirmHostOrganization(actor, team, now),
  );
}

export function declineHostOrganization(
  app: ApplicationsContext,
  actor: Actor,
  teamId: string,
  { reason }: { readonly reason: HostDeclineReason },
  requestId: string,
) {
  const request = { actor, action: 'team.host-organization-declined', requestId };
  return handleRequest(app, app.teams.store, teamId, request, (team, now) =>
    domain.declineHostOrganization(actor, team, reason, now),
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
  query: PaginationQuery & {
    roundId?: string;
    region?: readonly string[];
    status?: readonly string[];
    hostOrganizationStatus?: readonly string[];
  },
) {
  return app.teams.list(teamListScope(actor), { ...query, region: regionScope(actor, query.region) }, query);
}
