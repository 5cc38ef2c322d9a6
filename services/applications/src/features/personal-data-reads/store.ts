import { randomUUID } from 'node:crypto';
import { type Actor } from '@zhas/domain';
import { type PaginationQuery, findPage, listFilter } from '@zhas/service-kit';
import { type Collection, type Db, type Document } from 'mongodb';
import { type PersonalDataRead, personalDataRead } from './domain';

interface StoredRead extends Document {
  _id: string;
  participantId: string;
  reader: { subject: string; roles: string[] };
  purpose: string;
  operation: string;
  requestId: string;
  createdAt: Date;
}

/**
 * The reads of personal data, one document each (`personal-data-reads`). An entry is written before the answer
 * leaves: if it cannot be written, the read fails rather than going unrecorded.
 */
export class PersonalDataReads {
  private readonly collection: Collection<StoredRead>;

  constructor(
    db: Db,
    private readonly now: () => Date,
  ) {
    this.collection = db.collection<StoredRead>('personal-data-reads');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ participantId: 1, createdAt: -1 });
    await this.collection.createIndex({ 'reader.subject': 1, createdAt: -1 });
  }

  async record(
    actor: Actor,
    read: Pick<PersonalDataRead, 'participantId' | 'purpose' | 'operation' | 'requestId'>,
  ): Promise<void> {
    const entry = personalDataRead(actor, read, `pdr-${randomUUID()}`, this.now());
    const { readId, at, ...rest } = entry;
    await this.collection.insertOne({
      _id: readId,
      ...rest,
      reader: { ...rest.reader, roles: [...rest.reader.roles] },
      createdAt: at,
    });
  }

  /** The newest reads first, filtered by the person read, the reader and a time range. */
  async find(
    filters: { participantId?: string; readerSubject?: string; from?: Date; to?: Date },
    query: PaginationQuery,
  ) {
    const range = {
      ...(filters.from === undefined ? {} : { $gte: filters.from }),
      ...(filters.to === undefined ? {} : { $lt: filters.to }),
    };
    const found = await findPage(
      this.collection,
      listFilter(
        { participantId: filters.participantId, 'reader.subject': filters.readerSubject },
        Object.keys(range).length === 0 ? {} : { createdAt: range },
      ),
      query,
      'newest-first',
    );
    return {
      items: found.items.map((document): PersonalDataRead => ({
        readId: document._id,
        participantId: document.participantId,
        reader: document.reader,
        purpose: document.purpose as PersonalDataRead['purpose'],
        operation: document.operation,
        requestId: document.requestId,
        at: document.createdAt,
      })),
      nextCursor: found.nextCursor,
    };
  }
}
