import { bidIdOf } from '../../shared/ids';
import { type AggregateStore, withDocumentLock } from '@zhas/messaging';
import { type Db } from 'mongodb';
import { load } from '../../shared/retry';
import { type BidState, regionCode, registrationNumberOf } from './domain';

/** The bids and what they need from the database: registration serials and lookups by team and number. */
export class Bids {
  constructor(
    readonly store: AggregateStore<BidState>,
    private readonly db: Db,
  ) {}

  async ensureIndexes(): Promise<void> {
    const bids = this.store.collection;
    await bids.createIndex({ registrationNumber: 1 }, { unique: true });
    // One bid per team: the team amends and resubmits the same bid.
    await bids.createIndex({ teamId: 1 }, { unique: true });
    await bids.createIndex({ roundId: 1, region: 1, status: 1 });
  }

  /** The next registration number of the round's year and the region's code; serials are never reused. */
  async nextRegistrationNumber(year: number, region: string): Promise<string> {
    const serials = this.db.collection<{ _id: string; last: number }>('registrationSerials');
    const id = `${year}-${regionCode(region)}`;
    // Serialized in the process: FerretDB's upserting $inc is not atomic under concurrency (two first bids of a
    // region at once collided on the counter's _id).
    const counter = await withDocumentLock(`${this.db.databaseName}.registrationSerials/${id}`, () =>
      serials.findOneAndUpdate({ _id: id }, { $inc: { last: 1 } }, { upsert: true, returnDocument: 'after' }),
    );
    return registrationNumberOf(year, region, counter?.last ?? 1);
  }

  get(bidId: string) {
    return load(this.store, 'Bid', bidId);
  }

  async findByRegistrationNumber(registrationNumber: string) {
    const doc = await this.store.collection.findOne({ registrationNumber });
    return doc ? this.store.get(String(doc._id)) : undefined;
  }

  findByTeam(teamId: string) {
    return this.store.get(bidIdOf(teamId));
  }

  async idsOf(filter: {
    roundId: string;
    region: string;
    status: BidState['status'] | BidState['status'][];
  }) {
    const docs = await this.store.collection
      .find(
        {
          roundId: filter.roundId,
          region: filter.region,
          status: Array.isArray(filter.status) ? { $in: filter.status } : filter.status,
        },
        { projection: { _id: 1 } },
      )
      .sort({ _id: 1 })
      .toArray();
    return docs.map((doc) => String(doc._id));
  }
}
