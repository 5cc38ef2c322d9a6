import { type AggregateStore, withDocumentLock } from '@zhas/messaging';
import { type PaginationQuery, type Page, findPage, listFilter, matchesNothing } from '@zhas/service-kit';
import { type Db, type Document } from 'mongodb';
import { type BidState, isSubmitted, regionCode, registrationNumberOf } from './domain';
import { type BidListScope } from './policy';

/**
 * A team has one bid, and this is where that is made true: the bid's id is derived from the team's (`t-<uuid>`
 * gives `b-<uuid>`), so a team's bid is read by `_id` (the one lookup the embedded FerretDB does without reading
 * the whole collection) and a second bid of a team is refused by the unique `_id` itself. The domain refuses it
 * first, with the bid's id (`bid-exists`).
 */
export function bidIdOf(teamId: string): string {
  return `b-${teamId.startsWith('t-') ? teamId.slice(2) : teamId}`;
}

/** The bids, their registration serials and the lookups by team, number and region. */
export class Bids {
  constructor(
    readonly store: AggregateStore<BidState>,
    private readonly db: Db,
  ) {}

  async ensureIndexes(): Promise<void> {
    const bids = this.store.collection;
    await bids.createIndex({ registrationNumber: 1 }, { unique: true });
    // Also unique: a bid's id is its team's (bidIdOf), so this only backs that up.
    await bids.createIndex({ teamId: 1 }, { unique: true });
    await bids.createIndex({ roundId: 1, region: 1, status: 1 });
    // A reviewer's queue: the bids in review that wait for their scores.
    await bids.createIndex({ awaitingReviewerIds: 1 });
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

  async findByRegistrationNumber(registrationNumber: string) {
    const doc = await this.store.collection.findOne({ registrationNumber }, { projection: { _id: 1 } });
    return doc ? this.store.get(String(doc._id)) : undefined;
  }

  findByTeam(teamId: string) {
    return this.store.get(bidIdOf(teamId));
  }

  /** Whether the team's bid is submitted: the team is then fixed until the bid is withdrawn. */
  async isSubmittedFor(teamId: string): Promise<boolean> {
    const bid = await this.findByTeam(teamId);
    return bid !== undefined && isSubmitted(bid.state);
  }

  /** The ids of a region's bids in some states, in id order (the order a lottery sorts its candidates in). */
  async idsOf(filter: { roundId: string; region: string; status: readonly BidState['status'][] }) {
    const docs = await this.store.collection
      .find(listFilter({ roundId: filter.roundId, region: filter.region, status: filter.status }), {
        projection: { _id: 1 },
      })
      .sort({ _id: 1 })
      .toArray();
    return docs.map((doc) => String(doc._id));
  }

  /** The ids of a round's bids in some states, for a policy that decides all of them. */
  async idsInRound(roundId: string, status: readonly BidState['status'][]) {
    const docs = await this.store.collection
      .find(listFilter({ roundId, status }), { projection: { _id: 1 } })
      .toArray();
    return docs.map((doc) => String(doc._id));
  }

  async list(
    scope: BidListScope,
    filters: {
      roundId?: string;
      /** The regions to list, already narrowed to the caller's (regionScope). */
      region?: readonly string[];
      status?: readonly BidState['status'][];
      registrationNumber?: string;
      notAwardedReason?: readonly string[];
    },
    query: PaginationQuery,
  ): Promise<Page<Document>> {
    const submitted = { status: { $nin: ['draft'] } };
    const visible =
      scope.kind === 'all'
        ? {}
        : scope.kind === 'host-organization'
          ? { hostOrganizationId: scope.hostOrganizationId, ...submitted }
          : scope.kind === 'committee'
            ? { hostOrganizationId: null, ...submitted }
            : matchesNothing;
    const { roundId, region, status, registrationNumber, notAwardedReason } = filters;
    return findPage(
      this.store.collection,
      listFilter({ roundId, region, status, registrationNumber, notAwardedReason }, visible),
      query,
    );
  }
}
