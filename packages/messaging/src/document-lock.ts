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
