import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Admin, type Kafka, type Producer, Partitioners, type PartitionMetadata } from 'kafkajs';
import { type Collection, type Document } from 'mongodb';
import { type Logger } from 'pino';
import { documentKey, withDocumentLock } from './document-lock';
import { messagingMetrics, recordOutboxBacklog } from './metrics';
import { CE_ID_HEADER, type InFlight, type OutboxEntry, type OutboxFields } from './outbox';
import { contextFromHeaders, startProducerSpan } from './trace';

type OutboxDocument = Document & { _id: string; version: number } & OutboxFields;

export interface RelayOptions {
  readonly kafka: Kafka;
  /** Every aggregate collection whose documents carry an outbox. */
  readonly collections: readonly Collection<Document>[];
  readonly logger: Logger;
  /** How often to look for work when nobody says there is some (notify). */
  readonly pollIntervalMs?: number;
  /** How long a relay may hold an aggregate before another relay may take it over. */
  readonly claimTtlMs?: number;
  /** Documents taken per collection per round. */
  readonly batchSize?: number;
  /** Test hooks that simulate a crash at a step of the publish cycle. */
  readonly faults?: { readonly afterSend?: (ids: readonly string[]) => Promise<void> | void };
}

/**
 * Publishes the events waiting in aggregate documents, in order, and clears them. Survives a crash at any step:
 *   claim -> note in-flight (partition, offset) -> send -> clear.
 * A crash before the send leaves the events pending (sent later); a crash after it leaves the in-flight note, and
 * the next relay reads the partition from the noted offset to find which events already reached Kafka. Kafka
 * being down just means the cycle is retried with backoff until it answers; nothing is dropped.
 */
export class OutboxRelay {
  private readonly owner = `relay-${randomUUID()}`;
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private readonly partitionCache = new Map<string, PartitionMetadata[]>();
  /**
   * A lower bound of each partition's end offset: where this relay's last send ended. Offsets only grow, so the
   * next send lands at or after it, which is all the in-flight note needs; it saves an admin request per aggregate.
   */
  private readonly knownEnds = new Map<string, bigint>();
  private producer: Producer | undefined;
  private admin: Admin | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private pendingWake = false;
  private consecutiveFailures = 0;
  private totalFailures = 0;

  constructor(private readonly options: RelayOptions) {}

  /** Says there is new work; the relay runs a round at once instead of waiting for the next poll. */
  notify = (): void => {
    this.pendingWake = true;
    this.wake?.();
  };

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.disconnect();
  }

  /** Publishes everything pending now; resolves when nothing is left (tests, shutdown, admin tools). */
  async drain(): Promise<number> {
    let published = 0;
    for (;;) {
      const round = await this.round();
      published += round;
      if (round === 0 && (await this.backlog()) === 0) return published;
      if (round === 0) await sleep(50);
    }
  }

  /** Rounds that failed since the relay started (Kafka or the database not answering); each was retried. */
  get failures(): number {
    return this.totalFailures;
  }

  async backlog(): Promise<number> {
    let total = 0;
    for (const collection of this.options.collections) {
      const count = await collection.countDocuments({ outboxPending: true });
      recordOutboxBacklog(collection.collectionName, count);
      total += count;
    }
    return total;
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollIntervalMs ?? 500;
    while (this.running) {
      this.pendingWake = false;
      try {
        await this.round();
        await this.backlog();
        this.consecutiveFailures = 0;
      } catch (error) {
        this.consecutiveFailures += 1;
        this.totalFailures += 1;
        messagingMetrics.outboxErrors.add(1);
        this.options.logger.warn(
          { err: error, failures: this.consecutiveFailures },
          'outbox relay round failed; retrying',
        );
        await this.disconnect();
      }
      if (!this.running) break;
      if (this.pendingWake && this.consecutiveFailures === 0) continue;
      // Backoff while Kafka or the database is failing: 0.5 s doubling to 30 s.
      const delay =
        this.consecutiveFailures > 0 ? Math.min(30_000, 500 * 2 ** (this.consecutiveFailures - 1)) : pollMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** One pass over every collection; returns the number of events published. */
  private async round(): Promise<number> {
    let published = 0;
    for (const collection of this.options.collections) {
      const docs = (await collection
        .find({ outboxPending: true }, { projection: { _id: 1 } })
        .limit(this.options.batchSize ?? 100)
        .toArray()) as unknown as { _id: string }[];
      for (const { _id } of docs) published += await this.publishAggregate(collection, _id);
    }
    return published;
  }

  private async publishAggregate(collection: Collection<Document>, id: string): Promise<number> {
    const now = new Date();
    const lock = <T>(work: () => Promise<T>) => withDocumentLock(documentKey(collection, id), work);
    const claimed = (await lock(() =>
      collection.findOneAndUpdate(
        {
          _id: id as never,
          outboxPending: true,
          $or: [{ outboxClaim: null }, { 'outboxClaim.until': { $lt: now } }],
        },
        {
          $set: {
            outboxClaim: {
              owner: this.owner,
              until: new Date(now.getTime() + (this.options.claimTtlMs ?? 30_000)),
            },
          },
        },
        { returnDocument: 'after' },
      ),
    )) as OutboxDocument | null;
    if (!claimed) return 0; // another relay has it, or it was cleared meanwhile
    try {
      let pending = claimed.pendingEvents;
      if (claimed.outboxInFlight) {
        const alreadyPublished = await this.findPublished(claimed.outboxInFlight);
        if (alreadyPublished.size > 0) {
          messagingMetrics.outboxRecovered.add(alreadyPublished.size);
          this.options.logger.info(
            { aggregateId: id, recovered: alreadyPublished.size },
            'events of an interrupted publish were already on Kafka; clearing them without republishing',
          );
        }
        await this.clear(collection, id, alreadyPublished);
        pending = pending.filter((entry) => !alreadyPublished.has(entry.id));
      }
      if (pending.length === 0) return 0;
      const topics = new Set(pending.map((entry) => entry.topic));
      if (topics.size !== 1) throw new Error(`aggregate ${id} has pending events for several topics`);
      const [topic] = [...topics] as [string];
      const partition = await this.partitionFor(topic, id);
      const fromOffset =
        this.knownEnds.get(`${topic}/${partition}`)?.toString() ??
        (await this.highWatermark(topic, partition));
      const inFlight: InFlight = { topic, partition, fromOffset, ids: pending.map((entry) => entry.id) };
      const noted = await lock(() =>
        collection.updateOne(
          { _id: id as never, 'outboxClaim.owner': this.owner },
          { $set: { outboxInFlight: inFlight } },
        ),
      );
      if (noted.matchedCount === 0) return 0; // our claim expired and another relay took over

      await this.send(topic, partition, pending);
      await this.options.faults?.afterSend?.(inFlight.ids);
      await this.clear(collection, id, new Set(inFlight.ids));
      messagingMetrics.outboxPublished.add(pending.length, { topic });
      return pending.length;
    } finally {
      await lock(() =>
        collection.updateOne(
          { _id: id as never, 'outboxClaim.owner': this.owner },
          { $set: { outboxClaim: null } },
        ),
      ).catch(() => undefined);
    }
  }

  private async send(topic: string, partition: number, entries: readonly OutboxEntry[]): Promise<void> {
    const producer = await this.connectProducer();
    // A producer span per event, child of the change that recorded it; its context goes on in the headers, so the
    // consumer's span joins the same trace.
    const spans = entries.map((entry) =>
      startProducerSpan(`publish ${entry.type}`, contextFromHeaders(entry.headers), {
        'messaging.system': 'kafka',
        'messaging.destination.name': topic,
        'messaging.message.id': entry.id,
      }),
    );
    try {
      const written = await producer.send({
        topic,
        acks: -1,
        messages: entries.map((entry, index) => ({
          key: entry.key,
          value: entry.value,
          partition,
          headers: { ...entry.headers, ...(spans[index]?.headers ?? {}) },
        })),
      });
      for (const span of spans) span.end();
      const base = written.find((record) => record.partition === partition)?.baseOffset;
      if (base !== undefined) {
        const key = `${topic}/${partition}`;
        const end = BigInt(base) + BigInt(entries.length);
        if (end > (this.knownEnds.get(key) ?? -1n)) this.knownEnds.set(key, end);
      }
    } catch (error) {
      for (const span of spans) span.fail(error);
      throw error;
    }
  }

  /**
   * Removes the given events from the aggregate's outbox. The write is guarded by the aggregate's version, so a
   * change recorded meanwhile (which may add events) is never overwritten; on a clash it re-reads and tries again.
   */
  private async clear(collection: Collection<Document>, id: string, ids: ReadonlySet<string>): Promise<void> {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const done = await withDocumentLock(documentKey(collection, id), async () => {
        const doc = (await collection.findOne({ _id: id as never })) as OutboxDocument | null;
        if (!doc) return true;
        const remaining = doc.pendingEvents.filter((entry) => !ids.has(entry.id));
        const result = await collection.updateOne(
          { _id: id as never, version: doc.version },
          { $set: { pendingEvents: remaining, outboxPending: remaining.length > 0, outboxInFlight: null } },
        );
        return result.matchedCount === 1;
      });
      if (done) return;
    }
    throw new Error(`could not clear the outbox of ${id}: it keeps changing`);
  }

  /** Reads the partition from the in-flight note's offset to its end, and returns the ids of our events found. */
  private async findPublished(inFlight: InFlight): Promise<Set<string>> {
    const end = BigInt(await this.highWatermark(inFlight.topic, inFlight.partition));
    const start = BigInt(inFlight.fromOffset);
    const wanted = new Set(inFlight.ids);
    const found = new Set<string>();
    if (end <= start) return found;
    const groupId = `${this.owner}-recovery-${randomUUID()}`;
    const consumer = this.options.kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: inFlight.topic, fromBeginning: false });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              if (partition !== inFlight.partition) return;
              const id = message.headers?.[CE_ID_HEADER]?.toString();
              if (id && wanted.has(id)) found.add(id);
              if (BigInt(message.offset) + 1n >= end) resolve();
              await Promise.resolve();
            },
          })
          .then(() =>
            consumer.seek({
              topic: inFlight.topic,
              partition: inFlight.partition,
              offset: inFlight.fromOffset,
            }),
          )
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
      await this.connectAdmin()
        .then((admin) => admin.deleteGroups([groupId]))
        .catch(() => undefined);
    }
    return found;
  }

  private async partitionFor(topic: string, key: string): Promise<number> {
    let partitions = this.partitionCache.get(topic);
    if (!partitions) {
      const admin = await this.connectAdmin();
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      partitions = metadata.topics[0]?.partitions ?? [];
      if (partitions.length === 0) throw new Error(`topic ${topic} has no partitions (does it exist?)`);
      this.partitionCache.set(topic, partitions);
    }
    // The same partitioner as the producer's default (murmur2, as Java clients), so the key decides the partition.
    return this.partitioner({ topic, partitionMetadata: partitions, message: { key, value: null } });
  }

  private async highWatermark(topic: string, partition: number): Promise<string> {
    const admin = await this.connectAdmin();
    const offsets = await admin.fetchTopicOffsets(topic);
    const entry = offsets.find((offset) => offset.partition === partition);
    if (!entry) throw new Error(`no offsets for ${topic}[${partition}]`);
    return entry.high;
  }

  private async connectProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.options.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  private async connectAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.options.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }

  private async disconnect(): Promise<void> {
    const { producer, admin } = this;
    this.producer = undefined;
    this.admin = undefined;
    this.partitionCache.clear();
    this.knownEnds.clear();
    await Promise.all([
      producer?.disconnect().catch(() => undefined),
      admin?.disconnect().catch(() => undefined),
    ]);
  }
}
