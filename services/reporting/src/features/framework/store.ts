import { writeIfMatches } from '@zhas/messaging';
import { type Collection, type Db, type Document } from 'mongodb';
import {
  type Description,
  type HistoryEntry,
  type IndicatorDefinition,
  type StoredDefinition,
  sortTargets,
  type Targets,
} from './domain';
import { indicatorSeed } from './seed';

/*
 * The results framework in the database: one document per indicator, holding its definition, its version and its
 * history of edits. An edit replaces the fields and appends the history entry in one single-document write guarded
 * by the version, so the history can never miss an edit or record one that did not happen.
 */

interface DefinitionDoc extends Omit<IndicatorDefinition, 'code'> {
  readonly _id: string;
  readonly version: number;
  readonly order: number;
  readonly history?: readonly HistoryEntry[];
}

const COMPUTED = ['unit', 'aggregation', 'timing', 'disaggregations'] as const;

export class IndicatorDefinitions {
  private readonly collection: Collection<DefinitionDoc>;
  /** The same collection untyped, for the version-guarded write (which takes any document). */
  private readonly documents: Collection<Document>;

  constructor(
    db: Db,
    private readonly seedData: readonly IndicatorDefinition[] = indicatorSeed,
  ) {
    this.collection = db.collection<DefinitionDoc>('indicatorDefinitions');
    this.documents = db.collection('indicatorDefinitions');
  }

  /**
   * Writes the seed: how each indicator is counted follows the code; names, definitions, levels, baselines and
   * targets are written only when the indicator is new (or lacks a field a later version of the seed added), so
   * edits survive restarts.
   */
  async seed(): Promise<void> {
    await Promise.all(
      this.seedData.map(async (definition, order) => {
        const { code, ...fields } = definition;
        const computed = Object.fromEntries(COMPUTED.map((key) => [key, fields[key]]));
        const editable = Object.fromEntries(
          Object.entries(fields).filter(([key]) => !(COMPUTED as readonly string[]).includes(key)),
        );
        await this.collection.updateOne(
          { _id: code },
          { $set: { ...computed, order }, $setOnInsert: { ...editable, version: 1, history: [] } },
          { upsert: true },
        );
        // Fields added to the seed after the document was first written.
        for (const [key, value] of Object.entries(editable)) {
          await this.collection.updateOne(
            { _id: code, [key]: { $exists: false } },
            { $set: { [key]: value } },
          );
        }
      }),
    );
  }

  async list(): Promise<StoredDefinition[]> {
    const docs = await this.collection
      .find({}, { projection: { history: 0 } })
      .sort({ order: 1 })
      .toArray();
    return docs.map(toDefinition);
  }

  async get(code: string): Promise<StoredDefinition | undefined> {
    const doc = await this.collection.findOne({ _id: code }, { projection: { history: 0 } });
    return doc ? toDefinition(doc) : undefined;
  }

  /** The edits of an indicator, newest first; undefined when there is no such indicator. */
  async history(code: string): Promise<HistoryEntry[] | undefined> {
    const doc = await this.collection.findOne({ _id: code }, { projection: { history: 1 } });
    if (!doc) return undefined;
    return [...(doc.history ?? [])].sort((a, b) => b.version - a.version);
  }

  /** Stores an edit made on `expectedVersion`; false when the stored version is another one (a concurrent edit). */
  async saveEdit(
    code: string,
    expectedVersion: number,
    next: StoredDefinition,
    entry: HistoryEntry,
  ): Promise<boolean> {
    const fields: Partial<Description & Targets> = {
      name: next.name,
      definition: next.definition,
      level: next.level,
      baseline: next.baseline,
      baselineYear: next.baselineYear,
      ...(next.baselineSource ? { baselineSource: next.baselineSource } : {}),
      targets: sortTargets(next.targets),
    };
    const { written } = await writeIfMatches(this.documents, code, {
      guard: { version: expectedVersion },
      update: { $set: { ...fields, version: next.version }, $push: { history: entry } },
    });
    return written;
  }
}

function toDefinition(doc: DefinitionDoc): StoredDefinition {
  return {
    code: doc._id,
    name: doc.name,
    definition: doc.definition,
    level: doc.level,
    unit: doc.unit,
    aggregation: doc.aggregation,
    timing: doc.timing,
    disaggregations: doc.disaggregations,
    baseline: doc.baseline,
    baselineYear: doc.baselineYear,
    ...(doc.baselineSource ? { baselineSource: doc.baselineSource } : {}),
    targets: sortTargets(doc.targets),
    version: doc.version,
  };
}
