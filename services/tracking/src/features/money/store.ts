import { type PaginationQuery, findPage, listFilter } from '@zhas/service-kit';
import { type Tracking } from '../../shared/context';
import { type StipendStatus } from './domain';

/** Lists filter on these; all are plain (compound) indexes, which FerretDB and MongoDB both have. */
export async function ensureIndexes(tracking: Tracking): Promise<void> {
  await Promise.all([
    tracking.tranches.collection.createIndex({ projectId: 1 }),
    tracking.stipends.collection.createIndex({ status: 1, region: 1 }),
    tracking.stipends.collection.createIndex({ participantId: 1, status: 1 }),
    tracking.recoveries.collection.createIndex({ projectId: 1 }),
  ]);
}

/** A page of stipends (regions already narrowed to the reader's), e.g. the payable ones of a payment run. */
export async function findStipends(
  tracking: Tracking,
  filters: {
    projectId?: string;
    roundId?: string;
    region?: readonly string[];
    status?: readonly StipendStatus[];
  },
  query: PaginationQuery,
) {
  const { projectId, roundId, region, status } = filters;
  const found = await findPage(
    tracking.stipends.collection,
    listFilter({ projectId, roundId, region, status }),
    query,
  );
  return { ...found, items: found.items.map((doc) => tracking.stipends.aggregateOf(doc)) };
}

/** A project's recoveries, in the order they were opened. */
export async function recoveriesOf(tracking: Tracking, projectId: string) {
  const docs = await tracking.recoveries.collection.find({ projectId }).sort({ _id: 1 }).toArray();
  return docs.map((doc) => tracking.recoveries.aggregateOf(doc));
}
