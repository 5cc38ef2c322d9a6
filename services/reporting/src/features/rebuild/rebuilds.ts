import { randomUUID } from 'node:crypto';
import { type DeadLetter, EventConsumer } from '@zhas/messaging';
import { problems, type Logger } from '@zhas/service-kit';
import { type Kafka } from 'kafkajs';
import { type Collection, type Db } from 'mongodb';
import { projectionBatchHandler } from '../read-models/batch';
import { projectionHandlers } from '../read-models/handlers';
import { type Generations } from '../read-models/store';

/*
 * Rebuilding the read models from offset zero (docs/architecture.md, "Consistency rules") without touching
 * the live consumer:
 *  1. claim generation N+1 in the control document; from then on the live consumer writes every event into the
 *     active generation AND into N+1 (store.ts, liveSink);
 *  2. capture the end offsets of every consumed topic;
 *  3. a temporary consumer group reads every topic from the beginning into N+1 until it has passed those ends;
 *  4. switch the active generation to N+1 in one single-document update, and drop the older generations.
 * Events before the captured ends are in N+1 through the rebuild consumer, events after them through the live
 * consumer; events in both are applied twice, which changes nothing (slots are idempotent and order-free). So
 * N+1 holds exactly what a consumer reading from zero would build, while queries keep reading N until the switch.
 */

export type RebuildState = 'running' | 'completed' | 'failed';

export interface PartitionOffset {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to be written when the rebuild started: the rebuild reads everything before it. */
  readonly offset: string;
}

export interface Rebuild {
  readonly id: string;
  readonly status: RebuildState;
  readonly generation: number;
  readonly previousGeneration: number;
  readonly requestedBy: string;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly endOffsets: readonly PartitionOffset[];
  readonly error?: string;
}

interface RebuildDoc extends Omit<Rebuild, 'id'> {
  readonly _id: string;
  /** Real time, refreshed while the rebuild runs: a rebuild whose process died is taken over. */
  readonly heartbeatAt: number;
}

export interface RebuildOptions {
  readonly db: Db;
  readonly kafka: Kafka;
  readonly generations: Generations;
  readonly topics: readonly string[];
  /** The live consumer group: rebuild groups are named after it. */
  readonly groupId: string;
  readonly deadLetterTopic: string;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly timeoutMs: number;
}

const HEARTBEAT_MS = 5_000;
const STALE_MS = 60_000;

export class Rebuilds {
  private readonly rebuilds: Collection<RebuildDoc>;
  private readonly deadLetters: Collection<DeadLetter & { _id: string }>;
  private readonly running = new Map<string, Promise<void>>();
  private readonly consumers = new Set<EventConsumer>();
  private stopping = false;

  constructor(private readonly options: RebuildOptions) {
    this.rebuilds = options.db.collection<RebuildDoc>('rebuilds');
    this.deadLetters = options.db.collection<DeadLetter & { _id: string }>('deadLetters');
  }

  /** Starts a rebuild in the background; 409 while another one runs. */
  async start(requestedBy: string): Promise<Rebuild> {
    const { generations } = this.options;
    await this.takeOverStale();
    const id = randomUUID();
    const control = await generations.ensure();
    const generation = await generations.beginBuilding(id);
    if (generation === undefined) {
      const current = (await generations.read()).building;
      throw problems.conflict(
        '/problems/rebuild-running',
        `A rebuild is already running${current ? ` (${current.rebuildId})` : ''}.`,
        current ? { rebuildId: current.rebuildId } : {},
      );
    }
    try {
      // Leftovers of abandoned rebuilds and stray writes into old generations go first.
      await generations.dropAllExcept([control.active, generation]);
      const endOffsets = await this.endOffsets();
      const doc: RebuildDoc = {
        _id: id,
        status: 'running',
        generation,
        previousGeneration: control.active,
        requestedBy,
        startedAt: this.options.now().toISOString(),
        endOffsets,
        heartbeatAt: Date.now(),
      };
      await this.rebuilds.insertOne(doc);
      const run = this.run(doc).finally(() => this.running.delete(id));
      this.running.set(id, run);
      return toRebuild(doc);
    } catch (error) {
      await generations.abandon(id);
      throw error;
    }
  }

  async get(id: string): Promise<Rebuild | undefined> {
    const doc = await this.rebuilds.findOne({ _id: id });
    return doc ? toRebuild(doc) : undefined;
  }

  /** Resolves when a rebuild started by this process has finished (the command and tests use it). */
  async finished(id: string): Promise<Rebuild | undefined> {
    await this.running.get(id);
    return this.get(id);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.consumers].map((consumer) => consumer.stop().catch(() => undefined)));
    await Promise.all([...this.running.values()].map((run) => run.catch(() => undefined)));
  }

  private async endOffsets(): Promise<PartitionOffset[]> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      const offsets: PartitionOffset[] = [];
      for (const topic of this.options.topics) {
        for (const entry of await admin.fetchTopicOffsets(topic)) {
          offsets.push({ topic, partition: entry.partition, offset: entry.high });
        }
      }
      return offsets.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    } finally {
      await admin.disconnect();
    }
  }

  /** A rebuild left running by a process that died is marked failed, so that a new one can start. */
  private async takeOverStale(): Promise<void> {
    const building = (await this.options.generations.read()).building;
    if (!building || this.running.has(building.rebuildId)) return;
    const doc = await this.rebuilds.findOne({ _id: building.rebuildId });
    if (doc && doc.status === 'running' && Date.now() - doc.heartbeatAt < STALE_MS) return;
    await this.rebuilds.updateOne(
      { _id: building.rebuildId, status: 'running' },
      {
        $set: {
          status: 'failed',
          error: 'abandoned: its process stopped',
          finishedAt: this.options.now().toISOString(),
        },
      },
    );
    await this.options.generations.abandon(building.rebuildId);
  }

  private async run(doc: RebuildDoc): Promise<void> {
    const { generations, logger } = this.options;
    const log = logger.child({ rebuildId: doc._id, generation: doc.generation });
    const groupId = `${this.options.groupId}.rebuild.${doc._id}`;
    const consumer = new EventConsumer({
      kafka: this.options.kafka,
      groupId,
      topics: this.options.topics,
      handlers: projectionHandlers(generations.generationSink(doc.generation)),
      batchHandler: projectionBatchHandler(generations, () => Promise.resolve([doc.generation])),
      deadLetterTopic: this.options.deadLetterTopic,
      logger: log,
      fromBeginning: true,
      onDeadLetter: async (letter) => {
        await this.deadLetters.updateOne(
          { _id: `${letter.topic}/${letter.partition}/${letter.offset}` },
          { $setOnInsert: letter },
          { upsert: true },
        );
      },
    });
    const heartbeat = setInterval(() => {
      void this.rebuilds
        .updateOne({ _id: doc._id }, { $set: { heartbeatAt: Date.now() } })
        .catch(() => undefined);
    }, HEARTBEAT_MS);
    let timer: NodeJS.Timeout | undefined;
    try {
      log.info({ endOffsets: doc.endOffsets }, 'rebuilding the read models from offset zero');
      this.consumers.add(consumer);
      await consumer.start();
      const caughtUp = Promise.all(
        doc.endOffsets
          .filter((end) => BigInt(end.offset) > 0n)
          .map((end) => consumer.waitForOffset(end.topic, end.partition, BigInt(end.offset) - 1n)),
      );
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`not caught up after ${this.options.timeoutMs} ms`)),
          this.options.timeoutMs,
        );
      });
      await Promise.race([caughtUp, timeout]);
      await this.stopConsumer(consumer, groupId);
      if (this.stopping) throw new Error('the service stopped during the rebuild');
      if (!(await generations.activate(doc._id, doc.generation))) {
        throw new Error('the rebuild lost its claim on the control document');
      }
      await generations.dropAllExcept([doc.generation]);
      await this.rebuilds.updateOne(
        { _id: doc._id },
        { $set: { status: 'completed', finishedAt: this.options.now().toISOString() } },
      );
      log.info('rebuild completed; the new generation is active');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error({ err: error }, 'rebuild failed; the active generation is unchanged');
      await this.stopConsumer(consumer, groupId);
      await generations.abandon(doc._id).catch(() => undefined);
      await this.rebuilds
        .updateOne(
          { _id: doc._id },
          { $set: { status: 'failed', error: message, finishedAt: this.options.now().toISOString() } },
        )
        .catch(() => undefined);
    } finally {
      clearInterval(heartbeat);
      clearTimeout(timer);
    }
  }

  private async stopConsumer(consumer: EventConsumer, groupId: string): Promise<void> {
    if (!this.consumers.delete(consumer)) return;
    await consumer.stop().catch(() => undefined);
    const admin = this.options.kafka.admin();
    try {
      await admin.connect();
      await admin.deleteGroups([groupId]);
    } catch {
      // A group left behind holds nothing but offsets; Kafka removes empty groups after offsets.retention.minutes.
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

function toRebuild(doc: RebuildDoc): Rebuild {
  const { _id, heartbeatAt: _heartbeat, ...rest } = doc;
  return { id: _id, ...rest };
}
