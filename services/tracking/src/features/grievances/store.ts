import { type GrievanceCategory } from '@zhas/contracts';
import { type PaginationQuery, findPage, listFilter } from '@zhas/service-kit';
import { type Tracking } from '../../shared/context';
import { type GrievanceStatus } from './domain';

/** The coordinators' list filters on these; a plain compound index, which FerretDB and MongoDB both have. */
export async function ensureIndexes(tracking: Tracking): Promise<void> {
  await tracking.grievances.collection.createIndex({ status: 1, region: 1, responseDueOn: 1 });
}

/**
 * A page of grievances (regions already narrowed to the reader's); `overdue` compares the response deadline with
 * `today` (a date in Kazakhstan).
 */
export async function findGrievances(
  tracking: Tracking,
  filters: {
    status?: readonly GrievanceStatus[];
    region?: readonly string[];
    category?: readonly GrievanceCategory[];
    roundId?: string;
    overdue?: boolean;
  },
  today: string,
  query: PaginationQuery,
) {
  const overdue =
    filters.overdue === undefined
      ? {}
      : filters.overdue
        ? { status: { $ne: 'resolved' }, responseDueOn: { $lt: today } }
        : { $or: [{ status: 'resolved' }, { responseDueOn: { $gte: today } }] };
  const { status, region, category, roundId } = filters;
  const found = await findPage(
    tracking.grievances.collection,
    listFilter({ status, region, category, roundId }, overdue),
    query,
  );
  return { ...found, items: found.items.map((doc) => tracking.grievances.aggregateOf(doc)) };
}
