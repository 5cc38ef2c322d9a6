import { createHash } from 'node:crypto';
import { deleteIfMatches, findByIds, isDuplicateKey, writeIfMatches } from '@zhas/messaging';
import { type Collection, type Db, type Document } from 'mongodb';
import { type Channel, defaultPreferences, type Delivery, type Preferences } from './delivery';
import { type TemplateId } from './templates/catalogue';
import { type Notice } from './templates/render';

/**
 * One notice for one person: what happened (a template and its parameters: codes, numbers, dates, never personal
 * data), and the state of its delivery on each channel. It is the person's entry in the portal's list and, for
 * the sender, the outbox of e-mail and SMS: a delivery is claimed, sent and recorded, so a crash resends (with
 * the same message id) or sends later, and never forgets one.
 */
export interface NotificationDocument {
  readonly _id: string;
  readonly recipientId: string;
  /** 'digest': the daily summary of the notices in `params.items`. */
  readonly template: TemplateId | 'digest';
  readonly params: Record<string, unknown>;
  /** What the notice is about, per person: one notice per recipient and key, however often the event arrives. */
  readonly key: string;
  /** The event that caused it. */
  readonly causationId: string;
  readonly createdAt: Date;
  readonly deliveries: Partial<Record<Channel, Delivery>>;
}

export interface InboxItem {
  readonly id: string;
  readonly at: Date;
  readonly read: boolean;
}

/** Per person: preferences, the newest notices (the portal's list), those waiting for the summary, recent sends. */
export interface RecipientDocument {
  readonly _id: string;
  readonly version: number;
  readonly preferences: Preferences;
  /** Changes only when the person changes their preferences (the screen edits a version it saw). */
  readonly preferencesVersion: number;
  /** Newest first, at most INBOX_SIZE. */
  readonly inbox: readonly InboxItem[];
  /** Notices waiting for the next daily summary. */
  readonly digest: readonly string[];
  readonly recent: Readonly<Record<Channel, readonly Date[]>>;
}

/** Work for the sender: a notice with a delivery due, or a person's daily summary. Small: only what is pending. */
export interface QueueEntry {
  readonly _id: string;
  readonly kind: 'notice' | 'digest';
  readonly ref: string;
  readonly dueAt: Date;
}

/** A delivery whose every attempt failed, for the admin list (no personal data: ids, template, the error). */
export interface FailureRecord {
  readonly _id: string;
  readonly notificationId: string;
  readonly channel: Channel;
  readonly recipientId: string;
  readonly template: string;
  readonly attempts: number;
  readonly lastError: string;
  readonly failedAt: Date;
}

export const INBOX_SIZE = 100;

/** A notice's id: derived from the person and the key, so a repeated event finds it; opaque, safe in a URL. */
export function noticeId(recipientId: string, key: string): string {
  return `n-${createHash('sha256').update(`${recipientId}\n${key}`).digest('base64url').slice(0, 27)}`;
}

export const noticeQueueId = (id: string) => `notice:${id}`;
export const digestQueueId = (recipientId: string) => `digest:${recipientId}`;

export function emptyRecipient(id: string): RecipientDocument {
  return {
    _id: id,
    version: 0,
    preferences: defaultPreferences,
    preferencesVersion: 0,
    inbox: [],
    digest: [],
    recent: { email: [], sms: [] },
  };
}

/**
 * The notifications' collections in the owning service's database. Every read and write goes by `_id` (FerretDB
 * scans for any other filter), except the queue's due list, which holds only pending work.
 */
export class NotificationStore {
  readonly notices: Collection<Document>;
  readonly recipients: Collection<Document>;
  readonly queue: Collection<Document>;
  readonly failures: Collection<Document>;

  constructor(db: Db) {
    this.notices = db.collection('notifications');
    this.recipients = db.collection('notificationRecipients');
    this.queue = db.collection('notificationQueue');
    this.failures = db.collection('notificationFailures');
  }

  async ensureIndexes(): Promise<void> {
    await this.queue.createIndex({ dueAt: 1 });
    await this.failures.createIndex({ failedAt: -1 });
  }

  /** Records a new notice; false when one with its id exists already (the event came again). */
  async insertNotice(doc: NotificationDocument): Promise<boolean> {
    try {
      await this.notices.insertOne(doc as unknown as Document);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async notice(id: string): Promise<NotificationDocument | undefined> {
    return ((await this.notices.findOne({ _id: id as never })) as NotificationDocument | null) ?? undefined;
  }

  async noticesByIds(ids: readonly string[]): Promise<NotificationDocument[]> {
    return findByIds<NotificationDocument & Document>(this.notices, ids);
  }

  /**
   * Replaces one channel's delivery if it is still as the caller read it (status, attempts and, while sending,
   * the claim's owner): a compare-and-set, so two senders never both act on it.
   */
  async setDelivery(id: string, channel: Channel, expected: Delivery, next: Delivery): Promise<boolean> {
    const path = `deliveries.${channel}`;
    const guard: Document = { [`${path}.status`]: expected.status, [`${path}.attempts`]: expected.attempts };
    if (expected.status === 'sending' && expected.claim) guard[`${path}.claim.owner`] = expected.claim.owner;
    const { written } = await writeIfMatches(this.notices, id, { guard, update: { $set: { [path]: next } } });
    return written;
  }

  async recipient(id: string): Promise<RecipientDocument | undefined> {
    return ((await this.recipients.findOne({ _id: id as never })) as RecipientDocument | null) ?? undefined;
  }

  /**
   * Changes a person's document by a function of its current state (undefined: no change), guarded by its
   * version and tried again when another write came first. Creates it when missing.
   */
  async updateRecipient(
    id: string,
    change: (current: RecipientDocument) => RecipientDocument | undefined,
  ): Promise<RecipientDocument> {
    for (let attempt = 1; ; attempt += 1) {
      const stored = await this.recipient(id);
      const current = stored ?? emptyRecipient(id);
      const next = change(current);
      if (next === undefined) return current;
      const { _id: _ignored, version: _version, ...fields } = next;
      const written = stored
        ? (
            await writeIfMatches(this.recipients, id, {
              guard: { version: stored.version },
              update: { $set: { ...fields, version: stored.version + 1 } },
            })
          ).written
        : await this.insertRecipient({ ...next, version: 1 });
      if (written) return { ...next, version: (stored?.version ?? 0) + 1 };
      if (attempt >= 10) throw new Error(`notification recipient ${id} kept changing; giving up this time`);
    }
  }

  private async insertRecipient(doc: RecipientDocument): Promise<boolean> {
    try {
      await this.recipients.insertOne(doc as unknown as Document);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Puts work on the queue (or moves it); at most one entry per notice and per person's summary. */
  async enqueue(entry: QueueEntry): Promise<void> {
    const { _id, ...fields } = entry;
    await writeIfMatches(this.queue, _id, { guard: {}, update: { $set: fields }, upsert: true });
  }

  /** Schedules a person's summary, keeping an earlier time already set. */
  async enqueueDigest(recipientId: string, at: Date): Promise<void> {
    const id = digestQueueId(recipientId);
    const existing = (await this.queue.findOne({ _id: id as never })) as QueueEntry | null;
    if (existing && existing.dueAt.getTime() <= at.getTime()) return;
    await this.enqueue({ _id: id, kind: 'digest', ref: recipientId, dueAt: at });
  }

  async dequeue(id: string): Promise<void> {
    await deleteIfMatches(this.queue, id, {});
  }

  /** Entries due at `now`, oldest first. */
  async due(now: Date, limit: number): Promise<QueueEntry[]> {
    return (await this.queue
      .find({ dueAt: { $lte: now } })
      .sort({ dueAt: 1 })
      .limit(limit)
      .toArray()) as unknown as QueueEntry[];
  }

  async queueLength(): Promise<number> {
    return this.queue.countDocuments({});
  }

  async recordFailure(record: FailureRecord): Promise<void> {
    const { _id, ...fields } = record;
    await writeIfMatches(this.failures, _id, { guard: {}, update: { $set: fields }, upsert: true });
  }

  async removeFailure(id: string): Promise<void> {
    await deleteIfMatches(this.failures, id, {});
  }

  async failure(id: string): Promise<FailureRecord | undefined> {
    return ((await this.failures.findOne({ _id: id as never })) as FailureRecord | null) ?? undefined;
  }

  /** Newest first. */
  async failuresPage(limit: number, before?: { at: Date; id: string }): Promise<FailureRecord[]> {
    const filter = before
      ? { $or: [{ failedAt: { $lt: before.at } }, { failedAt: before.at, _id: { $lt: before.id } }] }
      : {};
    return (await this.failures
      .find(filter as Document)
      .sort({ failedAt: -1, _id: -1 })
      .limit(limit)
      .toArray()) as unknown as FailureRecord[];
  }
}

/** The notice a document stands for (the summary's items are notices too). */
export function noticeOf(doc: Pick<NotificationDocument, 'template' | 'params'>): Notice {
  return { template: doc.template, params: doc.params } as Notice;
}
