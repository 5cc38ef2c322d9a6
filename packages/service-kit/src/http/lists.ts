import { idSchema, regionIdSchema } from '@zhas/contracts';
import { type Collection, type Document, type Filter } from 'mongodb';
import { z } from 'zod';
import { decodeCursor, encodeCursor, type Page, page, type PaginationQuery, queryList } from './pagination';

/*
 * Lists, the same way in every service: `?limit=&cursor=` (pagination.ts) and the usual filters by round, region
 * and status, turned into one database query; a page is read by a keyset on `_id` (or on creation time, newest
 * first), so it stays stable while documents are added.
 */

/** The query parameters of the usual filters: `paginationQuery.extend({ ...listFilters.round, ... })`. */
export const listFilters = {
  round: { roundId: idSchema.optional() },
  region: { region: queryList(regionIdSchema).optional() },
  status: <const S extends readonly [string, ...string[]]>(statuses: S) => ({
    status: queryList(z.enum(statuses)).optional(),
  }),
};

/**
 * The database filter of a list: each condition is a field's value or one of a list of values; conditions left
 * undefined are not applied. `regions` is the caller's region scope (`regionScope`), already intersected with the
 * regions asked for.
 */
export function listFilter(conditions: Readonly<Record<string, unknown>>, ...more: Filter<Document>[]) {
  const clauses: Filter<Document>[] = [];
  for (const [field, value] of Object.entries(conditions)) {
    if (value === undefined) continue;
    clauses.push({ [field]: Array.isArray(value) ? { $in: [...(value as unknown[])] } : value });
  }
  clauses.push(...more.filter((filter) => Object.keys(filter).length > 0));
  return clauses.length === 0 ? {} : { $and: clauses };
}

/** A filter that matches nothing: an actor who may list nothing gets an empty page, not a 403. */
export const matchesNothing: Filter<Document> = { _id: { $in: [] } };

const byIdCursor = z.object({ id: z.string().min(1).max(200) });
const newestCursor = z.object({ at: z.iso.datetime(), id: z.string().min(1).max(200) });

/**
 * One page of a collection: in `_id` order (the default), or newest first by `createdAt` then `_id`. Reads one more
 * than the page to know whether there is a next one.
 */
export async function findPage(
  collection: Collection<Document>,
  filter: Filter<Document>,
  query: PaginationQuery,
  order: 'id' | 'newest-first' = 'id',
): Promise<Page<Document>> {
  const after = positionAfter(query.cursor, order);
  const found = await collection
    .find(after ? { $and: [filter, after] } : filter)
    .sort(order === 'id' ? { _id: 1 } : { createdAt: -1, _id: -1 })
    .limit(query.limit + 1)
    .toArray();
  const items = found.slice(0, query.limit);
  const last = items.at(-1);
  if (found.length <= query.limit || !last) return page(items, null);
  return page(
    items,
    encodeCursor(
      order === 'id'
        ? { id: String(last._id) }
        : { at: (last.createdAt as Date).toISOString(), id: String(last._id) },
    ),
  );
}

function positionAfter(
  cursor: string | undefined,
  order: 'id' | 'newest-first',
): Filter<Document> | undefined {
  if (order === 'id') {
    const position = decodeCursor(cursor, byIdCursor);
    return position && { _id: { $gt: position.id as never } };
  }
  const position = decodeCursor(cursor, newestCursor);
  if (!position) return undefined;
  const at = new Date(position.at);
  return { $or: [{ createdAt: { $lt: at } }, { createdAt: at, _id: { $lt: position.id as never } }] };
}
