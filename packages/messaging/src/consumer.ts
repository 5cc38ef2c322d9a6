import { setTimeout as sleep } from 'node:timers/promises';
import { parseEvent, type ZhasEvent, type ZhasEventType } from '@zhas/contracts';
import { type Consumer, type EachBatchPayload, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import { type Logger } from 'pino';
import { messagingMetrics, recordConsumerLag } from './metrics';
import { contextFromHeaders, headersToStrings, inSpan, SpanKind, tracer } from './trace';

/** What a handler knows about the message besides the event. */
export interface MessageContext {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly logger: Logger;
  /** 1 on the first try, then 2, 3, ... on retries. */
  readonly attempt: number;
}

export type EventHandler<T extends ZhasEventType> = (
  event: Extract<ZhasEvent, { type: T }>,
  context: MessageContext,
) => Promise<void>;

/** A handler per event type the consumer acts on; the others are acknowledged and ignored. */
export type EventHandlers = { readonly [T in ZhasEventType]?: EventHandler<T> };

/** An event of a batch, with where it was read. */
export interface ConsumedEvent {
  readonly event: ZhasEvent;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/**
 * Handles the events of a batch (of one partition, in offset order) together, say with one bulk write per
 * collection. It must be idempotent like any handler: after a crash the batch is delivered again.
 */
export type BatchHandler = (
  events: readonly ConsumedEvent[],
  context: { readonly logger: Logger; readonly heartbeat: () => Promise<void> },
) => Promise<void>;

export interface RetryPolicy {
  /** Attempts in all, the first included, before the message goes to the dead-letter topic. */
  readonly attempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

/** What the dead-letter topic receives: the original message as it was, and why it could not be processed. */
export interface DeadLetter {
  readonly groupId: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Record<string, string>;
  readonly eventId: string | undefined;
  readonly eventType: string | undefined;
  readonly reason: 'invalid' | 'failed' | 'newer-version';
  readonly error: string;
  readonly attempts: number;
  readonly deadLetteredAt: string;
}

export interface EventConsumerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topics: readonly string[];
  readonly handlers: EventHandlers;
  /**
   * Handles a batch's events together (only events of the types in `handlers`). If it throws, the batch's messages
   * go through `handlers` one by one, with the usual retries and dead letters, so a poison message still never
   * blocks its partition.
   */
  readonly batchHandler?: BatchHandler;
  readonly deadLetterTopic: string;
  readonly logger: Logger;
  readonly retry?: Partial<RetryPolicy>;
  /** A new group reads each topic's whole history: read models are built from it. */
  readonly fromBeginning?: boolean;
  /** Also called for every dead letter (e.g. to keep it for an admin endpoint). */
  readonly onDeadLetter?: (letter: DeadLetter) => Promise<void>;
  /** The clock for dead-letter timestamps. */
  readonly now?: () => Date;
  /**
   * Partitions whose batches are handled at the same time (1 by default). Each partition's messages stay in offset
   * order and its offsets are still committed after its batch; only for handlers whose writes for different
   * partitions commute (reporting's read models, guarded per slot by aggregate version). Without it, the next fetch
   * waits until every partition's batch of the last one has been handled one after the other.
   */
  readonly partitionsConsumedConcurrently?: number;
  /**
   * Called each time this consumer has joined its group (after every rebalance), with the partitions it was
   * assigned per topic: a process that keeps state derived from what it consumed can tell whether another member
   * may have written meanwhile.
   */
  readonly onGroupJoin?: (assignment: Readonly<Record<string, readonly number[]>>) => void;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, initialDelayMs: 200, maxDelayMs: 5_000 };

/** How long one partition's batch is handled message by message before the other partitions get their turn. */
const ONE_BY_ONE_BUDGET_MS = 1_000;

/**
 * Runs a consumer group over event topics (docs/architecture.md, "Consistency rules"):
 * - every message is validated against the contracts and upcast to the latest version before a handler sees it;
 * - unknown event types are logged and skipped; invalid ones and newer versions than this build knows go
 *   straight to the dead-letter topic;
 * - a handler that throws is retried with backoff (heartbeating meanwhile), then the message is dead-lettered and
 *   the partition moves on, so one poison message never blocks the ones behind it;
 * - offsets are committed after each message is handled or parked, so a restart redelivers at most the message
 *   in hand (handlers are idempotent);
 * - with a `batchHandler`, the valid events of a batch are handled together and the offsets committed after it.
 */
export class EventConsumer {
  private consumer: Consumer;
  private readonly retry: RetryPolicy;
  private producer: Producer | undefined;
  private readonly processed = new Map<string, bigint>();
  private readonly waiters: { topic: string; partition: number; offset: bigint; resolve: () => void }[] = [];
  private stopping = false;

  constructor(private readonly options: EventConsumerOptions) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.consumer = options.kafka.consumer({ groupId: options.groupId, allowAutoTopicCreation: false });
  }

  /**
   * Connects, subscribes and resolves once the consumer has joined its group and can receive messages. If that
   * fails (Kafka not answering), the consumer is reset, so `start` can simply be called again later.
   */
  async start(): Promise<void> {
    try {
      await this.connectAndRun();
    } catch (error) {
      await this.consumer.disconnect().catch(() => undefined);
      this.consumer = this.options.kafka.consumer({
        groupId: this.options.groupId,
        allowAutoTopicCreation: false,
      });
      throw error;
    }
  }

  private async connectAndRun(): Promise<void> {
    const joined = new Promise<void>((resolve) => {
      const remove = this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        remove();
        resolve();
      });
    });
    const { onGroupJoin } = this.options;
    if (onGroupJoin) {
      this.consumer.on(this.consumer.events.GROUP_JOIN, (event) =>
        onGroupJoin(event.payload.memberAssignment),
      );
    }
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [...this.options.topics],
      fromBeginning: this.options.fromBeginning ?? true,
    });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      autoCommit: true,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.handleBatch(payload),
    });
    await joined;
  }

  /** Stops after the message in hand; offsets of handled messages are committed before disconnecting. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer.disconnect();
    await this.producer?.disconnect();
    this.producer = undefined;
  }

  /**
   * Resolves when every message up to and including `offset` on the partition has been handled or parked. Tests
   * await this instead of sleeping.
   */
  waitForOffset(topic: string, partition: number, offset: string | bigint): Promise<void> {
    const target = BigInt(offset);
    const done = this.processed.get(`${topic}/${partition}`);
    if (done !== undefined && done >= target) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ topic, partition, offset: target, resolve }));
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const { topic, partition } = batch;
    // kafkajs hands out plain closures; calling them through the payload keeps the linter's `this` checks happy.
    const heartbeat = () => payload.heartbeat();
    const resolveOffset = (offset: string) => payload.resolveOffset(offset);
    const commitOffsetsIfNecessary = () => payload.commitOffsetsIfNecessary();
    const isRunning = () => payload.isRunning();
    const isStale = () => payload.isStale();
    if (!isRunning() || isStale() || this.stopping) return;
    if (this.options.batchHandler && batch.messages.length > 1) {
      if (await this.handleTogether(topic, partition, batch.messages, heartbeat)) {
        const last = batch.messages[batch.messages.length - 1]!;
        resolveOffset(last.offset);
        this.markProcessed(topic, partition, BigInt(last.offset));
        await commitOffsetsIfNecessary();
        await heartbeat();
        recordConsumerLag(this.options.groupId, topic, partition, Number(batch.offsetLag()));
        return;
      }
    }
    // A partition hands the consumer back after a second of one-by-one handling; the rest of its batch is fetched
    // again from the resolved offset. Otherwise one fetch's long batch (say a thousand events, each sending a
    // notification) holds up every other partition's messages until it is done: kafkajs fetches again only when
    // every batch of the last fetch has been handled.
    const yieldAt = Date.now() + ONE_BY_ONE_BUDGET_MS;
    for (const message of batch.messages) {
      if (!isRunning() || isStale() || this.stopping) break;
      if (message !== batch.messages[0] && Date.now() >= yieldAt) break;
      await this.handleMessage(topic, partition, message, heartbeat);
      resolveOffset(message.offset);
      this.markProcessed(topic, partition, BigInt(message.offset));
      await commitOffsetsIfNecessary();
      await heartbeat();
    }
    recordConsumerLag(this.options.groupId, topic, partition, Number(batch.offsetLag()));
  }

  /**
   * Handles the batch with the batch handler when every message is a valid event this build knows; false when it
   * is not, or when the batch handler failed, so that the messages go through one by one.
   */
  private async handleTogether(
    topic: string,
    partition: number,
    messages: readonly KafkaMessage[],
    heartbeat: () => Promise<void>,
  ): Promise<boolean> {
    const events: ConsumedEvent[] = [];
    const parents: Record<string, string>[] = [];
    for (const message of messages) {
      let raw: unknown;
      try {
        raw = message.value === null ? null : JSON.parse(message.value.toString('utf8'));
      } catch {
        return false;
      }
      const parsed = parseEvent(raw);
      if (parsed.kind === 'event') {
        if (this.options.handlers[parsed.event.type]) {
          events.push({ event: parsed.event, topic, partition, offset: message.offset });
          parents.push(headersToStrings(message.headers));
        }
        continue;
      }
      // Unknown and invalid messages are logged, counted or dead-lettered by the one-by-one path.
      return false;
    }
    if (this.stopping) return false;
    // A consumer span per event, child of its producer span, so each event's trace goes on into this consumer.
    const spans = events.map(({ event }, index) =>
      tracer.startSpan(
        `process ${event.type}`,
        {
          kind: SpanKind.CONSUMER,
          attributes: {
            'messaging.system': 'kafka',
            'messaging.destination.name': topic,
            'messaging.message.id': event.id,
            'messaging.consumer.group.name': this.options.groupId,
            'messaging.batch.message_count': events.length,
          },
        },
        contextFromHeaders(parents[index] ?? {}),
      ),
    );
    try {
      if (events.length > 0) {
        await this.options.batchHandler!(events, { logger: this.options.logger, heartbeat });
        for (const { event } of events) {
          messagingMetrics.consumed.add(1, { type: event.type, group: this.options.groupId });
        }
      }
      for (const span of spans) span.end();
      return true;
    } catch (error) {
      for (const span of spans) {
        span.recordException(error instanceof Error ? error : new Error(String(error)));
        span.end();
      }
      this.options.logger.warn(
        { err: error, topic, partition, messages: messages.length },
        'batch handler failed; handling the messages one by one',
      );
      return false;
    }
  }

  private async handleMessage(
    topic: string,
    partition: number,
    message: KafkaMessage,
    heartbeat: () => Promise<void>,
  ): Promise<void> {
    const headers = headersToStrings(message.headers);
    const value = message.value?.toString('utf8') ?? null;
    const base = { topic, partition, offset: message.offset };
    let raw: unknown;
    try {
      raw = value === null ? null : JSON.parse(value);
    } catch {
      await this.deadLetter(message, headers, base, {
        reason: 'invalid',
        error: 'the message is not JSON',
        attempts: 1,
      });
      return;
    }
    const parsed = parseEvent(raw);
    switch (parsed.kind) {
      case 'invalid':
        await this.deadLetter(message, headers, base, {
          reason: 'invalid',
          error: parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
          attempts: 1,
          eventId: parsed.id,
          eventType: parsed.type,
        });
        return;
      case 'unknown':
        if (parsed.newerThanKnown) {
          await this.deadLetter(message, headers, base, {
            reason: 'newer-version',
            error: `${parsed.type} is newer than this service knows; replay it after upgrading`,
            attempts: 1,
            eventId: parsed.id,
            eventType: parsed.type,
          });
        } else {
          messagingMetrics.skipped.add(1, { type: parsed.type });
          this.options.logger.info(
            { ...base, eventType: parsed.type, eventId: parsed.id },
            'skipping an event of an unknown type',
          );
        }
        return;
      case 'event':
        break;
    }
    const event = parsed.event;
    const handler = this.options.handlers[event.type] as EventHandler<typeof event.type> | undefined;
    if (!handler) return; // not an event this consumer acts on
    const logger = this.options.logger.child({ eventId: event.id, eventType: event.type, ...base });

    for (let attempt = 1; ; attempt += 1) {
      try {
        await inSpan(
          `process ${event.type}`,
          {
            kind: SpanKind.CONSUMER,
            parent: contextFromHeaders(headers),
            attributes: {
              'messaging.system': 'kafka',
              'messaging.destination.name': topic,
              'messaging.message.id': event.id,
              'messaging.consumer.group.name': this.options.groupId,
            },
          },
          () => handler(event as never, { ...base, logger, attempt }),
        );
        messagingMetrics.consumed.add(1, { type: event.type, group: this.options.groupId });
        return;
      } catch (error) {
        const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        if (attempt >= this.retry.attempts || this.stopping) {
          if (this.stopping && attempt < this.retry.attempts) throw error; // redelivered after the restart
          await this.deadLetter(message, headers, base, {
            reason: 'failed',
            error: text,
            attempts: attempt,
            eventId: event.id,
            eventType: event.type,
          });
          return;
        }
        messagingMetrics.retries.add(1, { type: event.type });
        logger.warn({ err: error, attempt }, 'event handler failed; retrying');
        await this.backoff(attempt, heartbeat);
      }
    }
  }

  private async backoff(attempt: number, heartbeat: () => Promise<void>): Promise<void> {
    const delay = Math.min(this.retry.maxDelayMs, this.retry.initialDelayMs * 2 ** (attempt - 1));
    const until = Date.now() + delay;
    while (Date.now() < until && !this.stopping) {
      await sleep(Math.min(1_000, until - Date.now()));
      await heartbeat();
    }
  }

  /** Dead letters are sent one at a time, also when partitions are handled concurrently (see below). */
  private deadLetters: Promise<void> = Promise.resolve();

  private deadLetter(...args: Parameters<EventConsumer['sendDeadLetter']>): Promise<void> {
    const sent = this.deadLetters.then(() => this.sendDeadLetter(...args));
    this.deadLetters = sent.catch(() => undefined);
    return sent;
  }

  private async sendDeadLetter(
    message: KafkaMessage,
    headers: Record<string, string>,
    base: { topic: string; partition: number; offset: string },
    why: {
      reason: DeadLetter['reason'];
      error: string;
      attempts: number;
      eventId?: string | undefined;
      eventType?: string | undefined;
    },
  ): Promise<void> {
    const letter: DeadLetter = {
      groupId: this.options.groupId,
      ...base,
      key: message.key?.toString('utf8') ?? null,
      value: message.value?.toString('utf8') ?? null,
      headers,
      eventId: why.eventId,
      eventType: why.eventType,
      reason: why.reason,
      error: why.error,
      attempts: why.attempts,
      deadLetteredAt: (this.options.now?.() ?? new Date()).toISOString(),
    };
    // Idempotent like the relay's: a send retried after a broker failover writes the dead letter once.
    this.producer ??= this.options.kafka.producer({
      allowAutoTopicCreation: false,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    const producer = this.producer;
    try {
      await producer.connect();
      await producer.send({
        topic: this.options.deadLetterTopic,
        acks: -1,
        messages: [
          {
            key: message.key,
            value: JSON.stringify(letter),
            headers: {
              ...headers,
              dl_reason: why.reason,
              dl_error: why.error.slice(0, 1_000),
              dl_source: `${base.topic}/${base.partition}/${base.offset}`,
            },
          },
        ],
      });
    } catch (error) {
      // A failed send hands its sequence numbers back; a later dead letter reusing them could be taken for a retry
      // of this one and dropped. The next dead letter gets a new producer.
      this.producer = undefined;
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
    await this.options.onDeadLetter?.(letter);
    messagingMetrics.deadLetters.add(1, { reason: why.reason, group: this.options.groupId });
    this.options.logger.error(
      {
        ...base,
        eventId: why.eventId,
        eventType: why.eventType,
        reason: why.reason,
        error: why.error,
        attempts: why.attempts,
      },
      'message sent to the dead-letter topic',
    );
  }

  private markProcessed(topic: string, partition: number, offset: bigint): void {
    const key = `${topic}/${partition}`;
    this.processed.set(key, offset);
    for (let index = this.waiters.length - 1; index >= 0; index -= 1) {
      const waiter = this.waiters[index];
      if (waiter && waiter.topic === topic && waiter.partition === partition && waiter.offset <= offset) {
        this.waiters.splice(index, 1);
        waiter.resolve();
      }
    }
  }
}
