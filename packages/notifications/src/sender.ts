import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { kazakhstanClockOf, type Language } from '@zhas/kz';
import { type Logger } from 'pino';
import { type EmailChannel, type SmsChannel, describeSendError } from './channels';
import {
  afterFailure,
  type Channel,
  channels,
  decideSend,
  defaultPreferences,
  type Delivery,
  isDue,
  nextDigestAt,
  nextDueAt,
  planDigestDeliveries,
  rememberSend,
  type SendingPolicy,
} from './delivery';
import { notificationMetrics } from './metrics';
import {
  digestQueueId,
  type NotificationDocument,
  type NotificationStore,
  noticeId,
  noticeOf,
  noticeQueueId,
  type QueueEntry,
} from './store';
import { type Content } from './templates/catalogue';
import { type Notice, renderContent, renderDigest, renderEmail } from './templates/render';

/** How the owning service reaches a person: read from its own records (decrypted there) at the moment of sending. */
export interface Contact {
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  /** For the greeting; never stored with the notice. */
  readonly name?: string | undefined;
  readonly language: Language;
}

export interface ContactDirectory {
  /** Undefined when the person is not known (any more): their deliveries are skipped. */
  contactOf(recipientId: string): Promise<Contact | undefined>;
}

export interface SenderLinks {
  readonly portalUrl: string;
  optOutUrl(recipientId: string, channel: Channel): string;
}

export interface SenderOptions {
  readonly store: NotificationStore;
  readonly directory: ContactDirectory;
  /** Undefined: the channel is not configured here, its deliveries are skipped (and say so). */
  readonly email: EmailChannel | undefined;
  readonly sms: SmsChannel | undefined;
  readonly policy: SendingPolicy;
  readonly links: SenderLinks;
  /** The right-hand side of Message-IDs, e.g. the portal's host name. */
  readonly messageIdDomain: string;
  readonly logger: Logger;
  readonly now: () => Date;
  /** How long a sender holds a delivery before another may take it over (and send it again). */
  readonly claimTtlMs?: number;
  /** How often the queue is looked at when nobody said there is work. */
  readonly sweepIntervalMs?: number;
  readonly batchSize?: number;
  /** Test hooks that simulate a crash at a step of a delivery. */
  readonly faults?: {
    readonly afterClaim?: (id: string, channel: Channel) => Promise<void> | void;
    readonly afterSend?: (id: string, channel: Channel) => Promise<void> | void;
  };
}

/**
 * Sends what is due, from the queue, one delivery at a time per notice:
 *   claim (compare-and-set on the delivery) -> decide (preferences, address, quiet hours, limits) -> send -> record.
 * A crash before the send leaves the delivery claimed; when the claim expires another sender takes it and sends
 * it. A crash after the send and before the record does the same, and the message goes out again with the same
 * Message-ID, which the mailbox recognises. A failed send is retried with backoff and, after the last attempt,
 * marked failed and listed for admins. Nothing is dropped silently.
 */
export class NotificationSender {
  private readonly owner = `sender-${randomUUID()}`;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private consecutiveFailures = 0;

  constructor(private readonly options: SenderOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    this.options.email?.close?.();
  }

  /** Says there is new work, so the sender looks at once instead of at the next sweep. */
  wake = (): void => {
    this.woken = true;
    this.wakeUp?.();
  };

  /** Sends everything due now; resolves when nothing due is left (tests, admin tools). Errors are thrown. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const handled = await this.round();
      total += handled;
      if (handled === 0) return total;
    }
  }

  /** One look at the queue: handles the entries due now; how many it handled. */
  async round(): Promise<number> {
    const due = await this.options.store.due(this.options.now(), this.options.batchSize ?? 50);
    for (const entry of due) await this.handle(entry);
    return due.length;
  }

  private async run(): Promise<void> {
    const sweepMs = this.options.sweepIntervalMs ?? 15_000;
    while (this.running) {
      this.woken = false;
      let delay = sweepMs;
      try {
        const handled = await this.round();
        this.consecutiveFailures = 0;
        if (handled > 0) delay = 0;
      } catch (error) {
        this.consecutiveFailures += 1;
        this.options.logger.warn(
          { err: error, failures: this.consecutiveFailures },
          'notification sender round failed; retrying',
        );
        delay = Math.min(30_000, 500 * 2 ** (this.consecutiveFailures - 1));
      }
      if (!this.running) break;
      if (this.woken && this.consecutiveFailures === 0) continue;
      if (delay > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeUp = undefined;
      } else {
        // Let the event loop breathe between full batches.
        await sleep(0);
      }
    }
  }

  private async handle(entry: QueueEntry): Promise<void> {
    if (entry.kind === 'digest') await this.composeDigest(entry.ref);
    else await this.processNotice(entry.ref);
  }

  private async processNotice(id: string): Promise<void> {
    const { store } = this.options;
    const now = this.options.now();
    const doc = await store.notice(id);
    if (!doc) {
      await store.dequeue(noticeQueueId(id));
      return;
    }
    for (const channel of channels) {
      const delivery = doc.deliveries[channel];
      if (delivery && isDue(delivery, now)) await this.deliver(doc, channel, delivery, now);
    }
    await this.reschedule(id);
  }

  /** The notice's queue entry follows its deliveries: the next due time, or gone when nothing is left. */
  async reschedule(id: string): Promise<void> {
    const { store } = this.options;
    const doc = await store.notice(id);
    const next = doc ? nextDueAt(doc.deliveries) : undefined;
    if (next) await store.enqueue({ _id: noticeQueueId(id), kind: 'notice', ref: id, dueAt: next });
    else await store.dequeue(noticeQueueId(id));
  }

  private async deliver(
    doc: NotificationDocument,
    channel: Channel,
    current: Delivery,
    now: Date,
  ): Promise<void> {
    const { store, policy, logger, faults } = this.options;
    const claimed: Delivery = {
      ...current,
      status: 'sending',
      attempts: current.attempts + 1,
      claim: { owner: this.owner, until: new Date(now.getTime() + (this.options.claimTtlMs ?? 60_000)) },
    };
    if (!(await store.setDelivery(doc._id, channel, current, claimed))) return; // another sender has it
    await faults?.afterClaim?.(doc._id, channel);
    const settle = async (next: Delivery) => {
      const written = await store.setDelivery(doc._id, channel, claimed, { ...next, claim: null });
      // Our claim expired and another sender took the delivery over: it decides now.
      if (!written) logger.warn({ notificationId: doc._id, channel }, 'a delivery was taken over meanwhile');
      return written;
    };

    const recipient = await store.recipient(doc.recipientId);
    const preferences = recipient?.preferences ?? defaultPreferences;
    const contact = await this.options.directory.contactOf(doc.recipientId);
    const address = channel === 'email' ? contact?.email : contact?.phone;
    const isDigest = doc.template === 'digest';
    const decision = decideSend({
      channel,
      preferences,
      hasAddress: Boolean(address),
      channelConfigured: (channel === 'email' ? this.options.email : this.options.sms) !== undefined,
      recentSends: recipient?.recent[channel] ?? [],
      isDigest,
      now,
      policy,
    });
    switch (decision.kind) {
      case 'skip':
        await settle({
          ...claimed,
          status: 'skipped',
          attempts: current.attempts,
          skipReason: decision.reason,
        });
        notificationMetrics.skipped.add(1, { channel, reason: decision.reason });
        return;
      case 'wait':
        await settle({ ...claimed, status: 'pending', attempts: current.attempts, dueAt: decision.until });
        return;
      case 'digest':
        if (await settle({ ...claimed, status: 'digest', attempts: current.attempts })) {
          await this.holdForDigest(doc.recipientId, doc._id, now);
        }
        return;
      case 'send':
        break;
    }

    const language = preferences.language ?? contact!.language;
    try {
      await this.send(doc, channel, address!, contact?.name, language);
    } catch (error) {
      const lastError = describeSendError(error);
      const next = afterFailure(claimed.attempts, now, policy);
      if (next.status === 'failed') {
        await settle({ ...claimed, status: 'failed', lastError });
        await store.recordFailure({
          _id: `${doc._id}/${channel}`,
          notificationId: doc._id,
          channel,
          recipientId: doc.recipientId,
          template: doc.template,
          attempts: claimed.attempts,
          lastError,
          failedAt: now,
        });
        notificationMetrics.failed.add(1, { channel });
        logger.error(
          {
            notificationId: doc._id,
            channel,
            template: doc.template,
            attempts: claimed.attempts,
            error: lastError,
          },
          'a notification could not be sent; it is listed for admins',
        );
      } else {
        await settle({ ...claimed, status: 'pending', dueAt: next.dueAt, lastError });
        notificationMetrics.retried.add(1, { channel });
        logger.warn(
          {
            notificationId: doc._id,
            channel,
            attempts: claimed.attempts,
            error: lastError,
            retryAt: next.dueAt,
          },
          'sending a notification failed; it will be retried',
        );
      }
      return;
    }
    await faults?.afterSend?.(doc._id, channel);
    await settle({ ...claimed, status: 'sent', sentAt: now, lastError: null });
    notificationMetrics.sent.add(1, { channel, template: doc.template });
    if (!isDigest) {
      const window = policy.limits[channel].windowMs;
      await store.updateRecipient(doc.recipientId, (person) => ({
        ...person,
        recent: { ...person.recent, [channel]: rememberSend(person.recent[channel], now, window) },
      }));
    }
  }

  private async send(
    doc: NotificationDocument,
    channel: Channel,
    address: string,
    name: string | undefined,
    language: Language,
  ): Promise<void> {
    const content: Content =
      doc.template === 'digest'
        ? renderDigest((doc.params.items as Notice[] | undefined) ?? [], language)
        : renderContent(noticeOf(doc), language);
    const messageId = this.messageId(doc._id, channel);
    if (channel === 'email') {
      const optOutUrl = this.options.links.optOutUrl(doc.recipientId, 'email');
      const email = renderEmail(content, language, {
        name,
        links: { portalUrl: this.options.links.portalUrl, optOutUrl },
      });
      await this.options.email!.send({ to: address, ...email, messageId, unsubscribeUrl: optOutUrl });
    } else {
      await this.options.sms!.send({ to: address, text: content.sms, messageId });
    }
  }

  /** Stable per notice and channel, and revealing nothing. */
  messageId(id: string, channel: Channel): string {
    const hash = createHash('sha256').update(`${id}/${channel}`).digest('hex').slice(0, 32);
    return `<${hash}@${this.options.messageIdDomain}>`;
  }

  /** A notice that goes into the person's next daily summary. */
  async holdForDigest(recipientId: string, id: string, now: Date): Promise<void> {
    await this.options.store.updateRecipient(recipientId, (person) =>
      person.digest.includes(id) ? undefined : { ...person, digest: [...person.digest, id] },
    );
    await this.options.store.enqueueDigest(recipientId, nextDigestAt(now, this.options.policy.digestHour));
  }

  /**
   * The daily summary of a person: one notice listing the ones held for it, sent like any other. Its id is the
   * person's and the day's, and it lists its items when it is created, so a crash and a second attempt make the
   * same summary; items held after it wait for the next one.
   */
  private async composeDigest(recipientId: string): Promise<void> {
    const { store, policy } = this.options;
    const now = this.options.now();
    const person = await store.recipient(recipientId);
    const waiting = person?.digest ?? [];
    if (!person || waiting.length === 0) {
      await store.dequeue(digestQueueId(recipientId));
      return;
    }
    const day = kazakhstanClockOf(now).date;
    const id = noticeId(recipientId, `digest:${day}`);
    let digest = await store.notice(id);
    if (!digest) {
      const items = (await store.noticesByIds(waiting)).filter((doc) => doc.template !== 'digest');
      if (items.length === 0) {
        await store.updateRecipient(recipientId, (current) => ({
          ...current,
          digest: current.digest.filter((held) => !waiting.includes(held)),
        }));
        await store.dequeue(digestQueueId(recipientId));
        return;
      }
      const created: NotificationDocument = {
        _id: id,
        recipientId,
        template: 'digest',
        params: { items: items.map((doc) => noticeOf(doc)), ids: items.map((doc) => doc._id) },
        key: `digest:${day}`,
        causationId: `digest:${day}`,
        createdAt: now,
        deliveries: planDigestDeliveries(person.preferences, now, policy),
      };
      digest = (await store.insertNotice(created)) ? created : await store.notice(id);
    }
    const included = (digest?.params.ids as string[] | undefined) ?? [];
    for (const item of await store.noticesByIds(included)) {
      for (const channel of channels) {
        const delivery = item.deliveries[channel];
        if (delivery?.status === 'digest') {
          await store.setDelivery(item._id, channel, delivery, {
            ...delivery,
            status: 'in-digest',
            digestId: id,
          });
        }
      }
    }
    const remaining = await store.updateRecipient(recipientId, (current) => ({
      ...current,
      digest: current.digest.filter((held) => !included.includes(held)),
    }));
    await this.reschedule(id);
    if (remaining.digest.length > 0) {
      await store.enqueue({
        _id: digestQueueId(recipientId),
        kind: 'digest',
        ref: recipientId,
        dueAt: nextDigestAt(now, policy.digestHour),
      });
    } else {
      await store.dequeue(digestQueueId(recipientId));
    }
  }
}
