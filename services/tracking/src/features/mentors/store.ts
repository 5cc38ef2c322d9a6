import { type AggregateStore } from '@zhas/messaging';
import { findPage, listFilter, type PaginationQuery } from '@zhas/service-kit';
import { type Document, type Filter } from 'mongodb';
import { type MentorState } from './domain';

/** The mentors' registry: one document per mentor, with the projects they accompany and their conflicts. */
export class Mentors {
  constructor(readonly store: AggregateStore<MentorState>) {}

  async ensureIndexes(): Promise<void> {
    await this.store.collection.createIndex({ regions: 1 });
    await this.store.collection.createIndex({ 'projects.projectId': 1 });
  }

  /** The mentor who accompanies the project, if any. */
  async mentorOf(projectId: string): Promise<MentorState | undefined> {
    const doc = await this.store.collection.findOne({ 'projects.projectId': projectId });
    return doc ? this.store.aggregateOf(doc).state : undefined;
  }

  /** A page of the registry: mentors working in one of `regions` (all when undefined), by expertise. */
  async list(
    filters: { regions?: readonly string[]; expertise?: readonly string[] },
    query: PaginationQuery,
  ) {
    const more: Filter<Document>[] = [];
    if (filters.expertise !== undefined) more.push({ expertise: { $in: [...filters.expertise] } });
    const found = await findPage(
      this.store.collection,
      listFilter({ regions: filters.regions }, ...more),
      query,
    );
    return { ...found, items: found.items.map((doc) => this.store.aggregateOf(doc)) };
  }
}
