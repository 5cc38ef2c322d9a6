import {
  type Collection,
  type Document,
  type Filter,
  MongoBulkWriteError,
  type MongoClient,
  MongoServerError,
} from 'mongodb';
import sift from 'sift';
import { documentKey, noteWritten, withDocumentLock, withDocumentLocks } from './document-lock';

/**
 * Reading and writing single documents the way both servers do well.
 *
 * Guarded single-document writes: "change document `id` only if it still matches `guard`" (a version, a claim, a
 * slot older than the event). Every such write of the project goes through here, for two reasons:
 *
 * - the in-process document lock (document-lock.ts) must be held, because FerretDB applies an update as
 *   read-modify-write without isolation;
 * - FerretDB 1.x on SQLite pushes a filter down to SQLite only when it is exactly `{ _id: <string> }`. Any other
 *   filter, `{ _id, version }` included, makes it decode every document of the collection: a guarded write costs
 *   as much as a full scan and the write path grows with the data.
 *
 * So the guard is evaluated where it is cheap. On MongoDB the guard stays in the filter (atomic on the server,
 * safe across processes). On FerretDB the document is read by `_id` under the lock, the guard is checked here with
 * sift (MongoDB's query semantics in JavaScript), and the write filters by `_id` alone; the lock makes that as safe
 * as the filter would be on FerretDB, which never made guarded writes atomic across processes anyway.
 */

export interface GuardedWrite {
  /** A MongoDB filter the document must match, without `_id` (equalities here are not copied into an upsert). */
  readonly guard: Filter<Document>;
  readonly update: Document;
  /** Create the document (from `_id` and the update) when it does not exist. */
  readonly upsert?: boolean;
}

export interface GuardedWriteResult {
  /** The guard matched (or the document was created) and the update was applied. */
  readonly written: boolean;
  /** The document as it was before the write, when `written` and it existed. */
  readonly before: Document | null;
}

/** Applies the write under the document's lock. */
export async function writeIfMatches(
  collection: Collection<Document>,
  id: string,
  write: GuardedWrite,
): Promise<GuardedWriteResult> {
  return withDocumentLock(documentKey(collection, id), () => writeIfMatchesLocked(collection, id, write));
}

/**
 * The same, for a caller that already holds the document's lock; `current` is the document as that caller read
 * it under the lock (saves a read on FerretDB).
 */
export async function writeIfMatchesLocked(
  collection: Collection<Document>,
  id: string,
  write: GuardedWrite,
  current?: Document | null,
): Promise<GuardedWriteResult> {
  const byId = { _id: id as never };
  const notWritten = { written: false, before: null } as const;
  const key = documentKey(collection, id);
  try {
    if (await filtersOnlyById(collection)) {
      const before = current !== undefined ? current : await collection.findOne(byId);
      if (before ? !matches(write.guard, before) : !write.upsert) return notWritten;
      try {
        const result = await collection.updateOne(byId, write.update, { upsert: write.upsert ?? false });
        return { written: result.matchedCount + result.upsertedCount > 0, before };
      } finally {
        noteWritten(key);
      }
    }
    try {
      const result = await collection.findOneAndUpdate({ ...write.guard, ...byId }, write.update, {
        upsert: write.upsert ?? false,
        returnDocument: 'before',
        includeResultMetadata: true,
      });
      const outcome = result.lastErrorObject as { updatedExisting?: boolean; upserted?: unknown } | undefined;
      const written = outcome?.updatedExisting === true || outcome?.upserted !== undefined;
      return { written, before: result.value };
    } finally {
      noteWritten(key);
    }
  } catch (error) {
    // With upsert, a document that exists but fails the guard makes MongoDB insert a second `_id`: refused.
    if (write.upsert && isDuplicateKey(error)) return notWritten;
    throw error;
  }
}

/**
 * The documents with these ids, in the order of the ids (missing ones left out). On FerretDB one lookup by `_id`
 * per id (an `$in` would read the whole collection); on MongoDB one query.
 */
export async function findByIds<T extends Document = Document>(
  collection: Collection<Document>,
  ids: readonly string[],
): Promise<T[]> {
  if (ids.length === 0) return [];
  const found: (Document | null)[] = (await filtersOnlyById(collection))
    ? await Promise.all(ids.map((id) => collection.findOne({ _id: id as never })))
    : await collection.find({ _id: { $in: ids as never[] } }).toArray();
  const byId = new Map<string, Document>();
  for (const doc of found) if (doc) byId.set(String(doc._id), doc);
  return ids.flatMap((id) => {
    const doc = byId.get(id);
    return doc ? [doc as T] : [];
  });
}

/** What to do with one document of a batch: a guarded update of the document as it is, or the insert of a new one. */
export type DocumentChange =
  | {
      /** A MongoDB filter the document must still match, without `_id`. */
      readonly guard: Filter<Document>;
      readonly update: Document;
    }
  | { readonly insert: Document };

/**
 * FerretDB 1.24 keeps the read of every statement of an `update` command open until the command ends, one SQLite
 * connection each out of a pool of 100 per database: a command of about a hundred statements waits forever for a
 * connection (seen: 100 `updateOne` in one `bulkWrite` hung the database until FerretDB restarted). Bulk updates
 * are therefore sent in commands of at most this many statements, one command at a time.
 */
export const FERRETDB_UPDATES_PER_COMMAND = 16;

/**
 * Changes many documents of one collection in a batch, each decided from the document as it is now: `decide` gets
 * the document (null when missing) and returns a guarded update, an insert, or undefined to leave it. Returns the
 * ids whose change was applied; a change whose guard no longer matched (the document changed after it was read,
 * possible on MongoDB only) or whose insert met an existing document is not applied, and the caller decides again.
 *
 * - FerretDB: under the document locks of all the ids, one read by `_id` per document (sent together), the guards
 *   checked with sift, the updates by `_id` alone in bulk writes of FERRETDB_UPDATES_PER_COMMAND statements, the
 *   inserts in one unordered `insertMany` (one SQLite transaction).
 * - MongoDB: one `$in` read; the guarded updates go out together, each answering whether it matched (a bulk write
 *   only counts matches in all, and the caller needs to know which), and the inserts in one unordered `insertMany`.
 */
export async function changeEach(
  collection: Collection<Document>,
  ids: readonly string[],
  decide: (
    id: string,
    current: Document | null,
  ) => DocumentChange | undefined | Promise<DocumentChange | undefined>,
  options: {
    /**
     * Ids the caller believes do not exist yet (say, never written by this process): they are decided as missing
     * and inserted without a read first; those that exist after all are then read and decided like the others.
     */
    readonly assumeMissing?: (id: string) => boolean;
    /**
     * The document as the caller knows it to be now (null: known to be missing), or undefined to read it. Asked
     * under the documents' locks. On FerretDB the caller vouches that it is current (the relay does so with the
     * write serial it noted when it read the document); on MongoDB a stale one only fails its guard.
     */
    readonly known?: (id: string) => Document | null | undefined;
    /** Told of each document this call wrote, still under the documents' locks (for its write serial). */
    readonly afterWrite?: (id: string) => void;
  } = {},
): Promise<Set<string>> {
  let unique = [...new Set(ids)];
  if (unique.length === 0) return new Set();
  const written = new Set<string>();
  const { assumeMissing, known, afterWrite } = options;
  if (assumeMissing) {
    const inserts: { id: string; doc: Document }[] = [];
    for (const id of unique.filter((candidate) => assumeMissing(candidate))) {
      const change = await decide(id, null);
      if (change && 'insert' in change) inserts.push({ id, doc: { ...change.insert, _id: id } });
    }
    // An insert needs no lock: it either creates the document or is refused because the document exists.
    for (const id of await insertEach(collection, inserts)) written.add(id);
    unique = unique.filter((id) => !written.has(id));
    if (unique.length === 0) return written;
  }
  if (await filtersOnlyById(collection)) {
    await withDocumentLocks(
      unique.map((id) => documentKey(collection, id)),
      async () => {
        const current = new Map<string, Document | null>();
        const toRead: string[] = [];
        for (const id of unique) {
          const doc = known?.(id);
          if (doc === undefined) toRead.push(id);
          else current.set(id, doc);
        }
        for (const doc of await findByIds(collection, toRead)) current.set(String(doc._id), doc);
        const updates: { id: string; update: Document }[] = [];
        const inserts: { id: string; doc: Document }[] = [];
        for (const id of unique) {
          const doc = current.get(id) ?? null;
          const change = await decide(id, doc);
          if (!change) continue;
          if ('insert' in change) {
            if (!doc) inserts.push({ id, doc: { ...change.insert, _id: id } });
          } else if (doc && matches(change.guard, doc)) {
            updates.push({ id, update: change.update });
          }
        }
        for (let start = 0; start < updates.length; start += FERRETDB_UPDATES_PER_COMMAND) {
          const chunk = updates.slice(start, start + FERRETDB_UPDATES_PER_COMMAND);
          try {
            await oneBulkAtATime(collection, () =>
              collection.bulkWrite(
                chunk.map(({ id, update }) => ({ updateOne: { filter: { _id: id as never }, update } })),
                { ordered: true },
              ),
            );
          } finally {
            for (const { id } of chunk) noteWritten(documentKey(collection, id));
          }
          for (const { id } of chunk) {
            written.add(id);
            afterWrite?.(id);
          }
        }
        for (const id of await insertEach(collection, inserts)) written.add(id);
      },
    );
    return written;
  }
  const current = new Map<string, Document | null>();
  for (const id of unique) {
    const doc = known?.(id);
    if (doc !== undefined) current.set(id, doc);
  }
  const toRead = unique.filter((id) => !current.has(id));
  if (toRead.length > 0) {
    for (const doc of await collection.find({ _id: { $in: toRead as never[] } }).toArray()) {
      current.set(String(doc._id), doc);
    }
  }
  const inserts: { id: string; doc: Document }[] = [];
  const updates: Promise<void>[] = [];
  for (const id of unique) {
    const doc = current.get(id) ?? null;
    const change = await decide(id, doc);
    if (!change) continue;
    if ('insert' in change) {
      if (!doc) inserts.push({ id, doc: { ...change.insert, _id: id } });
      continue;
    }
    if (!doc) continue;
    updates.push(
      collection
        .updateOne({ ...change.guard, _id: id as never }, change.update)
        .finally(() => noteWritten(documentKey(collection, id)))
        .then((result) => {
          if (result.matchedCount !== 1) return;
          written.add(id);
          afterWrite?.(id);
        }),
    );
  }
  await Promise.all(updates);
  for (const id of await insertEach(collection, inserts)) written.add(id);
  return written;
}

/** Inserts the documents in one unordered command; returns the ids inserted (an existing `_id` is left out). */
async function insertEach(
  collection: Collection<Document>,
  inserts: readonly { id: string; doc: Document }[],
): Promise<string[]> {
  if (inserts.length === 0) return [];
  try {
    await collection.insertMany(
      inserts.map(({ doc }) => doc),
      { ordered: false },
    );
    return inserts.map(({ id }) => id);
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError)) throw error;
    const refused = new Set<number>();
    for (const writeError of [error.writeErrors].flat()) {
      if (writeError.code !== 11000) throw error;
      refused.add(writeError.index);
    }
    return inserts.filter((_, index) => !refused.has(index)).map(({ id }) => id);
  } finally {
    for (const { id } of inserts) noteWritten(documentKey(collection, id));
  }
}

/**
 * One bulk update command at a time per database from this process, so that a few batches running at once (a relay
 * and two consumers) never hold enough of FerretDB's connections to starve each other.
 */
function oneBulkAtATime<T>(collection: Collection<Document>, work: () => Promise<T>): Promise<T> {
  return withDocumentLock(`${collection.dbName} bulk updates`, work);
}

/** Deletes the document if it matches `guard`; returns whether it did. */
export async function deleteIfMatches<T extends Document>(
  collection: Collection<T>,
  id: string,
  guard: Filter<T>,
): Promise<boolean> {
  const byId = { _id: id as never };
  return withDocumentLock(documentKey(collection, id), async () => {
    if (await filtersOnlyById(collection)) {
      const current = await collection.findOne(byId);
      if (!current || !matches(guard, current)) return false;
      try {
        return (await collection.deleteOne(byId)).deletedCount === 1;
      } finally {
        noteWritten(documentKey(collection, id));
      }
    }
    try {
      return (await collection.deleteOne({ ...guard, ...byId })).deletedCount === 1;
    } finally {
      noteWritten(documentKey(collection, id));
    }
  });
}

const servers = new WeakMap<MongoClient, Promise<boolean>>();

/**
 * Whether the server behind the collection filters efficiently by `_id` only (FerretDB 1.x): asked once per
 * client with `buildInfo`, which FerretDB answers with a `ferretdbVersion`.
 */
export function filtersOnlyById(collection: Pick<Collection, 'db'>): Promise<boolean> {
  const { client } = collection.db;
  let known = servers.get(client);
  if (!known) {
    known = collection.db
      .admin()
      .command({ buildInfo: 1 })
      .then((info) => typeof info.ferretdbVersion === 'string');
    // A failed question is asked again next time rather than remembered.
    known.catch(() => servers.delete(client));
    servers.set(client, known);
  }
  return known;
}

function matches<T extends Document>(guard: Filter<T>, document: Document): boolean {
  return sift(guard as Parameters<typeof sift>[0])(document);
}

/** A write refused by a unique index (the same `_id` twice included). */
export function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}
