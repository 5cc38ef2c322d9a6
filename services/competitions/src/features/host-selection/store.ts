import { isDuplicateKey } from '@zhas/messaging';
import { listFilter } from '@zhas/service-kit';
import { type Collection, type Db, type Filter } from 'mongodb';
import { type RegionId } from '@zhas/kz';
import { type RegionOutcome } from './domain';

/** A region's confirmed selection: the decided outcomes, written once before they are applied. */
export interface HostSelection {
  readonly _id: string;
  readonly roundId: string;
  readonly region: RegionId;
  readonly seats: number;
  readonly rulesVersion: number;
  readonly outcomes: readonly RegionOutcome[];
  readonly confirmedAt: string;
  readonly confirmedBy: string;
}

export function selectionIdOf(roundId: string, region: string): string {
  return `${roundId}:${region}`;
}

export class Selections {
  readonly collection: Collection<HostSelection>;

  constructor(db: Db) {
    this.collection = db.collection<HostSelection>('hostSelections');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ roundId: 1, region: 1 });
  }

  find(roundId: string, region: string) {
    return this.collection.findOne({ _id: selectionIdOf(roundId, region) });
  }

  /** Records the selection; when another confirmation came first, returns that one instead. */
  async record(
    selection: HostSelection,
  ): Promise<{ readonly selection: HostSelection; readonly first: boolean }> {
    try {
      await this.collection.insertOne(selection);
      return { selection, first: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const other = await this.collection.findOne({ _id: selection._id });
      if (!other) throw error;
      return { selection: other, first: false };
    }
  }

  /** The confirmed selections of a round, by region. */
  ofRound(roundId: string, regions: readonly string[] | undefined) {
    return this.collection
      .find(listFilter({ roundId, region: regions }) as Filter<HostSelection>)
      .sort({ region: 1 })
      .toArray();
  }
}
