import { type Collection, type Document } from 'mongodb';
import { isDuplicateKey } from './aggregate-store';
import { documentKey, withDocumentLock } from './document-lock';

/**
 * Consumers are idempotent by construction (DESIGN.md section 5). Two helpers cover the usual cases; both are one
 * single-document write, so the effect and the record that it happened cannot come apart.
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
  try {
    const result = await withDocumentLock(documentKey(collection, id), () =>
      collection.updateOne(
        { _id: id as never, $or: [{ version: { $lt: aggregateVersion } }, { version: { $exists: false } }] },
        { ...update, $set: { ...update.$set, version: aggregateVersion } },
        { upsert: true },
      ),
    );
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    // The document exists with this version or a newer one: the filter missed and the upsert hit the unique _id.
    if (isDuplicateKey(error)) return false;
    throw error;
  }
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
  try {
    const result = await collection.updateOne(
      { _id: id as never, appliedEventIds: { $ne: eventId } },
      withRecord,
      { upsert: true },
    );
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}
