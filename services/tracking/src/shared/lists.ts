import { decodeCursor, encodeCursor, type Page, page } from '@zhas/service-kit';
import { type Collection, type Document, type Filter } from 'mongodb';
import { z } from 'zod';

const cursorSchema = z.object({ id: z.string().min(1).max(200) });

/**
 * One page of a collection in id order. Ids of tracking's aggregates are derived from bids and months, so id order
 * groups a project's documents together, which is what the screens want.
 */
export async function listPage(
  collection: Collection<Document>,
  filter: Filter<Document>,
  query: { limit: number; cursor?: string | undefined },
): Promise<Page<Document>> {
  const after = decodeCursor(query.cursor, cursorSchema);
  const found = await collection
    .find(after ? { $and: [filter, { _id: { $gt: after.id as never } }] } : filter)
    .sort({ _id: 1 })
    .limit(query.limit + 1)
    .toArray();
  const items = found.slice(0, query.limit);
  const last = items.at(-1);
  return page(items, found.length > query.limit && last ? encodeCursor({ id: String(last._id) }) : null);
}
