import { writeIfMatches } from '@zhas/messaging';
import { type Collection, type Db, type Document } from 'mongodb';
import { type StaffContact, type WaitingWork } from './domain';

/** Who reviews a bid: kept from applications' `bid.submitted` (its host organization, or none: the committee). */
export interface BidAssignment {
  readonly _id: string;
  readonly region: string;
  readonly hostOrganizationId: string | null;
}

/**
 * The staff's contact details (personal data: kept here, read only by the person and at send time), and the copies
 * of other services' facts the notifications need.
 */
export class StaffNotificationsStore {
  readonly contacts: Collection<Document>;
  private readonly assignments: Collection<Document>;
  private readonly work: Collection<Document>;

  constructor(db: Db) {
    this.contacts = db.collection('staffContacts');
    this.assignments = db.collection('notificationBidAssignments');
    this.work = db.collection('notificationWaitingWork');
  }

  async ensureIndexes(): Promise<void> {
    await this.contacts.createIndex({ hostOrganizationId: 1 });
  }

  async contact(id: string): Promise<StaffContact | undefined> {
    return ((await this.contacts.findOne({ _id: id as never })) as StaffContact | null) ?? undefined;
  }

  async saveContact(contact: StaffContact): Promise<void> {
    const { _id, ...fields } = contact;
    await writeIfMatches(this.contacts, _id, { guard: {}, update: { $set: fields }, upsert: true });
  }

  /** Every staff contact: a small collection (staff, not applicants). */
  async allContacts(): Promise<StaffContact[]> {
    return this.contacts.find<StaffContact>({}).toArray();
  }

  async assign(assignment: BidAssignment): Promise<void> {
    const { _id, ...fields } = assignment;
    await writeIfMatches(this.assignments, _id, { guard: {}, update: { $set: fields }, upsert: true });
  }

  async assignment(bidId: string): Promise<BidAssignment | undefined> {
    return ((await this.assignments.findOne({ _id: bidId as never })) as BidAssignment | null) ?? undefined;
  }

  /** Opens or closes an item of waiting work; a redelivery sets the same again. */
  async setWork(item: WaitingWork): Promise<void> {
    const { _id, ...fields } = item;
    await writeIfMatches(this.work, _id, { guard: {}, update: { $set: fields }, upsert: true });
  }

  /** Closes an item; one never seen open is recorded closed, so a late "opened" cannot reopen it. */
  async closeWork(id: string, kind: WaitingWork['kind'], region: string): Promise<void> {
    await writeIfMatches(this.work, id, {
      guard: {},
      update: { $set: { kind, region, open: false, closed: true } },
      upsert: true,
    });
  }

  async openWork(item: WaitingWork): Promise<void> {
    const { _id, ...fields } = item;
    // Guarded: an item closed already (events of different aggregates arrive in any order) stays closed.
    await writeIfMatches(this.work, _id, {
      guard: { closed: { $ne: true } },
      update: { $set: fields },
      upsert: true,
    });
  }

  async openWorkItems(): Promise<WaitingWork[]> {
    return this.work.find<WaitingWork>({ open: true }).toArray();
  }
}
