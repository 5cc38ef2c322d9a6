import { type BatchHandler, changeEach } from '@zhas/messaging';
import { type Collection, type Document } from 'mongodb';
import { writeFacts } from './handlers';
import { defined, type Generations, type Keep, type ReadModelName, type ReadModelSink } from './store';

/*
 * Projections in batches. The events of a fetched batch are first folded in memory, per read model, document and
 * slot, keeping for each slot the fact that the slot's rule keeps (the highest aggregate version, or the lowest);
 * then each read model is written with one read and one bulk write of the documents touched (messaging's
 * `changeEach`): new documents are inserted whole, existing ones get `$set` of the slots the batch improves,
 * guarded by those slots' versions. Folding first changes nothing in the result: the same rules decide, once per
 * slot instead of once per event, so duplicates, redeliveries and any order still give the same documents.
 */

interface SlotFact {
  readonly version: number;
  readonly fields: Record<string, unknown>;
  readonly keep: Keep;
}

/** The facts of a batch, per read model, document id and slot: a sink that writes nothing until `flush`. */
export class Fold implements ReadModelSink {
  private readonly models = new Map<ReadModelName, Map<string, Map<string, SlotFact>>>();

  readonly write: ReadModelSink['write'] = (name, id, slot, version, fields, keep = 'latest') => {
    let docs = this.models.get(name);
    if (!docs) this.models.set(name, (docs = new Map<string, Map<string, SlotFact>>()));
    let slots = docs.get(id);
    if (!slots) docs.set(id, (slots = new Map<string, SlotFact>()));
    const held = slots.get(slot);
    if (!held || wins(version, held.version, keep)) slots.set(slot, { version, fields, keep });
    return Promise.resolve();
  };

  /** The documents the fold has facts for, per read model. */
  documents(): ReadonlyMap<ReadModelName, Iterable<string>> {
    return new Map([...this.models].map(([name, docs]) => [name, docs.keys()]));
  }

  /** Writes every read model of the fold into the collections `collectionOf` names. */
  async flush(collectionOf: (name: ReadModelName) => Collection<Document>): Promise<void> {
    for (const [name, docs] of this.models) await writeDocuments(collectionOf(name), docs);
  }
}

/** Whether a fact of `version` replaces one of `held` in a slot that keeps the latest (or the earliest) fact. */
function wins(version: number, held: number, keep: Keep): boolean {
  return keep === 'latest' ? version > held : version < held;
}

function slotValue(fact: SlotFact): Record<string, unknown> {
  return { ...defined(fact.fields), v: fact.version };
}

/**
 * Ids of read-model documents this process knows exist, per collection: the documents of a batch that are not
 * among them are inserted whole without reading first (most documents of a rebuild are new); a document that
 * existed after all is refused by the insert and then read and updated. Bounded: a full set is forgotten, which
 * costs only reads. Documents are never deleted, only whole collections (generations) dropped, whose names are not
 * used again.
 */
const KNOWN_PER_COLLECTION = 200_000;
const known = new Map<string, Set<string>>();

function knownIn(collection: Collection<Document>): Set<string> {
  const key = `${collection.dbName}.${collection.collectionName}`;
  let ids = known.get(key);
  if (!ids || ids.size > KNOWN_PER_COLLECTION) known.set(key, (ids = new Set()));
  return ids;
}

/** One read and one bulk write per round; a document changed between the two (MongoDB only) is decided again. */
async function writeDocuments(
  collection: Collection<Document>,
  docs: ReadonlyMap<string, ReadonlyMap<string, SlotFact>>,
): Promise<void> {
  const existing = knownIn(collection);
  let left = [...docs.keys()];
  for (let attempt = 0; left.length > 0; attempt += 1) {
    if (attempt >= 20) throw new Error(`read-model documents keep changing: ${left.slice(0, 5).join(', ')}`);
    const settled = new Set<string>();
    const written = await changeEach(
      collection,
      left,
      (id, current) => {
        const slots = docs.get(id)!;
        if (!current) {
          return { insert: Object.fromEntries([...slots].map(([slot, fact]) => [slot, slotValue(fact)])) };
        }
        const better = [...slots].filter(([slot, fact]) => {
          const held = (current[slot] as { v?: unknown } | undefined)?.v;
          return typeof held !== 'number' || wins(fact.version, held, fact.keep);
        });
        if (better.length === 0) {
          settled.add(id); // the database holds these facts or better ones already: a redelivery
          return undefined;
        }
        return {
          guard: {
            $and: better.map(([slot, fact]) => ({
              $or: [
                { [`${slot}.v`]: fact.keep === 'latest' ? { $lt: fact.version } : { $gt: fact.version } },
                { [`${slot}.v`]: { $exists: false } },
              ],
            })),
          },
          update: { $set: Object.fromEntries(better.map(([slot, fact]) => [slot, slotValue(fact)])) },
        };
      },
      { assumeMissing: (id) => !existing.has(id) },
    );
    for (const id of left) existing.add(id); // written, or found to exist
    left = left.filter((id) => !written.has(id) && !settled.has(id));
  }
}

/**
 * The batch handler of a consumer writing into the generations `targets` names (read once per batch): the live
 * consumer's are the active generation and the one a rebuild is building, a rebuild's its own. `written` is told
 * which documents the batch wrote, once they are written (or may have been, when writing failed).
 */
export function projectionBatchHandler(
  generations: Generations,
  targets: () => Promise<readonly number[]>,
  written?: (documents: ReadonlyMap<ReadModelName, Iterable<string>>) => void,
): BatchHandler {
  return async (events) => {
    const fold = new Fold();
    for (const { event } of events) await writeFacts(fold, event);
    try {
      for (const generation of await targets()) {
        await fold.flush((name) => generations.collection(generation, name));
      }
    } finally {
      written?.(fold.documents()); // a failed flush may have written some of them
    }
  };
}
