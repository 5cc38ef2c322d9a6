import { type AggregateStore } from '@zhas/messaging';
import { type ServiceDependencies } from '@zhas/service-kit';
import { type Config } from '../config';
import { type Bids } from '../features/bids/bids';
import { type LotteryState } from '../features/lottery/domain';
import { type Participants } from '../features/participants/routes';
import { type RoundCopies } from '../features/rounds/round-copies';
import { type Teams } from '../features/teams/routes';

/** What the features share: their repositories, the clock and the idempotent-command runner. */
export interface ApplicationsContext {
  readonly participants: Participants;
  readonly teams: Teams;
  readonly bids: Bids;
  readonly lotteries: AggregateStore<LotteryState>;
  readonly rounds: RoundCopies;
  readonly now: () => Date;
  readonly idempotent: ServiceDependencies<Config>['idempotent'];
}
