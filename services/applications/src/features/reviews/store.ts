import { type AggregateStore, findByIds } from '@zhas/messaging';
import { type Document } from 'mongodb';
import { type ReviewPlanState, reviewPlanIdOf } from './domain';

/** The review plans, one per round and region (`reviewPlanIdOf`). */
export class ReviewPlans {
  constructor(readonly store: AggregateStore<ReviewPlanState>) {}

  async of(roundId: string, region: string): Promise<ReviewPlanState | undefined> {
    return (await this.store.get(reviewPlanIdOf(roundId, region)))?.state;
  }

  /** The plans of these round and region pairs, by plan id. */
  async ofMany(pairs: readonly { roundId: string; region: string }[]): Promise<Map<string, ReviewPlanState>> {
    const plans = await findByIds<ReviewPlanState & Document>(this.store.collection, [
      ...new Set(pairs.map((pair) => reviewPlanIdOf(pair.roundId, pair.region))),
    ]);
    return new Map(plans.map((plan) => [plan.planId, plan]));
  }
}
