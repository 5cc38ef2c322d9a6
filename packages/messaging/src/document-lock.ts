/**
 * Serializes writes to one document within this process.
 *
 * FerretDB 1.24 (the embedded default) applies an update as "read the document, change it, write it back" without
 * isolation, so two updates of one document at the same moment can lose one of them (seen: 32 of 50 documents lost
 * an update when two `$set`s ran together). MongoDB does not have this problem: its single-document writes are
 * atomic. Every write this package makes to an aggregate or read-model document (a command's version-guarded save,
 * the relay's claim / note / clear, the idempotent read-model helpers) goes through this lock, so within one
 * service process such writes never overlap. It is not a cross-process lock: on FerretDB run one instance of a
 * service (the embedded default does); on MongoDB any number.
 */
const tails = new Map<string, Promise<void>>();

export async function withDocumentLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release: () => void = () => undefined;
  const current = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = previous.then(() => current);
  tails.set(key, tail);
  await previous;
  try {
    return await work();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}

/** The lock key of a document: database, collection and id. */
export function documentKey(collection: { dbName: string; collectionName: string }, id: string): string {
  return `${collection.dbName}.${collection.collectionName}/${id}`;
}

/**
 * Holds the locks of many documents while `work` runs (a batch that reads and writes them together). The locks are
 * taken one by one in a fixed order, so two batches with documents in common never wait on each other in a circle;
 * a single-document writer holds one lock at a time and cannot close a circle either.
 */
export async function withDocumentLocks<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
  const sorted = [...new Set(keys)].sort();
  const acquire = (index: number): Promise<T> =>
    index >= sorted.length ? work() : withDocumentLock(sorted[index]!, () => acquire(index + 1));
  return acquire(0);
}

/*
 * Write serials. Every write this package makes to a document (a save, a relay's clear, a read-model write) takes
 * the next number of this process as the document's serial, once the write has returned or failed. Whoever notes
 * the serial before reading a document and finds it unchanged later, under the document's lock, knows that this
 * process has not written the document since: on FerretDB, where one process writes a service's documents (see
 * above), the document is still as read, and reading it again can be saved. Only the latest serials are kept; a
 * document whose serial was forgotten reports the highest forgotten one, so it can only look changed, never the same.
 */
const REMEMBERED_SERIALS = 100_000;
const serials = new Map<string, number>();
let lastSerial = 0;
let forgottenUpTo = 0;

/** The serial of the document's latest write by this process (note it before reading the document). */
export function writeSerial(key: string): number {
  return serials.get(key) ?? forgottenUpTo;
}

/** Records a write of the document (successful or not: a failed write may have happened all the same). */
export function noteWritten(key: string): void {
  lastSerial += 1;
  serials.delete(key);
  serials.set(key, lastSerial);
  if (serials.size > REMEMBERED_SERIALS) {
    const [oldestKey, oldest] = serials.entries().next().value as [string, number];
    serials.delete(oldestKey);
    forgottenUpTo = Math.max(forgottenUpTo, oldest);
  }
}
