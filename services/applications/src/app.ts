import { type ComposedService, type ServiceDependencies } from '@zhas/service-kit';
import { type Config } from './config';
import { Bids } from './features/bids/bids';
import { type BidState } from './features/bids/domain';
import { declareBidRoutes } from './features/bids/routes';
import { type LotteryState, cancelledRoundOutcome } from './features/lottery/domain';
import { retryOnConflict } from './shared/retry';
import { declareLotteryRoutes } from './features/lottery/routes';
import { type ParticipantState } from './features/participants/domain';
import { Participants, declareParticipantRoutes } from './features/participants/routes';
import { declareReviewRoutes } from './features/reviews/routes';
import { RoundCopies } from './features/rounds/round-copies';
import { type TeamState } from './features/teams/domain';
import { Teams, declareTeamRoutes } from './features/teams/routes';
import { type ApplicationsContext } from './shared/context';

/** The composition root of the applications service: wires its features to the database and Kafka. */
export async function composeService(deps: ServiceDependencies<Config>): Promise<ComposedService> {
  const db = deps.mongo.db!;
  const rounds = new RoundCopies(db);
  const store = <S extends Record<string, unknown>>(collection: string, type: string) =>
    deps.aggregateStore<S>(collection, type);
  const participants = new Participants(
    store<ParticipantState>('participants', 'participant'),
    deps.config.IIN_INDEX_KEY,
  );
  const teams = new Teams(store<TeamState>('teams', 'team'), db);
  const bids = new Bids(store<BidState>('bids', 'bid'), db);
  const lotteries = store<LotteryState>('lotteries', 'lottery');
  await Promise.all([
    rounds.ensureIndexes(),
    participants.ensureIndexes(),
    teams.ensureIndexes(),
    bids.ensureIndexes(),
  ]);

  const context: ApplicationsContext = {
    participants,
    teams,
    bids,
    lotteries,
    rounds,
    now: deps.now,
    idempotent: deps.idempotent,
  };
  declareParticipantRoutes(deps.api, participants, deps.now);
  declareTeamRoutes(deps.api, { teams, participants, rounds, db, now: deps.now });
  declareBidRoutes(deps.api, context);
  declareReviewRoutes(deps.api, context);
  declareLotteryRoutes(deps.api, context);
  // A cancelled round tells every team with a submitted bid that nothing will be awarded.
  const onRoundCancelled = async (roundId: string, cause: { id: string; correlationid: string }) => {
    const ids = await bids.store.collection
      .find(
        { roundId, status: { $in: ['check-failed', 'in-review', 'qualified', 'not-qualified'] } },
        { projection: { _id: 1 } },
      )
      .toArray();
    for (const { _id } of ids) {
      await retryOnConflict(async () => {
        const at = deps.now();
        const current = await bids.get(String(_id));
        const decision = cancelledRoundOutcome(current.state, at);
        if (!decision) return;
        await bids.store.update(current.id, current.version, decision.state, decision.events, {
          correlationId: cause.correlationid,
          causationId: cause.id,
          now: at,
        });
      });
    }
  };
  return { handlers: rounds.handlers(onRoundCancelled) };
}
