import { type Actor, Refused, forbidden, notFound } from '@zhas/domain';
import { type Aggregate, handleCommand } from '@zhas/messaging';
import { type ApplicationsContext, commandOptions } from '../../shared/context';
import * as domain from './domain';
import { type LotteryState, lotteryIdOf } from './domain';
import { canDrawLottery } from './policy';

/** Draws the region's lottery from the coordinator's seed, then decides every bid of the region by it. */
export async function drawLottery(
  app: ApplicationsContext,
  actor: Actor,
  input: { readonly roundId: string; readonly region: string; readonly seed: string },
  requestId: string,
): Promise<{ readonly lottery: LotteryState; readonly decidedBids: number }> {
  const { roundId, region, seed } = input;
  const round = await app.rounds.get(roundId);
  const { aggregate } = await handleCommand(
    app.lotteries.store,
    lotteryIdOf(roundId, region),
    async (drawn, now) =>
      domain.drawLottery(
        actor,
        {
          region,
          seed,
          candidateBidIds: await app.bids.idsOf({ roundId, region, status: ['qualified'] }),
          bidsInReview: (await app.bids.idsOf({ roundId, region, status: ['in-review'] })).length,
        },
        round,
        now,
        drawn,
      ),
    { ...commandOptions(app, requestId), create: true },
  );
  return { lottery: aggregate.state, decidedBids: await applyOutcomes(app, aggregate.state, requestId) };
}

/** Completes the outcomes of a drawn lottery after an interruption; bids already decided stay as they are. */
export async function completeOutcomes(
  app: ApplicationsContext,
  actor: Actor,
  lotteryId: string,
  requestId: string,
): Promise<number> {
  const found = await readLottery(app, lotteryId);
  if (!canDrawLottery(actor, found.state.region)) {
    throw new Refused(forbidden(`Your access does not cover region ${found.state.region}.`));
  }
  return applyOutcomes(app, found.state, requestId);
}

export async function readLottery(
  app: ApplicationsContext,
  lotteryId: string,
): Promise<Aggregate<LotteryState>> {
  const found = await app.lotteries.store.get(lotteryId);
  if (!found) throw new Refused(notFound('Lottery', lotteryId));
  return found;
}

/**
 * Applies the drawn lottery to every bid of its region, one bid at a time (no transactions): winners awarded, the
 * others told why. Bids already decided are left alone, so running it again after a crash completes the work.
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
