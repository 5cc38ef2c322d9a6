import { type NotAwardedReason, type WithdrawalReason } from '@zhas/contracts';
import { type Actor, Refused, notFound, regionScope, unlessRefused } from '@zhas/domain';
import { type Aggregate, auditOf, handleCommand, handleRequest } from '@zhas/messaging';
import { type PaginationQuery } from '@zhas/service-kit';
import { type ApplicationsContext, commandOptions } from '../../shared/context';
import { type TeamState } from '../teams/domain';
import { type BidContent } from './content';
import * as domain from './domain';
import { type BidState } from './domain';
import { bidListScope } from './policy';
import { bidIdOf } from './store';

type Bid = Aggregate<BidState>;

async function teamOf(app: ApplicationsContext, teamId: string): Promise<TeamState> {
  const team = await app.teams.store.get(teamId);
  if (!team) throw new Refused(notFound('Team', teamId));
  return team.state;
}

/** The leader starts the team's one bid as a draft; it gets a registration number at once. */
export async function startBid(
  app: ApplicationsContext,
  actor: Actor,
  input: { readonly teamId: string; readonly content: BidContent },
  requestId: string,
): Promise<Bid> {
  const team = await teamOf(app, input.teamId);
  const round = await app.rounds.get(team.roundId);
  const bidId = bidIdOf(team.teamId);
  // A serial taken twice (the counter races on FerretDB) hits the unique index: the retry takes the next one.
  const { aggregate } = await handleCommand(
    app.bids.store,
    bidId,
    async (existing) => {
      // Refused before a registration serial is taken.
      const refused = domain.refuseNewBid(actor, team, existing);
      if (refused) return refused;
      const registrationNumber = await app.bids.nextRegistrationNumber(round.year, team.region);
      return domain.createBid(actor, { bidId, registrationNumber }, team, input.content, existing);
    },
    { ...commandOptions(app, requestId, { audit: auditOf(actor, 'bid.started') }), create: true },
  );
  return aggregate;
}

export async function readBid(app: ApplicationsContext, actor: Actor, bidId: string): Promise<Bid> {
  const found = await app.bids.store.get(bidId);
  if (!found) throw new Refused(notFound('Bid', bidId));
  unlessRefused(domain.refuseRead(actor, found.state, await teamOf(app, found.state.teamId)));
  return found;
}

export async function readBidStatus(app: ApplicationsContext, actor: Actor, registrationNumber: string) {
  const found = await app.bids.findByRegistrationNumber(registrationNumber);
  if (!found) throw new Refused(notFound('Bid', registrationNumber));
  unlessRefused(domain.refuseRead(actor, found.state, await teamOf(app, found.state.teamId)));
  return domain.statusView(found.state);
}

/** Saves the draft the client edited at `version`: someone else's save in between is a conflict, not lost. */
export async function saveDraft(
  app: ApplicationsContext,
  actor: Actor,
  bidId: string,
  draft: { readonly version: number; readonly content: BidContent },
  requestId: string,
): Promise<Bid> {
  const request = { actor, action: 'bid.draft-saved', requestId, expectedVersion: draft.version };
  return handleRequest(app, app.bids.store, bidId, request, async (bid, now) =>
    domain.saveDraft(actor, bid, await teamOf(app, bid.teamId), draft.content, now),
  );
}

/** Submits the bid; the technical check runs on the team and its members as they are now. */
export async function submitBid(
  app: ApplicationsContext,
  actor: Actor,
  bidId: string,
  requestId: string,
): Promise<Bid> {
  const request = { actor, action: 'bid.submitted', requestId };
  return handleRequest(app, app.bids.store, bidId, request, async (bid, now) => {
    const team = await teamOf(app, bid.teamId);
    const round = await app.rounds.get(bid.roundId);
    return domain.submit(actor, bid, { team, round, members: await membersOf(app, team) }, now);
  });
}

/** The facts the technical check needs about each member. */
function membersOf(app: ApplicationsContext, team: TeamState) {
  return Promise.all(
    team.memberParticipantIds.map(async (participantId) => ({
      person: await app.participants.facts(participantId),
      activeTeamId: await app.teams.activeTeamOf(team.roundId, participantId, team),
    })),
  );
}

export async function withdrawBid(
  app: ApplicationsContext,
  actor: Actor,
  bidId: string,
  { reason }: { readonly reason: WithdrawalReason },
  requestId: string,
): Promise<Bid> {
  const request = { actor, action: 'bid.withdrawn', requestId };
  return handleRequest(app, app.bids.store, bidId, request, async (bid, now) =>
    domain.withdraw(actor, bid, await teamOf(app, bid.teamId), reason, now),
  );
}

/**
 * Host organizations see the submitted bids of their teams, committee members the independent teams' bids, staff
 * every bid of their regions.
 */
export function listBids(
  app: ApplicationsContext,
  actor: Actor,
  query: PaginationQuery & {
    roundId?: string;
    region?: readonly string[];
    status?: readonly BidState['status'][];
    registrationNumber?: string;
    notAwardedReason?: readonly NotAwardedReason[];
  },
) {
  return app.bids.list(bidListScope(actor), { ...query, region: regionScope(actor, query.region) }, query);
}

/**
 * Competitions cancelled the round: every submitted, undecided bid is told that nothing will be awarded. Run again
 * on a redelivery, it finds them decided and changes nothing.
 */
export async function decideBidsOfCancelledRound(
  app: ApplicationsContext,
  roundId: string,
  cause: { readonly id: string; readonly correlationid: string },
): Promise<void> {
  const undecided = await app.bids.idsInRound(roundId, [
    'check-failed',
    'in-review',
    'qualified',
    'not-qualified',
  ]);
  for (const bidId of undecided) {
    await handleCommand(app.bids.store, bidId, (bid, now) => domain.cancelledRoundOutcome(bid, now), {
      ...commandOptions(app, cause.correlationid),
      causationId: cause.id,
    });
  }
}
