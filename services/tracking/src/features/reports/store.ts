import { type PaginationQuery, findPage, listFilter } from '@zhas/service-kit';
import { type Tracking } from '../../shared/context';
import { type ReportState } from './domain';

export async function ensureIndexes(tracking: Tracking): Promise<void> {
  await tracking.reports.collection.createIndex({ projectId: 1 });
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
