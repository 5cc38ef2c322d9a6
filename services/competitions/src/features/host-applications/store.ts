import { type AggregateStore } from '@zhas/messaging';
import { type PaginationQuery, findPage, listFilter } from '@zhas/service-kit';
import { type Document, type Filter } from 'mongodb';
import { type HostApplicationState, type HostApplicationStatus } from './domain';

/** The host applications, one per organization and round (`hostApplicationIdOf`), oldest first in lists. */
export class HostApplications {
  constructor(readonly store: AggregateStore<HostApplicationState>) {}

  async ensureIndexes(): Promise<void> {
    await this.store.collection.createIndex({ roundId: 1, region: 1, status: 1 });
    await this.store.collection.createIndex({ hostOrganizationId: 1 });
    await this.store.collection.createIndex({ createdAt: 1, _id: 1 });
  }

  /** The applications of a round's region in some states (the candidates of its ranking). */
  async inRegion(roundId: string, region: string, status: readonly HostApplicationStatus[]) {
    const docs = await this.store.collection.find(listFilter({ roundId, region, status })).toArray();
    return docs.map((doc) => this.store.aggregateOf(doc));
  }

  async list(
    filters: {
      roundId?: string;
      regions?: readonly string[];
      status?: readonly HostApplicationStatus[];
      hostOrganizationIds?: readonly string[];
    },
    visible: Filter<Document>,
    query: PaginationQuery,
  ) {
    const { roundId, regions, status, hostOrganizationIds } = filters;
    const found = await findPage(
      this.store.collection,
      listFilter({ roundId, region: regions, status, hostOrganizationId: hostOrganizationIds }, visible),
      query,
      'oldest-first',
    );
    return { ...found, items: found.items.map((doc) => this.store.aggregateOf(doc)) };
  }
}
