import { ConcurrencyConflict } from '@zhas/messaging';
import { type Language } from '@zhas/kz';
import { type Logger } from 'pino';
import { type EmailChannel, type SmsChannel } from './channels';
import {
  type Channel,
  channels,
  type Delivery,
  nextDigestAt,
  nextDueAt,
  planDeliveries,
  type Preferences,
  type SendingPolicy,
} from './delivery';
import { notificationMetrics } from './metrics';
import { signOptOut, verifyOptOut } from './opt-out';
import { type ContactDirectory, NotificationSender, type SenderOptions } from './sender';
import {
  emptyRecipient,
  type FailureRecord,
  INBOX_SIZE,
  type NotificationDocument,
  NotificationStore,
  noticeId,
  noticeOf,
  noticeQueueId,
} from './store';
import { type ParamsOf, type TemplateId } from './templates/catalogue';
import { type Notice, renderContent } from './templates/render';

export interface NotificationsOptions {
  readonly db: ConstructorParameters<typeof NotificationStore>[0];
  readonly directory: ContactDirectory;
  readonly email: EmailChannel | undefined;
  readonly sms: SmsChannel | undefined;
  readonly policy: SendingPolicy;
  /** The service's name: it goes into opt-out links, so the portal knows whom to ask. */
  readonly service: string;
  readonly portalUrl: string;
  readonly tokenSecret: string;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly sender?: Partial<Pick<SenderOptions, 'claimTtlMs' | 'sweepIntervalMs' | 'batchSize' | 'faults'>>;
}

/** One entry of the portal's list, in the language asked for. */
export interface InboxEntry {
  readonly id: string;
  readonly template: TemplateId;
  readonly title: string;
  readonly lines: readonly string[];
  readonly createdAt: Date;
  readonly read: boolean;
}

/**
 * The notifications of one service: what its event handlers call to tell people something (`notify`), the
 * portal's list and preferences, the opt-out, and the sender that works through the queue. A service that owns
 * contact details creates one in its composition root, with a directory that reads them from its own records.
 */
export class Notifications {
  readonly store: NotificationStore;
  readonly sender: NotificationSender;

  constructor(private readonly options: NotificationsOptions) {
    this.store = new NotificationStore(options.db);
    this.sender = new NotificationSender({
      store: this.store,
      directory: options.directory,
      email: options.email,
      sms: options.sms,
      policy: options.policy,
      links: {
        portalUrl: `${options.portalUrl}/notifications`,
        optOutUrl: (recipientId, channel) => this.optOutUrl(recipientId, channel),
      },
      messageIdDomain: hostOf(options.portalUrl),
      logger: options.logger,
      now: options.now,
      ...options.sender,
    });
  }

  async ensureIndexes(): Promise<void> {
    await this.store.ensureIndexes();
  }

  /**
   * Tells each person `notice`, once per person and `key` (what the notice is about, e.g. `bid-outcome:<bidId>`):
   * a redelivered event, or two events about the same thing with the same key, add nothing. Each step is a
   * create-once or a guarded write, so repeating the call after a crash completes what it left undone.
   */
  async notify<T extends TemplateId>(
    recipientIds: readonly string[],
    notice: { readonly template: T; readonly params: ParamsOf<T> },
    meta: { readonly key: string; readonly causationId: string },
  ): Promise<void> {
    // Parameters are checked before anything is written: a wrong one is a bug in the handler, not data to keep.
    renderContent(notice, 'en');
    for (const recipientId of new Set(recipientIds)) await this.notifyOne(recipientId, notice, meta);
    this.sender.wake();
  }

  private async notifyOne(
    recipientId: string,
    notice: Notice,
    meta: { readonly key: string; readonly causationId: string },
  ): Promise<void> {
    const { store } = this;
    const id = noticeId(recipientId, meta.key);
    const now = this.options.now();
    let doc = await store.notice(id);
    if (!doc) {
      const person = await store.recipient(recipientId);
      const created: NotificationDocument = {
        _id: id,
        recipientId,
        template: notice.template,
        params: notice.params,
        key: meta.key,
        causationId: meta.causationId,
        createdAt: now,
        deliveries: planDeliveries(
          person?.preferences ?? emptyRecipient(recipientId).preferences,
          now,
          this.options.policy,
        ),
      };
      if (await store.insertNotice(created)) {
        doc = created;
        notificationMetrics.recorded.add(1, { template: notice.template });
      } else {
        doc = await store.notice(id);
      }
      if (!doc) return;
    }
    const held = Object.values(doc.deliveries).some((delivery) => delivery.status === 'digest');
    const at = doc.createdAt;
    await store.updateRecipient(recipientId, (person) => {
      const listed = person.inbox.some((item) => item.id === id);
      const waiting = !held || person.digest.includes(id);
      if (listed && waiting) return undefined;
      return {
        ...person,
        inbox: listed ? person.inbox : [{ id, at, read: false }, ...person.inbox].slice(0, INBOX_SIZE),
        digest: waiting ? person.digest : [...person.digest, id],
      };
    });
    if (held) await store.enqueueDigest(recipientId, nextDigestAt(now, this.options.policy.digestHour));
    const next = nextDueAt(doc.deliveries);
    if (next) await store.enqueue({ _id: noticeQueueId(id), kind: 'notice', ref: id, dueAt: next });
  }

  /** A page of the person's list, newest first, with the unread count. */
  async inbox(
    recipientId: string,
    language: Language,
    page: { readonly limit: number; readonly after?: string | undefined },
  ): Promise<{ items: InboxEntry[]; unread: number; nextCursor: string | null }> {
    const person = await this.store.recipient(recipientId);
    const all = person?.inbox ?? [];
    const start = page.after === undefined ? 0 : all.findIndex((item) => item.id === page.after) + 1;
    const slice = all.slice(start, start + page.limit);
    const docs = new Map(
      (await this.store.noticesByIds(slice.map((item) => item.id))).map((doc) => [doc._id, doc]),
    );
    const items = slice.flatMap((item) => {
      const doc = docs.get(item.id);
      if (!doc || doc.template === 'digest') return [];
      const content = renderContent(noticeOf(doc), language);
      return [
        {
          id: doc._id,
          template: doc.template,
          title: content.subject,
          lines: content.lines,
          createdAt: doc.createdAt,
          read: item.read,
        },
      ];
    });
    const last = slice.at(-1);
    return {
      items,
      unread: all.filter((item) => !item.read).length,
      nextCursor: start + page.limit < all.length && last ? last.id : null,
    };
  }

  async unreadCount(recipientId: string): Promise<number> {
    const person = await this.store.recipient(recipientId);
    return (person?.inbox ?? []).filter((item) => !item.read).length;
  }

  /** Marks one notice (or, without an id, every listed one) read; false when the person has no such notice. */
  async markRead(recipientId: string, id?: string): Promise<boolean> {
    const person = await this.store.recipient(recipientId);
    if (id !== undefined && !person?.inbox.some((item) => item.id === id)) return false;
    await this.store.updateRecipient(recipientId, (current) =>
      current.inbox.some((item) => !item.read && (id === undefined || item.id === id))
        ? {
            ...current,
            inbox: current.inbox.map((item) =>
              id === undefined || item.id === id ? { ...item, read: true } : item,
            ),
          }
        : undefined,
    );
    return true;
  }

  async preferences(recipientId: string): Promise<{ preferences: Preferences; version: number }> {
    const person = (await this.store.recipient(recipientId)) ?? emptyRecipient(recipientId);
    return { preferences: person.preferences, version: person.preferencesVersion };
  }

  /** Replaces the person's preferences; `version` is the one they edited (a stale one is refused). */
  async setPreferences(
    recipientId: string,
    preferences: Preferences,
    version: number,
  ): Promise<{ preferences: Preferences; version: number }> {
    let stale: number | undefined;
    const updated = await this.store.updateRecipient(recipientId, (person) => {
      if (person.preferencesVersion !== version) {
        stale = person.preferencesVersion;
        return undefined;
      }
      stale = undefined;
      return { ...person, preferences, preferencesVersion: person.preferencesVersion + 1 };
    });
    if (stale !== undefined) throw new ConcurrencyConflict(`preferences of ${recipientId}`, version, stale);
    return { preferences: updated.preferences, version: updated.preferencesVersion };
  }

  /** The link in an e-mail that turns the channel off without signing in. */
  optOutUrl(recipientId: string, channel: Channel): string {
    const token = signOptOut(this.options.tokenSecret, { recipientId, channel });
    const query = new URLSearchParams({ service: this.options.service, token });
    return `${this.options.portalUrl}/opt-out?${query.toString()}`;
  }

  /** Applies an opt-out link's token; undefined when the token is not one of ours. */
  async optOut(token: string): Promise<{ channel: Channel } | undefined> {
    const optOut = verifyOptOut(this.options.tokenSecret, token);
    if (!optOut) return undefined;
    await this.store.updateRecipient(optOut.recipientId, (person) =>
      person.preferences[optOut.channel]
        ? {
            ...person,
            preferences: { ...person.preferences, [optOut.channel]: false },
            preferencesVersion: person.preferencesVersion + 1,
          }
        : undefined,
    );
    this.options.logger.info(
      { channel: optOut.channel },
      'a person turned a channel off from an opt-out link',
    );
    return { channel: optOut.channel };
  }

  /** Deliveries that failed on every attempt, newest first. */
  failures(limit: number, before?: { at: Date; id: string }): Promise<FailureRecord[]> {
    return this.store.failuresPage(limit, before);
  }

  /** Gives a failed delivery a new set of attempts (after the mail server or the address was fixed). */
  async retryFailure(failureId: string): Promise<boolean> {
    const failure = await this.store.failure(failureId);
    if (!failure) return false;
    const doc = await this.store.notice(failure.notificationId);
    const delivery: Delivery | undefined = doc?.deliveries[failure.channel];
    if (doc && delivery?.status === 'failed') {
      await this.store.setDelivery(doc._id, failure.channel, delivery, {
        status: 'pending',
        attempts: 0,
        dueAt: this.options.now(),
        lastError: delivery.lastError ?? null,
      });
      await this.sender.reschedule(doc._id);
      this.sender.wake();
    }
    await this.store.removeFailure(failureId);
    return true;
  }

  start(): void {
    this.sender.start();
  }

  async stop(): Promise<void> {
    await this.sender.stop();
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || 'zhas.local';
  } catch {
    return 'zhas.local';
  }
}

export { channels };
