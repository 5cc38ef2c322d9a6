import { type Collection, type Db, type Document } from 'mongodb';
import { type Generations, type ReadModelName } from '../read-models/store';
import { type IndicatorDefinition, indicatorSeed, type YearTarget } from './definitions';
import { type Facts } from './facts';

/** Loads the documents of the active generation that indicators are computed from. */
export async function loadFacts(generations: Generations): Promise<{ facts: Facts; generation: number }> {
  const { active } = await generations.read();
  const all = async <T>(name: ReadModelName): Promise<T[]> =>
    (await generations.collection(active, name).find({}).toArray()) as unknown as T[];
  const [
    participants,
    teams,
    bids,
    projects,
    agreements,
    members,
    tranches,
    stipends,
    reports,
    surveys,
    grievances,
    hostApplications,
  ] = await Promise.all([
    all<Facts['participants'][number]>('participants'),
    all<Facts['teams'][number]>('teams'),
    all<Facts['bids'][number]>('bids'),
    all<Facts['projects'][number]>('projects'),
    all<Facts['agreements'][number]>('agreements'),
    all<Facts['members'][number]>('members'),
    all<Facts['tranches'][number]>('tranches'),
    all<Facts['stipends'][number]>('stipends'),
    all<Facts['reports'][number]>('reports'),
    all<Facts['surveys'][number]>('surveys'),
    all<Facts['grievances'][number]>('grievances'),
    all<Facts['hostApplications'][number]>('hostApplications'),
  ]);
  return {
    generation: active,
    facts: {
      participants,
      teams,
      bids,
      projects,
      agreements,
      members,
      tranches,
      stipends,
      reports,
      surveys,
      grievances,
      hostApplications,
    },
  };
}

interface DefinitionDoc extends Omit<IndicatorDefinition, 'code'> {
  readonly _id: string;
  /** Incremented by every edit of baseline or targets: editors send the version they edited. */
  readonly version: number;
  readonly order: number;
}

export type StoredDefinition = IndicatorDefinition & { readonly version: number };

/** Indicator definitions in the database: seeded at start, targets editable. */
export class IndicatorDefinitions {
  private readonly collection: Collection<DefinitionDoc>;

  constructor(db: Db) {
    this.collection = db.collection<DefinitionDoc>('indicatorDefinitions');
  }

  /**
   * Writes the seed: names, units, levels and disaggregations follow the code; baselines and targets are written
   * only the first time, so edits survive restarts.
   */
  async seed(): Promise<void> {
    await Promise.all(
      indicatorSeed.map((definition, order) => {
        const { code, baseline, baselineYear, targets, ...described } = definition;
        return this.collection.updateOne(
          { _id: code },
          {
            $set: { ...described, order },
            $setOnInsert: { baseline, baselineYear, targets: [...targets], version: 1 },
          },
          { upsert: true },
        );
      }),
    );
  }

  async list(): Promise<StoredDefinition[]> {
    const docs = await this.collection.find({}).sort({ order: 1 }).toArray();
    return docs.map(toDefinition);
  }

  async get(code: string): Promise<StoredDefinition | undefined> {
    const doc = await this.collection.findOne({ _id: code });
    return doc ? toDefinition(doc) : undefined;
  }

  /** Replaces baseline and targets if the stored version is the one edited; false if it is not. */
  async setTargets(
    code: string,
    expectedVersion: number,
    change: { baseline: number; baselineYear: number; targets: readonly YearTarget[] },
  ): Promise<boolean> {
    const result = await this.collection.updateOne(
      { _id: code, version: expectedVersion },
      {
        $set: { baseline: change.baseline, baselineYear: change.baselineYear, targets: [...change.targets] },
        $inc: { version: 1 },
      },
    );
    return result.modifiedCount === 1;
  }
}

function toDefinition(doc: DefinitionDoc & Document): StoredDefinition {
  return {
    code: doc._id,
    name: doc.name,
    unit: doc.unit,
    level: doc.level,
    aggregation: doc.aggregation,
    timing: doc.timing,
    baseline: doc.baseline,
    baselineYear: doc.baselineYear,
    targets: [...doc.targets].sort((a, b) => a.year - b.year),
    disaggregations: doc.disaggregations,
    version: doc.version,
  };
}
