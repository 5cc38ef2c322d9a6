import { type Collection, type Db } from 'mongodb';
import { type SnapshotInfo } from './domain';

/*
 * What each tally was taken from, kept so that a figure's snapshot id can be looked up later (when, from which
 * generation, up to which offsets). The cells themselves live in the memory of the process that took them: they
 * are derived data, taken again after a restart.
 */

interface SnapshotDoc extends Omit<SnapshotInfo, 'id'> {
  readonly _id: string;
}

/** The most recent snapshots kept; older ones are deleted as new ones are taken. */
const KEEP = 200;

export class SnapshotLog {
  private readonly collection: Collection<SnapshotDoc>;

  constructor(db: Db) {
    this.collection = db.collection<SnapshotDoc>('figureSnapshots');
  }

  async record(info: SnapshotInfo): Promise<void> {
    const { id, ...rest } = info;
    await this.collection.insertOne({ _id: id, ...rest });
    const stale = await this.collection
      .find({}, { projection: { _id: 1 } })
      .sort({ asOf: -1 })
      .skip(KEEP)
      .toArray();
    if (stale.length > 0) await this.collection.deleteMany({ _id: { $in: stale.map((doc) => doc._id) } });
  }

  async get(id: string): Promise<SnapshotInfo | undefined> {
    const doc = await this.collection.findOne({ _id: id });
    return doc ? fromDoc(doc) : undefined;
  }

  async latest(limit: number): Promise<SnapshotInfo[]> {
    const docs = await this.collection.find({}).sort({ asOf: -1 }).limit(limit).toArray();
    return docs.map(fromDoc);
  }
}

function fromDoc(doc: SnapshotDoc): SnapshotInfo {
  const { _id, ...rest } = doc;
  return { id: _id, ...rest };
}
