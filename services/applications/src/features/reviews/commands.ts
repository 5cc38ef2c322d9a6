import { type Actor } from '@zhas/domain';
import { type Aggregate, handleCommand } from '@zhas/messaging';
import { type ApplicationsContext, commandOptions } from '../../shared/context';
import { newId, reviewerIdOf } from '../../shared/ids';
import { type BidState } from '../bids/domain';
import * as domain from './domain';
import { type ConflictReason, type Rubric } from './domain';

// Review commands state no version: a review decided on a bid another reviewer changed meanwhile is decided again.

export async function declareConflict(
  app: ApplicationsContext,
  actor: Actor,
  bidId: string,
  reason: ConflictReason,
  requestId: string,
): Promise<void> {
  await handleCommand(
    app.bids.store,
    bidId,
    (bid, now) => domain.declareConflict(actor, bid, reviewerIdOf(actor.subject), reason, now),
    commandOptions(app, requestId),
  );
}

export async function review(
  app: ApplicationsContext,
  actor: Actor,
  bidId: string,
  rubric: Rubric,
  requestId: string,
): Promise<Aggregate<BidState>> {
  const reviewId = newId('r');
  const { aggregate } = await handleCommand(
    app.bids.store,
    bidId,
    async (bid, now) =>
      domain.review(
        actor,
        bid,
        { reviewId, reviewerId: reviewerIdOf(actor.subject), rubric },
        await app.rounds.get(bid.roundId),
        now,
      ),
    commandOptions(app, requestId),
  );
  return aggregate;
}

export async function decideQualification(
  app: ApplicationsContext,
  actor: Actor,
  bidId: string,
  requestId: string,
): Promise<Aggregate<BidState>> {
  const { aggregate } = await handleCommand(
    app.bids.store,
    bidId,
    async (bid, now) => domain.decideQualification(actor, bid, await app.rounds.get(bid.roundId), now),
    commandOptions(app, requestId),
  );
  return aggregate;
}
