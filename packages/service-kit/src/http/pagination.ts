import { z } from 'zod';
import { problems } from './problem';

/*
 * Cursor pagination (docs/architecture.md, "HTTP APIs": lists are paginated with a cursor). A cursor is
 * opaque to clients: the service encodes where the next page starts (e.g. the last sort key and id) as
 * base64url JSON. It is not a secret and not a capability: every page is filtered by the caller's
 * authorization like the first.
 */

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `?limit=&cursor=`; extend it with the list's filters: `paginationQuery.extend({ roundId: ... })`. */
export const paginationQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .meta({ description: `Page size, 1 to ${MAX_PAGE_SIZE}.` }),
  cursor: z
    .string()
    .min(1)
    .max(2048)
    .optional()
    .meta({ description: 'The `nextCursor` of the previous page; absent for the first page.' }),
});

export type PaginationQuery = z.infer<typeof paginationQuery>;

/** One page of a list; `nextCursor` is null on the last page. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export function page<T>(items: readonly T[], nextCursor: string | null): Page<T> {
  return { items, nextCursor };
}

/** The zod schema of a page of `item`s, for response validation and OpenAPI. */
export function paginatedResponse<S extends z.ZodType>(item: S) {
  return z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: 'Pass as `cursor` to get the next page; null at the end.' }),
  });
}

/** Encodes a position (any JSON value) as an opaque cursor. */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by `encodeCursor` and checks it with `schema`; a cursor that is not one of ours (tampered,
 * truncated, from another list) is a 400 naming `query.cursor`. An absent cursor gives undefined (first page).
 */
export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S): z.output<S>;
export function decodeCursor<S extends z.ZodType>(
  cursor: string | undefined,
  schema: S,
): z.output<S> | undefined;
export function decodeCursor<S extends z.ZodType>(
  cursor: string | undefined,
  schema: S,
): z.output<S> | undefined {
  if (cursor === undefined) return undefined;
  let decoded: unknown;
  try {
    if (!/^[A-Za-z0-9_-]*$/.test(cursor)) throw new Error('not base64url');
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw malformedCursor();
  }
  const parsed = schema.safeParse(decoded);
  if (!parsed.success) throw malformedCursor();
  return parsed.data;
}

function malformedCursor() {
  return problems.validation(
    [
      {
        field: 'query.cursor',
        message: 'The cursor is malformed; use the nextCursor of a previous page.',
        code: 'custom',
      },
    ],
    'The cursor is malformed.',
  );
}

/**
 * A query parameter holding a list: `?region=a&region=b` or `?region=a,b` both give `['a', 'b']`. Query values
 * arrive as strings (use `z.coerce` for numbers and booleans); lists need this.
 */
export function queryList<S extends z.ZodType>(item: S) {
  return z.preprocess((value) => {
    const entries: unknown[] | undefined = Array.isArray(value)
      ? value
      : typeof value === 'string'
        ? [value]
        : undefined;
    if (entries === undefined) return value;
    return entries
      .flatMap((entry) => (typeof entry === 'string' ? entry.split(',').map((part) => part.trim()) : [entry]))
      .filter((entry) => entry !== '');
  }, z.array(item));
}
