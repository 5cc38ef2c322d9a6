import { type Actor, Refused, forbidden, notFound } from '@zhas/domain';
import { candidateListHash, draw, sortCandidates } from '@zhas/lottery';
import { type Aggregate, auditOf, findByIds, handleCommand, handleRequest } from '@zhas/messaging';
import { type PaginationQuery, page, decodeCursor, encodeCursor } from '@zhas/service-kit';
import { z } from 'zod';
import { type ApplicationsContext, commandOptions } from '../../shared/context';
import { type BidState } from '../bids/domain';
import * as domain from './domain';
import { type LotteryState, type LotteryStatus, lotteryIdOf, statusOf } from './domain';
import { canDrawLottery } from './policy';

type Lottery = Aggregate<LotteryState>;

/** The region's qualified bids, sorted by id as the draw sorts them, with their registration numbers. */
async function candidatesOf(app: ApplicationsContext, roundId: string, region: string) {
  const ids = await app.bids.idsOf({ roundId, region, status: ['qualified'] });
  const bids = await findByIds<BidState>(app.bids.store.collection, ids);
  return bids.map((bid) => ({
    bidId: bid.bidId,
    registrationNumber: bid.registrationNumber,
    averageScore: bid.averageScore,
  }));
}

function refuseUnlessCoordinator(actor: Actor, region: string): void {
  if (!canDrawLottery(actor, region)) {
    throw new Refused(forbidden(`Only a coordinator of region ${region} runs its lottery.`));
  }
}

/** Step 1: fix the region's seed (once). */
export async function fixSeed(
  app: ApplicationsContext,
  actor: Actor,
  input: { readonly roundId: string; readonly region: string; readonly seed: string },
  requestId: string,
): Promise<Lottery> {
  const round = await app.rounds.get(input.roundId);
  const { aggregate } = await handleCommand(
    app.lotteries.store,
    lotteryIdOf(input.roundId, input.region),
    (existing, now) => domain.fixSeed(actor, input, round, now, existing),
    {
      ...commandOptions(app, requestId, { audit: auditOf(actor, 'lottery.seed-fixed') }),
      create: true,
    },
  );
  return aggregate;
}

/** Step 2: run the draw with the fixed seed over the region's qualified bids, frozen with their hash. */
export async function runDraw(
  app: ApplicationsContext,
  actor: Actor,
  lotteryId: string,
  requestId: string,
): Promise<Lottery> {
  const request = { actor, action: 'lottery.drawn', requestId };
  return handleRequest(app, app.lotteries.store, lotteryId, request, async (lottery, now) => {
    const round = await app.rounds.get(lottery.roundId);
    const candidates = await candidatesOf(app, lottery.roundId, lottery.region);
    const quota =
      round.rules.regionQuotas.find((entry) => entry.region === lottery.region)?.projectQuota ??
      lottery.quota;
    return domain.runDraw(
      actor,
      lottery,
      {
        candidates,
        bidsInReview: (
          await app.bids.idsOf({ roundId: lottery.roundId, region: lottery.region, status: ['in-review'] })
        ).length,
        draw: await draw(
          lottery.seed,
          candidates.map((candidate) => candidate.bidId),
          quota,
        ),
      },
      round,
      now,
    );
  });
}

/** Step 3: publish the draw, then award the winners and tell the other bids of the region why they were not. */
export async function publishDraw(
  app: ApplicationsContext,
  actor: Actor,
  lotteryId: string,
  requestId: string,
): Promise<{ readonly lottery: LotteryState; readonly decidedBids: number }> {
  const request = { actor, action: 'lottery.published', requestId };
  const aggregate = await handleRequest(app, app.lotteries.store, lotteryId, request, (lottery, now) =>
    domain.publishDraw(actor, lottery, now),
  );
  return { lottery: aggregate.state, decidedBids: await applyOutcomes(app, aggregate.state, requestId) };
}

/**
 * The three steps at once, for a coordinator who fixes the seed on the day of the draw (and for scripts): fixes the
 * seed, runs the draw, publishes it and decides every bid of the region.
 */
export async function drawLottery(
  app: ApplicationsContext,
  actor: Actor,
  input: { readonly roundId: string; readonly region: string; readonly seed: string },
  requestId: string,
): Promise<{ readonly lottery: LotteryState; readonly decidedBids: number }> {
  // Checked before the seed is fixed, so that a draw asked for too early leaves nothing behind.
  const round = await app.rounds.get(input.roundId);
  refuseUnlessCoordinator(actor, input.region);
  const unknown = domain.refuseRegionNotInRound(round, input.region);
  if (unknown) throw new Refused(unknown);
  const inReview = await app.bids.idsOf({ ...input, status: ['in-review'] });
  const early = domain.refuseEarlyDraw(round, inReview.length, app.now());
  if (early) throw new Refused(early);
  const fixed = await fixSeed(app, actor, input, requestId);
  await runDraw(app, actor, fixed.id, requestId);
  return publishDraw(app, actor, fixed.id, requestId);
}

/** Completes the outcomes of a published lottery after an interruption; bids already decided stay as they are. */
export async function completeOutcomes(
  app: ApplicationsContext,
  actor: Actor,
  lotteryId: string,
  requestId: string,
): Promise<number> {
  const found = await readLotteryAsCoordinator(app, actor, lotteryId);
  return applyOutcomes(app, found.state, requestId);
}

/** A lottery in any step, for the coordinators of its region. */
export async function readLotteryAsCoordinator(
  app: ApplicationsContext,
  actor: Actor,
  lotteryId: string,
): Promise<Lottery> {
  const found = await readLottery(app, lotteryId);
  refuseUnlessCoordinator(actor, found.state.region);
  return found;
}

/** A published lottery: what anyone may read. One that is not published yet is not found. */
export async function readPublishedLottery(app: ApplicationsContext, lotteryId: string): Promise<Lottery> {
  const found = await app.lotteries.store.get(lotteryId);
  if (!found || statusOf(found.state) !== 'published') throw new Refused(notFound('Lottery', lotteryId));
  return found;
}

async function readLottery(app: ApplicationsContext, lotteryId: string): Promise<Lottery> {
  const found = await app.lotteries.store.get(lotteryId);
  if (!found) throw new Refused(notFound('Lottery', lotteryId));
  return found;
}

/** The published lotteries of a round, for the public page's list of regions. */
export async function listPublished(app: ApplicationsContext, roundId: string) {
  const round = await app.rounds.get(roundId);
  const lotteries = await findByIds<LotteryState>(
    app.lotteries.store.collection,
    round.regions.map((region) => lotteryIdOf(roundId, region)),
  );
  return {
    roundId,
    year: round.year,
    ...(round.title === undefined ? {} : { title: round.title }),
    items: lotteries
      .filter((lottery) => statusOf(lottery) === 'published')
      .map((lottery) => ({
        lotteryId: lottery.lotteryId,
        region: lottery.region,
        quota: lottery.quota,
        candidateCount: lottery.candidateBidIds.length,
        winnerCount: lottery.winnerBidIds.length,
        publishedAt: lottery.publishedAt ?? lottery.drawnAt,
      })),
  };
}

const offsetCursor = z.object({ offset: z.int().min(0) });

/**
 * What the coordinator sees before the draw: the seed (if fixed), the candidates as they stand (a page of them,
 * with the count and hash of the whole list), the bids still in review and the quota. Once drawn, the frozen list.
 */
export async function preparation(
  app: ApplicationsContext,
  actor: Actor,
  input: { readonly roundId: string; readonly region: string },
  query: PaginationQuery,
) {
  refuseUnlessCoordinator(actor, input.region);
  const round = await app.rounds.get(input.roundId);
  const lotteryId = lotteryIdOf(input.roundId, input.region);
  const lottery = (await app.lotteries.store.get(lotteryId))?.state;
  const status: LotteryStatus | 'not-started' = lottery ? statusOf(lottery) : 'not-started';
  const frozen = lottery && status !== 'seed-fixed';
  const candidates = frozen
    ? lottery.candidateBidIds.map((bidId, index) => ({
        bidId,
        registrationNumber: lottery.candidateRegistrationNumbers?.[index] ?? '',
        averageScore: null,
      }))
    : await candidatesOf(app, input.roundId, input.region);
  const byId = new Map(candidates.map((candidate) => [candidate.bidId, candidate]));
  const sorted = sortCandidates([...byId.keys()]).map((bidId) => byId.get(bidId)!);
  const hash = frozen ? lottery.candidateListHash : await candidateListHash(sorted.map((c) => c.bidId));
  const offset = decodeCursor(query.cursor, offsetCursor)?.offset ?? 0;
  const next = offset + query.limit;
  const winners = new Set(frozen ? lottery.winnerBidIds : []);
  return {
    lotteryId,
    roundId: input.roundId,
    region: input.region,
    status,
    seed: lottery?.seed ?? null,
    seedFixedAt: lottery?.seedFixedAt ?? null,
    quota: round.rules.regionQuotas.find((entry) => entry.region === input.region)?.projectQuota ?? 0,
    youthWindowClosesAt: round.youthApplicationWindow.closesAt,
    bidsInReview: (await app.bids.idsOf({ ...input, status: ['in-review'] })).length,
    candidateCount: sorted.length,
    candidateListHash: hash,
    winnerBidIds: frozen ? [...lottery.winnerBidIds] : [],
    drawnAt: frozen ? lottery.drawnAt : null,
    publishedAt: lottery?.publishedAt ?? null,
    candidates: page(
      sorted.slice(offset, next).map((candidate) => ({ ...candidate, winner: winners.has(candidate.bidId) })),
      next < sorted.length ? encodeCursor({ offset: next }) : null,
    ),
  };
}

/**
 * Applies the published lottery to every bid of its region, one bid at a time (no transactions): winners awarded,
 * the others told why. Bids already decided are left alone, so running it again after a crash completes the work.
 */
async function applyOutcomes(
  app: ApplicationsContext,
  drawn: LotteryState,
  requestId: string,
): Promise<number> {
  const { bids, teams } = app;
  const ids = await bids.idsOf({
    roundId: drawn.roundId,
    region: drawn.region,
    status: ['qualified', 'not-qualified', 'check-failed'],
  });
  let decided = 0;
  for (const bidId of ids) {
    const { changed } = await handleCommand(
      bids.store,
      bidId,
      async (bid, now) => {
        const team = await teams.store.get(bid.teamId);
        if (!team) return notFound('Team', bid.teamId);
        return domain.bidOutcome(bid, drawn, team.state, now);
      },
      { ...commandOptions(app, requestId), causationId: drawn.lotteryId },
    );
    if (changed) decided += 1;
  }
  return decided;
}
