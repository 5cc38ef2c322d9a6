import { type GrievanceCategory } from '@zhas/contracts';
import { type StateCodec } from '@zhas/messaging';
import {
  type PaginationQuery,
  type PersonalDataVault,
  findPage,
  listFilter,
  sealedPersonalDataSchema,
} from '@zhas/service-kit';
import { type Tracking } from '../../shared/context';
import { type GrievanceContact, type GrievanceState, type GrievanceStatus } from './domain';

const definedFields = (contact: GrievanceContact): Record<string, string> =>
  Object.fromEntries(Object.entries(contact).filter(([, value]) => typeof value === 'string'));

/**
 * How a grievance is stored: the contact (name, phone, e-mail) sealed like a participant's personal fields
 * (`personal`, AES-256-GCM under a data key of the record's own, wrapped under the configured key-encryption key),
 * so the database and its backups hold no readable contact. Every read of the store opens it again.
 */
export function grievanceCodec(vault: PersonalDataVault): StateCodec<GrievanceState> {
  return {
    toStored: (id, state) => {
      const { contact, ...rest } = state;
      if (contact === undefined) return rest;
      return { ...rest, personal: vault.seal(id, definedFields(contact)) };
    },
    fromStored: (id, stored) => {
      const { personal, ...rest } = stored;
      // Without a sealed block: no contact given (or written readable by an older version, read as it is).
      if (personal === undefined) return rest as GrievanceState;
      const contact: GrievanceContact = vault.open(id, sealedPersonalDataSchema.parse(personal));
      return { ...rest, contact } as GrievanceState;
    },
  };
}

/**
 * Key rotation: wraps every grievance's data key under the current key-encryption key and seals contacts an older
 * version wrote readable. Each write is guarded by what was read, so a record changed meanwhile is left for the
 * next run. Returns how many records it changed.
 */
export async function rotateGrievanceKeys(
  tracking: Tracking,
  vault: PersonalDataVault,
): Promise<{ readonly rewrapped: number; readonly sealed: number }> {
  const collection = tracking.grievances.collection;
  let rewrapped = 0;
  let sealed = 0;
  for await (const document of collection.find(
    { $or: [{ personal: { $exists: true } }, { contact: { $exists: true } }] },
    { projection: { personal: 1, contact: 1 } },
  )) {
    const id = String(document._id);
    if (document.personal !== undefined) {
      const current = sealedPersonalDataSchema.parse(document.personal);
      const next = vault.rewrap(id, current);
      if (!next) continue;
      const { modifiedCount } = await collection.updateOne(
        { _id: id as never, 'personal.dataKey': current.dataKey },
        { $set: { personal: next } },
      );
      rewrapped += modifiedCount;
    } else {
      const contact = document.contact as GrievanceContact;
      const { modifiedCount } = await collection.updateOne(
        { _id: id as never, personal: { $exists: false } },
        { $set: { personal: vault.seal(id, definedFields(contact)) }, $unset: { contact: '' } },
      );
      sealed += modifiedCount;
    }
  }
  return { rewrapped, sealed };
}

/** The coordinators' list filters on these; a plain compound index, which FerretDB and MongoDB both have. */
export async function ensureIndexes(tracking: Tracking): Promise<void> {
  await tracking.grievances.collection.createIndex({ status: 1, region: 1, responseDueOn: 1 });
}

/**
 * A page of grievances (regions already narrowed to the reader's); `overdue` compares the response deadline with
 * `today` (a date in Kazakhstan).
 */
export async function findGrievances(
  tracking: Tracking,
  filters: {
    status?: readonly GrievanceStatus[];
    region?: readonly string[];
    category?: readonly GrievanceCategory[];
    roundId?: string;
    overdue?: boolean;
  },
  today: string,
  query: PaginationQuery,
) {
  const overdue =
    filters.overdue === undefined
      ? {}
      : filters.overdue
        ? { status: { $ne: 'resolved' }, responseDueOn: { $lt: today } }
        : { $or: [{ status: 'resolved' }, { responseDueOn: { $gte: today } }] };
  const { status, region, category, roundId } = filters;
  const found = await findPage(
    tracking.grievances.collection,
    listFilter({ status, region, category, roundId }, overdue),
    query,
  );
  return { ...found, items: found.items.map((doc) => tracking.grievances.aggregateOf(doc)) };
}
