import { idSchema, regionIdSchema } from '@zhas/contracts';
import { type Collection, type Document, type Filter, type WithId } from 'mongodb';
import { z } from 'zod';
import { decodeCursor, encodeCursor, type Page, page, type PaginationQuery, queryList } from './pagination';

/*
 * Lists, the same way in every service: `?limit=&cursor=` (pagination.ts) and the usual filters by round, region
 * and status, turned into one database query; a page is read by a keyset on `_id` (or on creation time), so it
 * stays stable while documents are added.
 */

/** The query parameters of the usual filters: `paginationQuery.extend({ ...listFilters.round, ... })`. */
/**
 * A yes/no query parameter: `true` or `false`, and the document says so (zod's `stringbool` also takes `1`, `yes`,
 * `on`, ... but its JSON Schema is any string, so the document allowed values the service refused).
 */
export const queryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true');

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
const byTimeCursor = z.object({ at: z.iso.datetime(), id: z.string().min(1).max(200) });

/** The order of a list: by `_id`, or by creation time (then `_id`), oldest or newest first. */
export type ListOrder = 'id' | 'oldest-first' | 'newest-first';

/** One page of a collection in the given order. Reads one more than the page to know whether there is a next one. */
export async function findPage<T extends Document>(
  collection: Collection<T>,
  filter: Filter<Document>,
  query: PaginationQuery,
  order: ListOrder = 'id',
): Promise<Page<WithId<T>>> {
  const after = positionAfter(query.cursor, order);
  const direction = order === 'newest-first' ? -1 : 1;
  const found = await collection
    .find((after ? { $and: [filter, after] } : filter) as Filter<T>)
    .sort(order === 'id' ? { _id: 1 } : { createdAt: direction, _id: direction })
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

function positionAfter(cursor: string | undefined, order: ListOrder): Filter<Document> | undefined {
  if (order === 'id') {
    const position = decodeCursor(cursor, byIdCursor);
    return position && { _id: { $gt: position.id as never } };
  }
  const position = decodeCursor(cursor, byTimeCursor);
  if (!position) return undefined;
  const at = new Date(position.at);
  const beyond = order === 'newest-first' ? '$lt' : '$gt';
  return {
    $or: [{ createdAt: { [beyond]: at } }, { createdAt: at, _id: { [beyond]: position.id as never } }],
  };
}

const offsetCursor = z.object({ offset: z.int().min(0) });

/** One page of a list computed in memory (a small, derived list): the cursor is the offset of the next page. */
export function pageOfList<T>(items: readonly T[], query: PaginationQuery): Page<T> {
  const offset = decodeCursor(query.cursor, offsetCursor)?.offset ?? 0;
  const next = offset + query.limit;
  return page(items.slice(offset, next), next < items.length ? encodeCursor({ offset: next }) : null);
}
