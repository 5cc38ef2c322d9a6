import { type AggregateStore, type StateCodec } from '@zhas/messaging';
import {
  findPage,
  listFilter,
  type PaginationQuery,
  type PersonalDataVault,
  sealedPersonalDataSchema,
} from '@zhas/service-kit';
import { type Document, type Filter } from 'mongodb';
import { type MentorState } from './domain';

/** The fields of a mentor's profile that name and reach the person. */
const PERSONAL_FIELDS = ['fullName', 'phone', 'email'] as const;

/**
 * How a mentor is stored: name, phone and e-mail sealed like a participant's personal fields (`personal`,
 * AES-256-GCM under a data key of the record's own, wrapped under the configured key-encryption key), so the
 * database and its backups hold no readable contact. Regions, expertise and capacity stay readable: the registry
 * filters on them. Every read of the store opens the sealed block again.
 */
export function mentorCodec(vault: PersonalDataVault): StateCodec<MentorState> {
  return {
    toStored: (id, state) => {
      const { fullName, phone, email, ...rest } = state;
      return { ...rest, personal: vault.seal(id, { fullName, phone, email }) };
    },
    fromStored: (id, stored) => {
      const { personal, ...rest } = stored;
      // Without a sealed block: written readable by an older version, read as it is (rotate-keys seals it).
      if (personal === undefined) return stored as MentorState;
      const opened = vault.open(id, sealedPersonalDataSchema.parse(personal));
      return {
        ...rest,
        ...Object.fromEntries(PERSONAL_FIELDS.map((field) => [field, opened[field] ?? ''])),
      } as MentorState;
    },
  };
}

/**
 * Key rotation: wraps every mentor's data key under the current key-encryption key and seals profiles an older
 * version wrote readable. Each write is guarded by what was read, so a record changed meanwhile is left for the
 * next run.
 */
export async function rotateMentorKeys(
  store: AggregateStore<MentorState>,
  vault: PersonalDataVault,
): Promise<{ readonly rewrapped: number; readonly sealed: number }> {
  let rewrapped = 0;
  let sealed = 0;
  for await (const document of store.collection.find(
    {},
    { projection: { personal: 1, fullName: 1, phone: 1, email: 1 } },
  )) {
    const id = String(document._id);
    if (document.personal !== undefined) {
      const current = sealedPersonalDataSchema.parse(document.personal);
      const next = vault.rewrap(id, current);
      if (!next) continue;
      const { modifiedCount } = await store.collection.updateOne(
        { _id: id as never, 'personal.dataKey': current.dataKey },
        { $set: { personal: next } },
      );
      rewrapped += modifiedCount;
    } else if (typeof document.fullName === 'string') {
      const fields = Object.fromEntries(
        PERSONAL_FIELDS.map((field) => [field, String(document[field] ?? '')]),
      );
      const { modifiedCount } = await store.collection.updateOne(
        { _id: id as never, personal: { $exists: false } },
        { $set: { personal: vault.seal(id, fields) }, $unset: { fullName: '', phone: '', email: '' } },
      );
      sealed += modifiedCount;
    }
  }
  return { rewrapped, sealed };
}

/** The mentors' registry: one document per mentor, with the projects they accompany and their conflicts. */
export class Mentors {
  constructor(readonly store: AggregateStore<MentorState>) {}

  async ensureIndexes(): Promise<void> {
    await this.store.collection.createIndex({ regions: 1 });
    await this.store.collection.createIndex({ 'projects.projectId': 1 });
  }

  /** The mentor who accompanies the project, if any. */
  async mentorOf(projectId: string): Promise<MentorState | undefined> {
    const doc = await this.store.collection.findOne({ 'projects.projectId': projectId });
    return doc ? this.store.aggregateOf(doc).state : undefined;
  }

  /** A page of the registry: mentors working in one of `regions` (all when undefined), by expertise. */
  async list(
    filters: { regions?: readonly string[]; expertise?: readonly string[] },
    query: PaginationQuery,
  ) {
    const more: Filter<Document>[] = [];
    if (filters.expertise !== undefined) more.push({ expertise: { $in: [...filters.expertise] } });
    const found = await findPage(
      this.store.collection,
      listFilter({ regions: filters.regions }, ...more),
      query,
    );
    return { ...found, items: found.items.map((doc) => this.store.aggregateOf(doc)) };
  }
}
