import { writeIfMatches } from '@zhas/messaging';
import { type Collection, type Db, type Document } from 'mongodb';

/*
 * The read models live in "generations" of collections (`rm_g<N>_<name>`). One control document names the active
 * generation, and while a rebuild runs, the generation being built. Queries read the active generation only; the
 * live consumer writes into the active generation and into the one being built, the rebuild consumer into the one
 * being built. Switching is one single-document update of the control document.
 *
 * Every read-model document is a set of "slots", one per kind of fact (a bid's first submission, its latest
 * decision, ...). A slot is written only by an event of a higher aggregate version than the one already in it
 * (or a lower one, for slots that keep the earliest fact). Applying the same events in any order, any number of
 * times, therefore gives the same documents: the live consumer and a rebuild consumer may both write into a new
 * generation, and events arriving out of order across topics need no special handling.
 */

export const readModelNames = [
  'rounds',
  'hostApplications',
  'participants',
  'teams',
  'bids',
  'projects',
  'agreements',
  'members',
  'tranches',
  'stipends',
  'reports',
  'surveys',
  'recoveries',
  'grievances',
] as const;
export type ReadModelName = (typeof readModelNames)[number];

export function collectionName(generation: number, name: ReadModelName): string {
  return `rm_g${generation}_${name}`;
}

const generationPattern = /^rm_g(\d+)_/;

/** The generation a read-model collection belongs to, or undefined for other collections. */
export function generationOf(name: string): number | undefined {
  const match = generationPattern.exec(name);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

export interface GenerationControl {
  readonly _id: 'generation';
  readonly active: number;
  /** The highest generation ever started: a new rebuild takes the next one. */
  readonly last: number;
  readonly building?: { readonly generation: number; readonly rebuildId: string };
}

/** How a slot is guarded: keep the fact of the highest aggregate version, or of the lowest. */
export type Keep = 'latest' | 'earliest';

/** Drops keys whose value is undefined: the driver would store them as null. */
export function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * Writes `fields` into slot `slot` of document `id` unless the slot already holds a fact of a newer (or, with
 * `keep: 'earliest'`, older) or equal aggregate version. Returns whether it wrote.
 */
export async function writeSlot(
  collection: Collection<Document>,
  id: string,
  slot: string,
  version: number,
  fields: Record<string, unknown>,
  keep: Keep = 'latest',
): Promise<boolean> {
  const guard = keep === 'latest' ? { $lt: version } : { $gt: version };
  const { written } = await writeIfMatches(collection, id, {
    guard: { $or: [{ [`${slot}.v`]: guard }, { [`${slot}.v`]: { $exists: false } }] },
    update: { $set: { [slot]: { ...defined(fields), v: version } } },
    upsert: true,
  });
  return written;
}

/** Where an event's facts are written: one generation (a rebuild) or whatever the control document says (live). */
export interface ReadModelSink {
  write(
    name: ReadModelName,
    id: string,
    slot: string,
    version: number,
    fields: Record<string, unknown>,
    keep?: Keep,
  ): Promise<void>;
}

/** The control document and the collections of each generation. */
export class Generations {
  private readonly control: Collection<GenerationControl>;

  constructor(private readonly db: Db) {
    this.control = db.collection<GenerationControl>('readModelControl');
  }

  /** Creates the control document on first start (generation 1, built by the live consumer from offset zero). */
  async ensure(): Promise<GenerationControl> {
    await this.control.updateOne(
      { _id: 'generation' },
      { $setOnInsert: { active: 1, last: 1 } },
      { upsert: true },
    );
    return this.read();
  }

  async read(): Promise<GenerationControl> {
    const control = await this.control.findOne({ _id: 'generation' });
    return control ?? { _id: 'generation', active: 1, last: 1 };
  }

  collection(generation: number, name: ReadModelName): Collection<Document> {
    return this.db.collection(collectionName(generation, name));
  }

  /** Every document of a read model of the active generation, typed as the caller reads them. */
  async readAll<T extends Document>(name: ReadModelName, generation?: number): Promise<T[]> {
    const active = generation ?? (await this.read()).active;
    return this.collection(active, name).find<T>({}).toArray();
  }

  /** Claims the next generation for a rebuild; undefined when another rebuild holds the control document. */
  async beginBuilding(rebuildId: string): Promise<number | undefined> {
    const current = await this.ensure();
    if (current.building) return undefined;
    const generation = current.last + 1;
    const result = await this.control.updateOne(
      { _id: 'generation', last: current.last, building: { $exists: false } },
      { $set: { last: generation, building: { generation, rebuildId } } },
    );
    return result.modifiedCount === 1 ? generation : undefined;
  }

  /** Makes the built generation active, if this rebuild still holds the control document. */
  async activate(rebuildId: string, generation: number): Promise<boolean> {
    const result = await this.control.updateOne(
      { _id: 'generation', 'building.rebuildId': rebuildId, 'building.generation': generation },
      { $set: { active: generation }, $unset: { building: '' } },
    );
    return result.modifiedCount === 1;
  }

  /** Gives up a rebuild (failed or abandoned); the active generation stays as it was. */
  async abandon(rebuildId: string): Promise<void> {
    await this.control.updateOne(
      { _id: 'generation', 'building.rebuildId': rebuildId },
      { $unset: { building: '' } },
    );
  }

  /** Drops the collections of every generation except those named (stray writes after a switch included). */
  async dropAllExcept(keep: readonly number[]): Promise<void> {
    const collections = await this.db.listCollections({}, { nameOnly: true }).toArray();
    for (const { name } of collections) {
      const generation = generationOf(name);
      if (generation !== undefined && !keep.includes(generation)) {
        await this.db.dropCollection(name).catch(() => undefined);
      }
    }
  }

  /** The generations the live consumer writes into: the active one, and the one being built if a rebuild runs. */
  async liveTargets(): Promise<number[]> {
    const control = await this.read();
    return control.building ? [control.active, control.building.generation] : [control.active];
  }

  /** The live consumer's sink: the active generation, and the one being built if a rebuild runs. */
  liveSink(): ReadModelSink {
    return {
      write: async (name, id, slot, version, fields, keep) => {
        for (const generation of await this.liveTargets()) {
          await writeSlot(this.collection(generation, name), id, slot, version, fields, keep);
        }
      },
    };
  }

  /** A rebuild's sink: one generation. */
  generationSink(generation: number): ReadModelSink {
    return {
      write: async (name, id, slot, version, fields, keep) => {
        await writeSlot(this.collection(generation, name), id, slot, version, fields, keep);
      },
    };
  }
}
