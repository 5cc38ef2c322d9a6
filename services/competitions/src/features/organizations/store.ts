import { Refused, refuse } from '@zhas/domain';
import { isDuplicateKey } from '@zhas/messaging';
import { type PaginationQuery, findPage, listFilter } from '@zhas/service-kit';
import { type Collection, type Db } from 'mongodb';
import { type Organization } from './domain';

/** The host organizations, one per BIN (a unique index), oldest first in lists. */
export class Organizations {
  readonly collection: Collection<Organization>;

  constructor(db: Db) {
    this.collection = db.collection<Organization>('organizations');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ bin: 1 }, { unique: true });
    await this.collection.createIndex({ createdAt: 1, _id: 1 });
  }

  find(id: string) {
    return this.collection.findOne({ _id: id });
  }

  /** Inserts it; a BIN registered already is refused, naming the organization to `nameIt` only. */
  async insert(organization: Organization, nameIt: (existing: Organization) => boolean): Promise<void> {
    try {
      await this.collection.insertOne(organization);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const existing = await this.collection.findOne({ bin: organization.bin });
      throw new Refused(
        refuse(
          'organization-exists',
          'An organization with this BIN is registered.',
          existing && nameIt(existing) ? { hostOrganizationId: existing._id } : {},
        ),
      );
    }
  }

  /** The ids of the organizations a user registered (they act for them until they have the claim). */
  async idsRegisteredBy(subject: string): Promise<string[]> {
    return (await this.collection.find({ registeredBy: subject }, { projection: { _id: 1 } }).toArray()).map(
      (organization) => organization._id,
    );
  }

  /** The names of organizations, by id (for public lists, which never show a BIN). */
  async namesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const found = await this.collection
      .find({ _id: { $in: [...ids] } }, { projection: { name: 1 } })
      .toArray();
    return new Map(found.map((organization) => [organization._id, organization.name]));
  }

  /** Oldest first. */
  list(bin: string | undefined, query: PaginationQuery) {
    return findPage(this.collection, listFilter({ bin }), query, 'oldest-first');
  }
}
