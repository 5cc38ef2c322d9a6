import { decodeCursor, encodeCursor } from '@zhas/service-kit';
import { type Document, type Filter } from 'mongodb';
import { z } from 'zod';

// Keyset pagination over (createdAt, _id): stable while documents are added, and cheap with an index on both.

const positionSchema = z.object({ at: z.iso.datetime(), id: z.string().min(1).max(200) });
export type Position = z.infer<typeof positionSchema>;

export function readCursor(cursor: string | undefined): Position | undefined {
  return decodeCursor(cursor, positionSchema);
}

/** Documents after the position in the given order (1 oldest first, -1 newest first). */
export function afterPosition(position: Position | undefined, order: 1 | -1): Filter<Document> {
  if (!position) return {};
  const at = new Date(position.at);
  const beyond = order === 1 ? '$gt' : '$lt';
  return { $or: [{ createdAt: { [beyond]: at } }, { createdAt: at, _id: { [beyond]: position.id } }] };
}

/** Fetches one more than the page to know whether there is a next page. */
export async function pageOf<T extends Document>(
  find: (limit: number) => Promise<T[]>,
  limit: number,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const found = await find(limit + 1);
  const items = found.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor =
    found.length > limit && last
      ? encodeCursor({ at: (last.createdAt as Date).toISOString(), id: String(last._id) })
      : null;
  return { items, nextCursor };
}
