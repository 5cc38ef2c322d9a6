import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Admin, type Kafka, type Producer, Partitioners, type PartitionMetadata } from 'kafkajs';
import { type Collection, type Document } from 'mongodb';
import { type Logger } from 'pino';
import { documentKey, withDocumentLock } from './document-lock';
import { writeIfMatches, writeIfMatchesLocked } from './documents';
import { messagingMetrics, recordOutboxBacklog } from './metrics';
import { CE_ID_HEADER, type InFlight, type OutboxEntry, type OutboxFields } from './outbox';
import { contextFromHeaders, startProducerSpan } from './trace';

type OutboxDocument = Document & { _id: string; version: number } & OutboxFields;

export interface RelayOptions {
  readonly kafka: Kafka;
  /** Every aggregate collection whose documents carry an outbox. */
  readonly collections: readonly Collection<Document>[];
  readonly logger: Logger;
  /**
   * How often to look through the collections for events nobody told the relay about (written by another process,
   * or left by a process that stopped before publishing them). Saves in this process call `notify` instead.
   */
  readonly sweepIntervalMs?: number;
  /** How long a relay may hold an aggregate before another relay may take it over. */
  readonly claimTtlMs?: number;
  /** Aggregates taken per collection per round. */
  readonly batchSize?: number;
  /** Aggregates published at the same time (each one's events stay in order: one aggregate, one worker). */
  readonly concurrency?: number;
  /** Test hooks that simulate a crash at a step of the publish cycle. */
  readonly faults?: { readonly afterSend?: (ids: readonly string[]) => Promise<void> | void };
}

/**
 * Publishes the events waiting in aggregate documents, in order, and clears them. Survives a crash at any step:
 *   read -> claim and note in-flight (partition, offset) -> send -> clear and release.
 * A crash before the send leaves the events pending (sent later); a crash after it leaves the in-flight note, and
 * the next relay reads the partition from the noted offset to find which events already reached Kafka. Kafka
 * being down just means the cycle is retried with backoff until it answers; nothing is dropped.
 *
 * Which aggregates have work: the store tells the relay of this process the id it just saved (`notify`), and a
 * sweep of the collections now and then finds the rest. Every step after that reads and writes one document by
 * `_id`, the only lookup FerretDB does without scanning the collection, so the cost of publishing an event does not
 * grow with the data.
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
  /** Ids of aggregates that may have events to publish, per collection (hints: the documents decide). */
  private readonly hints = new Map<Collection<Document>, Set<string>>();
  private nextSweepAt = 0;
  private producer: Producer | undefined;
  private admin: Admin | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private pendingWake = false;
  private consecutiveFailures = 0;
  private totalFailures = 0;

  constructor(private readonly options: RelayOptions) {
    for (const collection of options.collections) this.hints.set(collection, new Set());
  }

  /**
   * Says there is new work: the aggregate `id` of `collection` recorded events (or, without arguments, something
   * may have, so the next round sweeps). The relay runs a round at once instead of waiting.
   */
  notify = (collection?: Collection<Document>, id?: string): void => {
    if (collection && id !== undefined) this.hintsOf(collection).add(id);
    else this.nextSweepAt = 0;
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
      this.nextSweepAt = 0;
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

  /** Aggregates with events still to publish (counted in the collections: a scan on FerretDB). */
  async backlog(): Promise<number> {
    let total = 0;
    for (const collection of this.options.collections) {
      const count = await collection.countDocuments({ outboxPending: true });
      recordOutboxBacklog(collection.collectionName, count);
      total += count;
    }
    return total;
  }

  private hintsOf(collection: Collection<Document>): Set<string> {
    let ids = this.hints.get(collection);
    if (!ids) {
      ids = new Set();
      this.hints.set(collection, ids);
    }
    return ids;
  }

  private async run(): Promise<void> {
    const sweepMs = this.options.sweepIntervalMs ?? 30_000;
    while (this.running) {
      this.pendingWake = false;
      let delay = sweepMs;
      try {
        await this.round();
        this.consecutiveFailures = 0;
        const waiting = [...this.hints.values()].some((ids) => ids.size > 0);
        if (waiting) this.pendingWake = true;
        delay = Math.max(0, this.nextSweepAt - Date.now());
      } catch (error) {
        this.consecutiveFailures += 1;
        this.totalFailures += 1;
        messagingMetrics.outboxErrors.add(1);
        this.options.logger.warn(
          { err: error, failures: this.consecutiveFailures },
          'outbox relay round failed; retrying',
        );
        await this.disconnect();
        // Backoff while Kafka or the database is failing: 0.5 s doubling to 30 s.
        delay = Math.min(30_000, 500 * 2 ** (this.consecutiveFailures - 1));
      }
      if (!this.running) break;
      if (this.pendingWake && this.consecutiveFailures === 0) continue;
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

  /** One pass: a sweep when one is due, then a batch of the hinted aggregates; returns the events published. */
  private async round(): Promise<number> {
    if (Date.now() >= this.nextSweepAt) await this.sweep();
    const batchSize = this.options.batchSize ?? 100;
    const work: { collection: Collection<Document>; id: string }[] = [];
    for (const [collection, ids] of this.hints) {
      for (const id of [...ids].slice(0, batchSize)) {
        ids.delete(id);
        work.push({ collection, id });
      }
    }
    let published = 0;
    const failures: unknown[] = [];
    let next = 0;
    const worker = async () => {
      while (next < work.length && failures.length === 0) {
        const item = work[next++]!;
        try {
          published += await this.publishAggregate(item.collection, item.id);
        } catch (error) {
          // Tried again after the backoff.
          this.hintsOf(item.collection).add(item.id);
          failures.push(error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? 8, work.length) }, worker));
    // What a failure stopped short of is still hinted for the next round.
    for (const item of work.slice(next)) this.hintsOf(item.collection).add(item.id);
    if (failures.length > 0) throw failures[0];
    return published;
  }

  /** Looks through every collection for aggregates with pending events; also measures the backlog. */
  private async sweep(): Promise<void> {
    for (const collection of this.options.collections) {
      const docs = (await collection
        .find({ outboxPending: true }, { projection: { _id: 1 } })
        .toArray()) as unknown as { _id: string }[];
      recordOutboxBacklog(collection.collectionName, docs.length);
      const ids = this.hintsOf(collection);
      for (const { _id } of docs) ids.add(_id);
    }
    this.nextSweepAt = Date.now() + (this.options.sweepIntervalMs ?? 30_000);
  }

  private async publishAggregate(collection: Collection<Document>, id: string): Promise<number> {
    const doc = (await collection.findOne({ _id: id as never })) as OutboxDocument | null;
    if (!doc?.outboxPending || doc.pendingEvents.length === 0) return 0;
    const now = new Date();
    const claim = { owner: this.owner, until: new Date(now.getTime() + (this.options.claimTtlMs ?? 30_000)) };
    const claimFree = { $or: [{ outboxClaim: null }, { 'outboxClaim.until': { $lt: now } }] };
    const release = () =>
      writeIfMatches(collection, id, {
        guard: { 'outboxClaim.owner': this.owner },
        update: { $set: { outboxClaim: null } },
      }).catch(() => undefined);

    if (doc.outboxInFlight) {
      // An earlier publish stopped between its note and its clear: first learn what of it reached Kafka.
      const claimed = await writeIfMatches(collection, id, {
        guard: claimFree,
        update: { $set: { outboxClaim: claim } },
      });
      if (!claimed.written) return 0; // another relay is on it
      try {
        const alreadyPublished = await this.findPublished(doc.outboxInFlight);
        if (alreadyPublished.size > 0) {
          messagingMetrics.outboxRecovered.add(alreadyPublished.size);
          this.options.logger.info(
            { aggregateId: id, recovered: alreadyPublished.size },
            'events of an interrupted publish were already on Kafka; clearing them without republishing',
          );
        }
        await this.clear(collection, id, alreadyPublished);
      } finally {
        await release();
      }
      // What is left is published by the next round, as usual.
      this.hintsOf(collection).add(id);
      return 0;
    }

    const pending = doc.pendingEvents;
    const topics = new Set(pending.map((entry) => entry.topic));
    if (topics.size !== 1) throw new Error(`aggregate ${id} has pending events for several topics`);
    const [topic] = [...topics] as [string];
    const partition = await this.partitionFor(topic, id);
    const fromOffset =
      this.knownEnds.get(`${topic}/${partition}`)?.toString() ?? (await this.highWatermark(topic, partition));
    const inFlight: InFlight = { topic, partition, fromOffset, ids: pending.map((entry) => entry.id) };
    // Claim and note in one write, guarded by the version read above: the note names exactly these events.
    const claimed = await writeIfMatches(collection, id, {
      guard: { version: doc.version, outboxPending: true, outboxInFlight: null, ...claimFree },
      update: { $set: { outboxClaim: claim, outboxInFlight: inFlight } },
    });
    // Changed meanwhile (the save that changed it hinted it again) or another relay holds it.
    if (!claimed.written) return 0;
    let released = false;
    try {
      await this.send(topic, partition, pending);
      await this.options.faults?.afterSend?.(inFlight.ids);
      // The usual case, nothing recorded meanwhile: clear and release in one write.
      const cleared = await writeIfMatches(collection, id, {
        guard: { version: doc.version, 'outboxClaim.owner': this.owner },
        update: {
          $set: { pendingEvents: [], outboxPending: false, outboxInFlight: null, outboxClaim: null },
        },
      });
      released = cleared.written;
      if (!cleared.written) await this.clear(collection, id, new Set(inFlight.ids));
      messagingMetrics.outboxPublished.add(pending.length, { topic });
      return pending.length;
    } finally {
      if (!released) await release();
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
        const result = await writeIfMatchesLocked(
          collection,
          id,
          {
            guard: { version: doc.version },
            update: {
              $set: { pendingEvents: remaining, outboxPending: remaining.length > 0, outboxInFlight: null },
            },
          },
          doc,
        );
        return result.written;
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
