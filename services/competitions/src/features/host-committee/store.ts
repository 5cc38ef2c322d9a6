import { type Collection, type Db } from 'mongodb';
import { type HostCommittee } from './domain';

interface CommitteeDocument extends HostCommittee {
  readonly _id: string;
}

/** One committee per round and region; an assignment replaces the previous one whole. */
export class HostCommittees {
  readonly collection: Collection<CommitteeDocument>;

  constructor(db: Db) {
    this.collection = db.collection<CommitteeDocument>('hostCommittees');
  }

  async find(roundId: string, region: string): Promise<HostCommittee | null> {
    const found = await this.collection.findOne({ _id: `${roundId}:${region}` });
    if (!found) return null;
    const { _id, ...committee } = found;
    return committee;
  }

  async save(committee: HostCommittee): Promise<void> {
    const _id = `${committee.roundId}:${committee.region}`;
    await this.collection.replaceOne({ _id }, committee, { upsert: true });
  }
}
