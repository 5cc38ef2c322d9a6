import { type Collection, type Document } from 'mongodb';
import { writeIfMatches } from './documents';

/**
 * Consumers are idempotent by construction (docs/architecture.md, "Consistency rules"). Two helpers cover the
 * usual cases; both are one single-document write, so the effect and the record that it happened cannot come
 * apart.
 */

/**
 * Applies an update to a read-model document only if the event's aggregate version is newer than the one the
 * document holds (creating the document if needed). Returns false when the event was already applied or is older.
 */
export async function applyIfNewer(
  collection: Collection<Document>,
  id: string,
  aggregateVersion: number,
  update: { $set?: Document; $setOnInsert?: Document; $unset?: Document },
): Promise<boolean> {
  const { written } = await writeIfMatches(collection, id, {
    guard: { $or: [{ version: { $lt: aggregateVersion } }, { version: { $exists: false } }] },
    update: { ...update, $set: { ...update.$set, version: aggregateVersion } },
    upsert: true,
  });
  return written;
}

/** How many applied event ids a document remembers; redeliveries come soon after the original. */
const REMEMBERED_EVENTS = 500;

/**
 * Applies an update (counters, pushes) once per event id: the document remembers the ids it has applied in the
 * same write. Returns false for a redelivery.
 */
export async function applyOnce(
  collection: Collection<Document>,
  id: string,
  eventId: string,
  update: Document,
): Promise<boolean> {
  const push = (update.$push ?? {}) as Document;
  const withRecord: Document = {
    ...update,
    $push: { ...push, appliedEventIds: { $each: [eventId], $slice: -REMEMBERED_EVENTS } },
  };
  const { written } = await writeIfMatches(collection, id, {
    guard: { appliedEventIds: { $ne: eventId } },
    update: withRecord,
    upsert: true,
  });
  return written;
}
