import { type PaginationQuery, findPage, listFilter } from '@zhas/service-kit';
import { type Tracking } from '../../shared/context';
import { type ReportState } from './domain';

export async function ensureIndexes(tracking: Tracking): Promise<void> {
  await Promise.all([
    tracking.reports.collection.createIndex({ projectId: 1 }),
    tracking.reports.collection.createIndex({ status: 1, region: 1 }),
  ]);
}

/** A page of a project's reports, by status. */
export async function findReports(
  tracking: Tracking,
  projectId: string,
  status: ReportState['status'] | undefined,
  query: PaginationQuery,
) {
  const found = await findPage(tracking.reports.collection, listFilter({ projectId, status }), query);
  return { ...found, items: found.items.map((doc) => tracking.reports.aggregateOf(doc)) };
}

/** A page of reports across projects (regions already narrowed to the reader's), oldest submission first: a queue. */
export async function findQueue(
  tracking: Tracking,
  filters: { roundId?: string; region?: readonly string[]; status?: readonly ReportState['status'][] },
  query: PaginationQuery,
) {
  const found = await findPage(tracking.reports.collection, listFilter(filters), query, 'oldest-first');
  return { ...found, items: found.items.map((doc) => tracking.reports.aggregateOf(doc)) };
}
