import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type Admin,
  type Kafka,
  type Message,
  type Producer,
  Partitioners,
  type PartitionMetadata,
  type RecordMetadata,
} from 'kafkajs';
import { type Collection, type Document } from 'mongodb';
import { type Logger } from 'pino';
import { type OutboxSnapshot } from './aggregate-store';
import { documentKey, writeSerial } from './document-lock';
import { changeEach, findByIds } from './documents';
import { messagingMetrics, recordOutboxBacklog } from './metrics';
import { CE_ID_HEADER, type InFlight, type OutboxClaim, type OutboxFields } from './outbox';
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
  /** Aggregates published together: claimed in one bulk write, sent in one producer request, cleared in one. */
  readonly batchSize?: number;
  /**
   * Given only where this relay is the one relay of these collections (the service holds its database's instance
   * lease: FerretDB). Then an aggregate is claimed in memory, and a batch's in-flight notes are one document of this
   * collection instead of a write to each aggregate: one update per aggregate (the clear) instead of two.
   */
  readonly journal?: Collection<Document>;
  /** Test hooks that simulate a crash at a step of the publish cycle. */
  readonly faults?: { readonly afterSend?: (ids: readonly string[]) => Promise<void> | void };
}

/** A batch's in-flight notes in the journal: written before its send, deleted after its clear. */
interface JournalNote {
  readonly _id: string;
  readonly at: Date;
  readonly items: readonly {
    readonly collection: string;
    readonly id: string;
    readonly inFlight: InFlight;
  }[];
}

/** The claim of one batch of the relay (its clear and release are guarded by the batch). */
type BatchClaim = OutboxClaim & { readonly batch: string };

/** An aggregate whose outbox a batch clears: its document as the batch left it, valid while its serial holds. */
interface Held {
  readonly collection: Collection<Document>;
  readonly doc: OutboxDocument;
  readonly inFlight?: InFlight;
  readonly serial?: number;
}

/** One aggregate of a batch: its document as claimed and the note of what is being sent. */
interface Claimed {
  readonly collection: Collection<Document>;
  readonly doc: OutboxDocument;
  readonly inFlight: InFlight;
  /** The document's write serial right after the claim: while it holds, the document is `doc` as claimed. */
  serial?: number;
}

/**
 * Publishes the events waiting in aggregate documents, in order, and clears them, many aggregates at a time:
 *   read and claim (with the in-flight note) -> one producer request -> clear and release,
 * where reading and claiming is one read and one bulk write per collection, and clearing another.
 * A crash before the send leaves the events pending (sent later); a crash after it leaves the in-flight notes, and
 * the next relay reads each noted partition once, from the lowest noted offset, to find which events already
 * reached Kafka. Kafka being down just means the round is retried with backoff until it answers; nothing is dropped.
 *
 * One aggregate's events go in one request, to the partition of its key, in the order they were recorded, and an
 * aggregate is in at most one request at a time (its claim), so its events stay in order. The producer is
 * idempotent with `acks=all`: a retried request never writes a message twice.
 *
 * With a journal (the only relay of its collections, see `RelayOptions.journal`) the claim is this relay's memory
 * and the in-flight notes of a batch are one journal document: read -> note -> one producer request -> clear.
 *
 * Which aggregates have work: the store tells the relay of this process the id it just saved (`notify`), and a
 * sweep of the collections now and then finds the rest. Every read and write of an aggregate goes by `_id`, the
 * only lookup FerretDB does without scanning the collection, so the cost of publishing an event does not grow with
 * the data.
 */
export class OutboxRelay {
  private readonly owner = `relay-${randomUUID()}`;
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private readonly partitionCache = new Map<string, PartitionMetadata[]>();
  /**
   * A lower bound of each partition's end offset: where this relay's last send ended. Offsets only grow, so the
   * next send lands at or after it, which is all the in-flight note needs; it saves an admin request per batch.
   */
  private readonly knownEnds = new Map<string, bigint>();
  /** Ids of aggregates that may have events to publish, per collection (hints: the documents decide). */
  private readonly hints = new Map<Collection<Document>, Set<string>>();
  /**
   * The outbox a save of this process left, per hinted aggregate: the claim uses it instead of reading the document
   * when the document's write serial shows that nothing wrote it since (document-lock.ts).
   */
  private readonly snapshots = new Map<Collection<Document>, Map<string, OutboxSnapshot>>();
  private nextSweepAt = 0;
  /** A sweep has run: with a journal (the only relay), every aggregate with events is known to this relay since. */
  private swept = false;
  /** With a journal: its notes were read since the relay started or since a batch failed after its note. */
  private journalRead = false;
  /** Aggregates taken by the round under way (the backlog counts them too: they are no longer hinted). */
  private sending = 0;
  /** One round at a time (`drain` and the loop): with a journal, a claim is this relay's memory. */
  private turn: Promise<unknown> = Promise.resolve();
  private producer: Producer | undefined;
  private admin: Admin | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private pendingWake = false;
  private consecutiveFailures = 0;
  private totalFailures = 0;
  private unacknowledgedSends = 0;

  constructor(private readonly options: RelayOptions) {
    for (const collection of options.collections) this.hints.set(collection, new Set());
  }

  /**
   * Says there is new work: the aggregate `id` of `collection` recorded events (or, without arguments, something
   * may have, so the next round sweeps). The relay runs a round at once instead of waiting.
   */
  notify = (collection?: Collection<Document>, id?: string, outbox?: OutboxSnapshot): void => {
    if (collection && id !== undefined) {
      this.hintsOf(collection).add(id);
      if (outbox) this.snapshotsOf(collection).set(id, outbox);
    } else this.nextSweepAt = 0;
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

  /**
   * Sends the producer returned from without acknowledging every partition (each sent again); see `sendAll`.
   */
  get partialSends(): number {
    return this.unacknowledgedSends;
  }

  /**
   * Aggregates with events still to publish. While this relay knows of some (saved by this process and not yet
   * taken, or found by its last sweep) it answers with how many it knows of, from memory: a count in the collections
   * is a scan of each on FerretDB (a minute per call in tracking after a national round's payment run), and a caller
   * polling for an empty outbox (the demo seed, a deploy script) would compete with the relay for the database the
   * whole time it waits. When it knows of none it counts in the collections, so an answer of 0 is never wrong:
   * events left by another process, or in a batch this relay is sending, are found there. A relay with a journal is
   * the only one of its collections and is told of every save of its process, so once it has swept it knows (but for
   * an aggregate still claimed by a stopped relay of an earlier version, which its next sweep finds).
   */
  async backlog(): Promise<number> {
    const known = [...this.hints.values()].reduce((sum, ids) => sum + ids.size, 0);
    if (known > 0 || (this.options.journal && this.swept)) {
      for (const [collection, ids] of this.hints) recordOutboxBacklog(collection.collectionName, ids.size);
      return known + this.sending;
    }
    let total = 0;
    for (const collection of this.options.collections) {
      const count = await collection.countDocuments({ outboxPending: true });
      recordOutboxBacklog(collection.collectionName, count);
      total += count;
    }
    return total;
  }

  private snapshotsOf(collection: Collection<Document>): Map<string, OutboxSnapshot> {
    let snapshots = this.snapshots.get(collection);
    if (!snapshots) {
      snapshots = new Map();
      this.snapshots.set(collection, snapshots);
    }
    return snapshots;
  }

  /** The document as a save of this process left it, if nothing wrote it since (asked under its lock). */
  private takeSnapshot(collection: Collection<Document>, id: string): OutboxDocument | undefined {
    const snapshots = this.snapshotsOf(collection);
    const outbox = snapshots.get(id);
    snapshots.delete(id);
    if (!outbox || writeSerial(documentKey(collection, id)) !== outbox.serial) return undefined;
    return {
      _id: id,
      version: outbox.version,
      pendingEvents: [...outbox.pendingEvents],
      outboxPending: outbox.pendingEvents.length > 0,
      outboxClaim: outbox.outboxClaim,
      outboxInFlight: outbox.outboxInFlight,
    };
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
  private round(): Promise<number> {
    const round = this.turn.then(() => this.roundAlone());
    this.turn = round.catch(() => undefined);
    return round;
  }

  private async roundAlone(): Promise<number> {
    const { journal } = this.options;
    if (journal && !this.journalRead) {
      await this.recoverJournal(journal);
      this.journalRead = true;
    }
    if (Date.now() >= this.nextSweepAt) await this.sweep();
    let room = this.options.batchSize ?? 250;
    const taken = new Map<Collection<Document>, string[]>();
    for (const [collection, ids] of this.hints) {
      const some = [...ids].slice(0, room);
      if (some.length === 0) continue;
      for (const id of some) ids.delete(id);
      taken.set(collection, some);
      room -= some.length;
      if (room <= 0) break;
    }
    if (taken.size === 0) return 0;
    this.sending = [...taken.values()].reduce((sum, ids) => sum + ids.length, 0);
    try {
      return journal ? await this.publishJournaled(taken, journal) : await this.publishBatch(taken);
    } catch (error) {
      // Tried again after the backoff.
      for (const [collection, ids] of taken) for (const id of ids) this.hintsOf(collection).add(id);
      throw error;
    } finally {
      this.sending = 0;
    }
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
    this.swept = true;
    this.nextSweepAt = Date.now() + (this.options.sweepIntervalMs ?? 30_000);
  }

  /**
   * A batch of the only relay of these collections: the aggregates are read (or taken as a save of this process
   * left them), their in-flight notes written as one journal document, their events sent in one request, then each
   * outbox cleared of what was sent (one update per aggregate) and the note deleted. A crash or failure after the
   * note leaves it, and the next round first reads each noted partition to learn what reached Kafka (`recoverJournal`).
   * Aggregates still claimed or noted in their documents, by a relay of an earlier version, go the way of the claims.
   */
  private async publishJournaled(
    taken: ReadonlyMap<Collection<Document>, readonly string[]>,
    journal: Collection<Document>,
  ): Promise<number> {
    const fresh: Claimed[] = [];
    const claimedInDocuments = new Map<Collection<Document>, string[]>();
    for (const [collection, ids] of taken) {
      const docs = new Map<string, { doc: OutboxDocument; serial: number }>();
      const toRead: string[] = [];
      for (const id of ids) {
        const doc = this.takeSnapshot(collection, id);
        if (doc) docs.set(id, { doc, serial: writeSerial(documentKey(collection, id)) });
        else toRead.push(id);
      }
      const serials = new Map(toRead.map((id) => [id, writeSerial(documentKey(collection, id))]));
      for (const doc of await findByIds<OutboxDocument>(collection, toRead)) {
        docs.set(doc._id, { doc, serial: serials.get(doc._id) ?? -1 });
      }
      for (const [id, { doc, serial }] of docs) {
        if (!doc.outboxPending || doc.pendingEvents.length === 0) continue;
        if (doc.outboxClaim || doc.outboxInFlight) {
          claimedInDocuments.set(collection, [...(claimedInDocuments.get(collection) ?? []), id]);
          continue;
        }
        const inFlight = await this.inFlightOf(id, doc);
        fresh.push({ collection, doc, inFlight, serial });
      }
    }
    let published = claimedInDocuments.size > 0 ? await this.publishBatch(claimedInDocuments) : 0;
    if (fresh.length === 0) return published;

    const note: JournalNote = {
      _id: randomUUID(),
      at: new Date(),
      items: fresh.map(({ collection, doc, inFlight }) => ({
        collection: collection.collectionName,
        id: doc._id,
        inFlight,
      })),
    };
    await journal.insertOne(note as unknown as Document);
    try {
      await this.send(fresh);
      await this.options.faults?.afterSend?.(fresh.flatMap((entry) => entry.inFlight.ids));
      await this.clearPublished(fresh, new Set(fresh.flatMap((entry) => entry.inFlight.ids)));
      await journal.deleteOne({ _id: note._id as never });
    } catch (error) {
      // The note stays: the next round first learns from it what reached Kafka, then publishes the rest.
      this.journalRead = false;
      for (const { collection, doc } of fresh) this.hintsOf(collection).add(doc._id);
      throw error;
    }
    for (const entry of fresh) {
      messagingMetrics.outboxPublished.add(entry.inFlight.ids.length, { topic: entry.inFlight.topic });
      published += entry.inFlight.ids.length;
    }
    return published;
  }

  /** The note of what is about to be sent of the aggregate: its pending events, to its key's partition. */
  private async inFlightOf(id: string, doc: OutboxDocument): Promise<InFlight> {
    const topics = new Set(doc.pendingEvents.map((entry) => entry.topic));
    if (topics.size !== 1) throw new Error(`aggregate ${id} has pending events for several topics`);
    const [topic] = [...topics] as [string];
    const partition = await this.partitionFor(topic, id);
    return {
      topic,
      partition,
      fromOffset: (await this.lowerBoundOfEnd(topic, partition)).toString(),
      ids: doc.pendingEvents.map((entry) => entry.id),
    };
  }

  /**
   * Batches noted in the journal and not finished (the process stopped, or the send or the clear failed): reads each
   * noted partition once to learn which of their events reached Kafka, clears those without republishing them,
   * deletes the notes, and hints the aggregates so that the rest is published as usual.
   */
  private async recoverJournal(journal: Collection<Document>): Promise<void> {
    const notes = (await journal.find({}).toArray()) as unknown as JournalNote[];
    for (const note of notes) {
      const alreadyPublished = await this.publishedAmong(note.items.map((item) => item.inFlight));
      const entries: { collection: Collection<Document>; doc: OutboxDocument }[] = [];
      for (const item of note.items) {
        const collection = this.options.collections.find((known) => known.collectionName === item.collection);
        if (!collection) continue; // a collection this service no longer has: nothing to clear there
        entries.push({ collection, doc: { _id: item.id } as OutboxDocument });
        this.hintsOf(collection).add(item.id);
      }
      if (alreadyPublished.size > 0) {
        messagingMetrics.outboxRecovered.add(alreadyPublished.size);
        this.options.logger.info(
          { aggregates: note.items.length, recovered: alreadyPublished.size },
          'events of an interrupted publish were already on Kafka; clearing them without republishing',
        );
        await this.clearPublished(entries, alreadyPublished);
      }
      await journal.deleteOne({ _id: note._id as never });
    }
  }

  private async publishBatch(taken: ReadonlyMap<Collection<Document>, readonly string[]>): Promise<number> {
    const batch = randomUUID();
    const now = new Date();
    const claim: BatchClaim = {
      owner: this.owner,
      until: new Date(now.getTime() + (this.options.claimTtlMs ?? 30_000)),
      batch,
    };
    const claimFree = { $or: [{ outboxClaim: null }, { 'outboxClaim.until': { $lt: now } }] };
    const isFree = (doc: OutboxDocument) => !doc.outboxClaim || doc.outboxClaim.until < now;

    // 1. Read and claim: the claim and the in-flight note in one write per aggregate, guarded by the version read,
    //    so the note names exactly the events sent. An aggregate left in flight by an interrupted send is claimed
    //    for recovery instead.
    const fresh: Claimed[] = [];
    const interrupted: Claimed[] = [];
    for (const [collection, ids] of taken) {
      const noted = new Map<string, Claimed & { recover: boolean }>();
      const fromSnapshot = new Set<string>();
      const known = (id: string) => {
        const doc = this.takeSnapshot(collection, id);
        if (doc) fromSnapshot.add(id);
        return doc;
      };
      const afterWrite = (id: string) => {
        const entry = noted.get(id);
        if (entry) entry.serial = writeSerial(documentKey(collection, id));
      };
      const claimed = await changeEach(
        collection,
        ids,
        async (id, current) => {
          const doc = current as OutboxDocument | null;
          if (!doc?.outboxPending || doc.pendingEvents.length === 0 || !isFree(doc)) return undefined;
          if (doc.outboxInFlight) {
            noted.set(id, { collection, doc, inFlight: doc.outboxInFlight, recover: true });
            return {
              guard: { version: doc.version, outboxInFlight: { $ne: null }, ...claimFree },
              update: { $set: { outboxClaim: claim } },
            };
          }
          const inFlight = await this.inFlightOf(id, doc);
          noted.set(id, { collection, doc, inFlight, recover: false });
          return {
            guard: { version: doc.version, outboxPending: true, outboxInFlight: null, ...claimFree },
            update: { $set: { outboxClaim: claim, outboxInFlight: inFlight } },
          };
        },
        { known, afterWrite },
      );
      // Not claimed: changed meanwhile (the save that changed it hinted it again) or another relay holds it. One
      // decided on a save's snapshot is looked at again with a read (on MongoDB another process may have written it).
      for (const id of ids) {
        const entry = noted.get(id);
        if (entry && claimed.has(id)) (entry.recover ? interrupted : fresh).push(entry);
        else if (fromSnapshot.has(id)) this.hintsOf(collection).add(id);
      }
    }

    let published = 0;
    try {
      if (interrupted.length > 0) await this.recover(interrupted, claim);
      if (fresh.length > 0) {
        // 2. One producer request for the whole batch.
        await this.send(fresh);
        await this.options.faults?.afterSend?.(fresh.flatMap((entry) => entry.inFlight.ids));
        // 3. Clear and release, guarded by the claim: whatever a change added meanwhile stays pending.
        await this.clearPublished(fresh, new Set(fresh.flatMap((entry) => entry.inFlight.ids)), claim);
        for (const entry of fresh) {
          messagingMetrics.outboxPublished.add(entry.inFlight.ids.length, { topic: entry.inFlight.topic });
          published += entry.inFlight.ids.length;
        }
      }
    } catch (error) {
      // Whatever still holds this batch's claim (a failed send, a crash simulated by a test) is released; its
      // in-flight note stays, so the next round first finds out what reached Kafka.
      await this.release([...fresh, ...interrupted], batch).catch(() => undefined);
      throw error;
    }
    return published;
  }

  /** Sends the pending events of the claimed aggregates in one request; each aggregate's to its key's partition. */
  private async send(claimed: readonly Claimed[]): Promise<void> {
    const producer = await this.connectProducer();
    const byTopic = new Map<string, Message[]>();
    const spans: ReturnType<typeof startProducerSpan>[] = [];
    const counts = new Map<string, number>();
    for (const { doc, inFlight } of claimed) {
      const messages = byTopic.get(inFlight.topic) ?? [];
      byTopic.set(inFlight.topic, messages);
      for (const entry of doc.pendingEvents) {
        // A producer span per event, child of the change that recorded it; its context goes on in the headers, so
        // the consumer's span joins the same trace.
        const span = startProducerSpan(`publish ${entry.type}`, contextFromHeaders(entry.headers), {
          'messaging.system': 'kafka',
          'messaging.destination.name': inFlight.topic,
          'messaging.message.id': entry.id,
        });
        spans.push(span);
        messages.push({
          key: entry.key,
          value: entry.value,
          partition: inFlight.partition,
          headers: { ...entry.headers, ...span.headers },
        });
      }
      const key = `${inFlight.topic}/${inFlight.partition}`;
      counts.set(key, (counts.get(key) ?? 0) + doc.pendingEvents.length);
    }
    try {
      const written = await this.sendAll(producer, byTopic);
      for (const span of spans) span.end();
      for (const record of written) {
        const key = `${record.topicName}/${record.partition}`;
        const end = BigInt(record.baseOffset ?? '-1') + BigInt(counts.get(key) ?? 0);
        if (record.baseOffset !== undefined && end > (this.knownEnds.get(key) ?? -1n)) {
          this.knownEnds.set(key, end);
        }
      }
    } catch (error) {
      for (const span of spans) span.fail(error);
      // A failed send hands its sequence numbers back, and the next messages to those partitions would reuse them:
      // if the failed request was written after all, the broker takes the new messages for a retry of it and drops
      // them while acknowledging them. So a producer whose send failed sends nothing else; the next round starts
      // with a new producer (a new producer id) and first finds out, from the in-flight notes, what was written.
      await this.disconnect();
      throw error;
    }
  }

  /**
   * Sends the messages and returns only when the broker has acknowledged every partition they go to.
   *
   * kafkajs 2.2.4 can resolve `sendBatch` without sending some of the messages: it keeps the answers of one call per
   * broker across its internal retries, so when a partition's leader fails and the partition moves to a broker that
   * already answered for other partitions of the same call, that partition's messages are never sent again, and the
   * call succeeds without an acknowledgement for them (seen here as a lost event when a broker of three was killed;
   * see kafkajs pull request 1798). So the answer is checked against the partitions sent, and what was not
   * acknowledged is sent again by the same producer: the failed attempt's sequence numbers were handed back, so if
   * the failed broker had replicated them the new leader recognises the batch as a duplicate and writes it once.
   */
  private async sendAll(
    producer: Producer,
    byTopic: ReadonlyMap<string, Message[]>,
  ): Promise<RecordMetadata[]> {
    const acknowledged: RecordMetadata[] = [];
    let left = byTopic;
    for (let attempt = 1; ; attempt += 1) {
      const answered = await producer.sendBatch({
        acks: -1,
        topicMessages: [...left].map(([topic, messages]) => ({ topic, messages })),
      });
      acknowledged.push(...answered.filter((record) => record.errorCode === 0));
      const done = new Set(acknowledged.map((record) => `${record.topicName}/${record.partition}`));
      const missing = new Map<string, Message[]>();
      for (const [topic, messages] of left) {
        const unanswered = messages.filter((message) => !done.has(`${topic}/${message.partition}`));
        if (unanswered.length > 0) missing.set(topic, unanswered);
      }
      if (missing.size === 0) return acknowledged;
      const partitions = [...missing].flatMap(([topic, messages]) => [
        ...new Set(messages.map((message) => `${topic}/${message.partition}`)),
      ]);
      this.unacknowledgedSends += 1;
      messagingMetrics.outboxErrors.add(1);
      if (attempt >= 5) {
        throw new Error(`the broker did not acknowledge ${partitions.join(', ')} after ${attempt} sends`);
      }
      this.options.logger.warn(
        { partitions, attempt },
        'the producer returned without an acknowledgement for some partitions; sending those again',
      );
      left = missing;
    }
  }

  /**
   * Clears `published` from the outboxes of the aggregates; retries on a clash, and whatever a change added meanwhile
   * stays pending (and hinted). With `claim`, only the aggregates this batch still holds, which are released too; a
   * relay with a journal has no claim in the documents to guard by. Each document is first taken as the batch left
   * it, unless something wrote it since.
   */
  private async clearPublished(
    entries: readonly Held[],
    published: ReadonlySet<string>,
    claim?: BatchClaim,
  ): Promise<void> {
    for (const [collection, group] of groupBy(entries, (entry) => entry.collection)) {
      const asLeft = new Map(group.map((entry) => [entry.doc._id, entry]));
      const known = (id: string): Document | undefined => {
        const entry = asLeft.get(id);
        if (entry?.serial === undefined || writeSerial(documentKey(collection, id)) !== entry.serial)
          return undefined;
        return claim ? { ...entry.doc, outboxClaim: claim, outboxInFlight: entry.inFlight } : entry.doc;
      };
      let left = [...asLeft.keys()];
      for (let attempt = 0; left.length > 0; attempt += 1) {
        if (attempt >= 100)
          throw new Error(`could not clear the outbox of ${left.join(', ')}: it keeps changing`);
        const stillPending = new Set<string>();
        const settled = new Set<string>();
        const written = await changeEach(
          collection,
          left,
          (id, current) => {
            const doc = current as OutboxDocument | null;
            const pending = doc?.pendingEvents ?? [];
            const remaining = pending.filter((entry) => !published.has(entry.id));
            // Gone; with a claim, taken over by another relay after ours expired (theirs now); without one, none of
            // these events is there any more (cleared before a crash).
            if (
              !doc ||
              (claim ? doc.outboxClaim?.batch !== claim.batch : remaining.length === pending.length)
            ) {
              settled.add(id);
              return undefined;
            }
            if (remaining.length > 0) stillPending.add(id);
            const cleared = { pendingEvents: remaining, outboxPending: remaining.length > 0 };
            return claim
              ? {
                  guard: { version: doc.version, 'outboxClaim.batch': claim.batch },
                  update: { $set: { ...cleared, outboxInFlight: null, outboxClaim: null } },
                }
              : { guard: { version: doc.version }, update: { $set: cleared } };
          },
          attempt === 0 ? { known } : {},
        );
        for (const id of stillPending) if (written.has(id)) this.hintsOf(collection).add(id);
        left = left.filter((id) => !written.has(id) && !settled.has(id));
      }
    }
  }

  /** Releases the claims this batch still holds (after a failure); in-flight notes stay for the next round. */
  private async release(claimed: readonly Claimed[], batch: string): Promise<void> {
    for (const [collection, entries] of groupBy(claimed, (entry) => entry.collection)) {
      await changeEach(
        collection,
        entries.map((entry) => entry.doc._id),
        (_id, current) =>
          (current as OutboxDocument | null)?.outboxClaim?.batch === batch
            ? { guard: { 'outboxClaim.batch': batch }, update: { $set: { outboxClaim: null } } }
            : undefined,
      );
    }
  }

  /**
   * Aggregates whose earlier send stopped between its note and its clear: reads each noted partition once, from the
   * lowest noted offset to its end, clears the events found there without republishing them, and hints the
   * aggregates again so that the rest is published by the next round.
   */
  private async recover(interrupted: readonly Claimed[], claim: BatchClaim): Promise<void> {
    const alreadyPublished = await this.publishedAmong(interrupted.map((entry) => entry.inFlight));
    if (alreadyPublished.size > 0) {
      messagingMetrics.outboxRecovered.add(alreadyPublished.size);
      this.options.logger.info(
        { aggregates: interrupted.length, recovered: alreadyPublished.size },
        'events of an interrupted publish were already on Kafka; clearing them without republishing',
      );
    }
    await this.clearPublished(interrupted, alreadyPublished, claim);
    // What is left is published by the next round, as usual.
    for (const { collection, doc } of interrupted) this.hintsOf(collection).add(doc._id);
  }

  /** Which of the noted events are on Kafka: each noted partition read once, from its lowest noted offset. */
  private async publishedAmong(notes: readonly InFlight[]): Promise<Set<string>> {
    const partitions = new Map<
      string,
      { topic: string; partition: number; from: bigint; ids: Set<string> }
    >();
    for (const inFlight of notes) {
      const key = `${inFlight.topic}/${inFlight.partition}`;
      const entry = partitions.get(key) ?? {
        topic: inFlight.topic,
        partition: inFlight.partition,
        from: BigInt(inFlight.fromOffset),
        ids: new Set<string>(),
      };
      if (BigInt(inFlight.fromOffset) < entry.from) entry.from = BigInt(inFlight.fromOffset);
      for (const id of inFlight.ids) entry.ids.add(id);
      partitions.set(key, entry);
    }
    const found = new Set<string>();
    for (const entry of partitions.values()) {
      for (const id of await this.findPublished(entry.topic, entry.partition, entry.from, entry.ids)) {
        found.add(id);
      }
    }
    return found;
  }

  /** Reads the partition from `from` to its end, and returns the ids of the wanted events found. */
  private async findPublished(
    topic: string,
    partition: number,
    from: bigint,
    wanted: ReadonlySet<string>,
  ): Promise<Set<string>> {
    const end = BigInt(await this.highWatermark(topic, partition));
    const found = new Set<string>();
    if (end <= from) return found;
    const groupId = `${this.owner}-recovery-${randomUUID()}`;
    const consumer = this.options.kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: false });
      await new Promise<void>((resolve, reject) => {
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition: read, message }) => {
              if (read !== partition) return;
              const id = message.headers?.[CE_ID_HEADER]?.toString();
              if (id && wanted.has(id)) found.add(id);
              if (BigInt(message.offset) + 1n >= end) resolve();
              await Promise.resolve();
            },
          })
          .then(() => consumer.seek({ topic, partition, offset: from.toString() }))
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

  /** Where the partition ends at least: this relay's last send there, else the broker's answer (all partitions). */
  private async lowerBoundOfEnd(topic: string, partition: number): Promise<bigint> {
    const key = `${topic}/${partition}`;
    const known = this.knownEnds.get(key);
    if (known !== undefined) return known;
    const admin = await this.connectAdmin();
    for (const offset of await admin.fetchTopicOffsets(topic)) {
      const end = BigInt(offset.high);
      const other = `${topic}/${offset.partition}`;
      if (end > (this.knownEnds.get(other) ?? -1n)) this.knownEnds.set(other, end);
    }
    const fetched = this.knownEnds.get(key);
    if (fetched === undefined) throw new Error(`no offsets for ${key}`);
    return fetched;
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

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key) ?? [];
    group.push(item);
    groups.set(key, group);
  }
  return groups;
}
