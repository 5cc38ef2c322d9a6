import { type AggregateStore } from '@zhas/messaging';
import { type LotteryState } from './domain';

/** The drawn lotteries, one per round and region (`lotteryIdOf`): a second draw finds the first. */
export class Lotteries {
  constructor(readonly store: AggregateStore<LotteryState>) {}
}
