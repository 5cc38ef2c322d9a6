import { type AggregateStore } from '@zhas/messaging';
import { type PaginationQuery, findPage, listFilter } from '@zhas/service-kit';
import { type RoundState, type RoundStatus } from './domain';

/** The rounds, newest first in lists. */
export class Rounds {
  constructor(readonly store: AggregateStore<RoundState>) {}

  async ensureIndexes(): Promise<void> {
    await this.store.collection.createIndex({ createdAt: -1, _id: -1 });
  }

  async list(
    filters: { statuses: readonly RoundStatus[]; year?: number; regions?: readonly string[] },
    query: PaginationQuery,
  ) {
    const year =
      filters.year === undefined
        ? {}
        : { $or: [{ 'content.year': filters.year }, { 'draft.year': filters.year }] };
    const found = await findPage(
      this.store.collection,
      listFilter({ status: filters.statuses, 'content.regions': filters.regions }, year),
      query,
      'newest-first',
    );
    return { ...found, items: found.items.map((doc) => this.store.aggregateOf(doc)) };
  }
}
