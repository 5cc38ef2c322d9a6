import { type AggregateStore, findByIds } from '@zhas/messaging';
import { type ReviewerState } from './domain';

/** The reviewers' registry, and the pools a bid's reviewers come from. */
export class Reviewers {
  constructor(readonly store: AggregateStore<ReviewerState>) {}

  async ensureIndexes(): Promise<void> {
    await this.store.collection.createIndex({ kind: 1, hostOrganizationId: 1 });
  }

  /** Committee members who review the independent teams' bids of the region, in id order. */
  async committeeOf(region: string): Promise<ReviewerState[]> {
    const docs = await this.store.collection
      .find({ kind: 'committee', $or: [{ regions: region }, { allRegions: true }] })
      .sort({ _id: 1 })
      .toArray();
    return docs.map((doc) => this.store.aggregateOf(doc).state);
  }

  /** The staff of a host organization who review its teams' bids, in id order. */
  async staffOf(hostOrganizationId: string): Promise<ReviewerState[]> {
    const docs = await this.store.collection
      .find({ kind: 'host-organization', hostOrganizationId })
      .sort({ _id: 1 })
      .toArray();
    return docs.map((doc) => this.store.aggregateOf(doc).state);
  }

  async byIds(ids: readonly string[]): Promise<ReviewerState[]> {
    return findByIds<ReviewerState>(this.store.collection, ids);
  }
}
