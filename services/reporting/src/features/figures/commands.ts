import { randomUUID } from 'node:crypto';
import { type Logger } from 'pino';
import {
  factsOf,
  type FactDocuments,
  readChangedDocuments,
  readFactDocuments,
} from '../indicators/repository';
import { type Facts } from '../indicators/facts';
import { type Generations, type ReadModelName } from '../read-models/store';
import { type PartitionOffset, type SnapshotInfo, type Tally, tallyFacts } from './domain';
import { type SnapshotLog } from './store';

/*
 * Keeps the latest tally of the read models and takes a new one when they have changed: when this process's live
 * consumer wrote something since (it tells us through `touched`), when the active generation changed (a rebuild
 * switched), or, checked every `recheckMs`, when the consumer group's committed offsets moved (another instance
 * wrote). Only one tally is taken at a time; a query waits for it at most `maxWaitMs` and otherwise answers from
 * the previous one, saying so (`stale`), so that a dashboard stays fast while a national-scale tally is taken.
 *
 * The documents of the last tally are kept, and a tally reads again only those the live consumer of this process
 * wrote since, when nothing else can have written into the read models meanwhile: the generation is the same, and
 * this consumer has held every partition of the group since before the documents were last read (no rebalance
 * since, so no other instance applied events). Otherwise it reads every document, as the first tally does. A second
 * after a write, the kept documents are brought up to date in the background (reading at most half the time), so that a query after a burst of
 * writes (the end of a round) reads only the last few. Past `KEEP_AT_MOST` documents nothing is kept (memory) and
 * each tally reads them all.
 */

/** Beyond this many documents the last tally's are not kept (memory); each tally then reads them all. */
const KEEP_AT_MOST = 200_000;
/** How long after a write of the live consumer the kept documents are brought up to date in the background. */
const SYNC_AFTER_MS = 1_000;

export interface FigureSet {
  readonly info: SnapshotInfo;
  readonly tally: Tally;
  /** A newer tally is being taken: the read models have changed since this one. */
  readonly stale: boolean;
}

export interface FiguresOptions {
  readonly generations: Generations;
  readonly log: SnapshotLog;
  /** The offsets up to which the live consumer has applied each partition (its committed offsets). */
  readonly offsets: () => Promise<PartitionOffset[]>;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly maxWaitMs: number;
  readonly recheckMs: number;
}

/** The documents last read, with what they were read under. */
interface Kept {
  readonly generation: number;
  /** The count of group joins when they were read. */
  readonly joins: number;
  readonly documents: FactDocuments;
}

interface Taken {
  readonly info: SnapshotInfo;
  readonly tally: Tally;
  /** The count of local writes when the tally began. */
  readonly writeMark: number;
  /** The count of group joins when the tally began. */
  readonly joins: number;
}

function sameOffsets(a: readonly PartitionOffset[], b: readonly PartitionOffset[]): boolean {
  const key = (offsets: readonly PartitionOffset[]) =>
    offsets
      .map((o) => `${o.topic}/${o.partition}@${o.offset}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

export class Figures {
  private latest: Taken | undefined;
  private writes = 0;
  private taking: Promise<Taken> | undefined;
  private lastChecked = 0;
  private kept: Kept | undefined;
  /** More documents than `KEEP_AT_MOST` when last read. */
  private tooMany = false;
  /** The documents the live consumer wrote since the documents were last read, per read model. */
  private changed = new Map<ReadModelName, Set<string>>();
  private joins = 0;
  private assignment: Readonly<Record<string, readonly number[]>> = {};
  /** The partitions of the consumer group, as last read with the offsets. */
  private partitions: readonly PartitionOffset[] | undefined;
  /** The documents are read by one reader at a time (a tally, or bringing them up to date). */
  private reading: Promise<unknown> = Promise.resolve();
  private syncTimer: NodeJS.Timeout | undefined;
  private syncing = false;
  private stopped = false;

  constructor(private readonly options: FiguresOptions) {}

  /** Called after each write of the live consumer into the read models, with the documents it wrote. */
  touched(documents: ReadonlyMap<ReadModelName, Iterable<string>>): void {
    this.writes += 1;
    for (const [name, ids] of documents) {
      let held = this.changed.get(name);
      if (!held) this.changed.set(name, (held = new Set()));
      for (const id of ids) held.add(id);
    }
    this.scheduleSync(SYNC_AFTER_MS);
  }

  /** Brings the kept documents up to date in the background after `delayMs`, unless that is due or under way. */
  private scheduleSync(delayMs: number): void {
    if (this.syncTimer || this.syncing || this.tooMany || this.stopped) return;
    this.syncTimer = setTimeout(() => void this.sync(), delayMs);
    this.syncTimer.unref();
  }

  private async sync(): Promise<void> {
    this.syncTimer = undefined;
    this.syncing = true;
    const started = Date.now();
    try {
      await this.documents();
    } catch (error) {
      if (!this.stopped) this.options.logger.warn({ err: error }, "could not read the figures' documents");
    } finally {
      this.syncing = false;
    }
    // Written meanwhile: again, after at least as long as this took, so that it reads at most half the time.
    if (this.changed.size > 0) this.scheduleSync(Math.max(SYNC_AFTER_MS, Date.now() - started));
  }

  /** Stops bringing the documents up to date (the service is stopping). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.syncTimer);
    await this.reading;
  }

  /** Called each time the live consumer joins its group, with the partitions it was assigned. */
  joined(assignment: Readonly<Record<string, readonly number[]>>): void {
    this.joins += 1;
    this.assignment = assignment;
  }

  /** The latest figures, fresh unless taking a new tally takes longer than `maxWaitMs`. */
  async current(): Promise<FigureSet> {
    const latest = this.latest;
    if (latest && (await this.isFresh(latest)))
      return { info: latest.info, tally: latest.tally, stale: false };
    const taking = this.take();
    if (!latest) return this.asSet(await taking, false);
    const timeout = new Promise<undefined>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), this.options.maxWaitMs);
      void taking.finally(() => clearTimeout(timer));
    });
    const taken = await Promise.race([taking, timeout]);
    return taken ? this.asSet(taken, false) : this.asSet(latest, true);
  }

  /** Takes a tally now (or joins the one being taken). */
  take(): Promise<Taken> {
    if (!this.taking) {
      this.taking = this.takeNow().finally(() => {
        this.taking = undefined;
      });
    }
    return this.taking;
  }

  private asSet(taken: Taken, stale: boolean): FigureSet {
    return { info: taken.info, tally: taken.tally, stale };
  }

  private async isFresh(taken: Taken): Promise<boolean> {
    if (taken.writeMark !== this.writes || taken.joins !== this.joins) return false;
    const { active } = await this.options.generations.read();
    if (active !== taken.info.generation) return false;
    const now = Date.now();
    if (now - this.lastChecked < this.options.recheckMs) return true;
    const offsets = await this.readOffsets();
    if (offsets === undefined || sameOffsets(offsets, taken.info.offsets)) {
      this.lastChecked = now;
      return true;
    }
    return false;
  }

  /** Whether the live consumer holds every partition of the group's topics. */
  private holdsEvery(): boolean {
    return (
      this.partitions?.every(
        ({ topic, partition }) => this.assignment[topic]?.includes(partition) === true,
      ) ?? false
    );
  }

  /** The facts as they are now: the documents kept, brought up to date, or all of them read again. */
  private documents(): Promise<{ facts: Facts; generation: number }> {
    const next = this.reading.then(() => this.readDocuments());
    this.reading = next.catch(() => undefined);
    return next;
  }

  private async readDocuments(): Promise<{ facts: Facts; generation: number }> {
    const joins = this.joins;
    const changed = this.changed;
    this.changed = new Map();
    const { generations } = this.options;
    const { active: generation } = await generations.read();
    const kept = this.kept;
    this.kept = undefined; // until read again: a failed read leaves nothing to build on
    let documents: FactDocuments;
    if (kept && kept.generation === generation && kept.joins === joins && this.holdsEvery()) {
      documents = kept.documents;
      await readChangedDocuments(generations, generation, documents, changed);
    } else {
      await this.readOffsets(); // the group's partitions as they are since the last join
      documents = await readFactDocuments(generations, generation);
    }
    this.tooMany = [...documents.values()].reduce((total, docs) => total + docs.size, 0) > KEEP_AT_MOST;
    if (!this.tooMany) this.kept = { generation, joins, documents };
    return { facts: factsOf(documents), generation };
  }

  private async readOffsets(): Promise<PartitionOffset[] | undefined> {
    try {
      const offsets = await this.options.offsets();
      this.partitions = offsets;
      return offsets;
    } catch (error) {
      this.options.logger.warn({ err: error }, 'could not read the consumer offsets for a figures snapshot');
      return undefined;
    }
  }

  private async takeNow(): Promise<Taken> {
    const started = Date.now();
    const writeMark = this.writes;
    const joins = this.joins;
    // Offsets first: every event before them is in the documents read next.
    const offsets = (await this.readOffsets()) ?? [];
    const asOf = this.options.now().toISOString();
    const { facts, generation } = await this.documents();
    const tally = tallyFacts(facts);
    const cells = [...tally.cells.values()].reduce((total, list) => total + list.length, 0);
    const info: SnapshotInfo = {
      id: `fig-${randomUUID()}`,
      asOf,
      generation,
      offsets,
      observations: tally.observations,
      cells,
      tookMs: Date.now() - started,
    };
    await this.options.log.record(info);
    const taken = { info, tally, writeMark, joins };
    // A slower tally begun earlier never replaces a newer one.
    if (!this.latest || this.latest.writeMark <= writeMark) this.latest = taken;
    this.lastChecked = Date.now();
    this.options.logger.debug({ snapshot: info }, 'figures snapshot taken');
    return taken;
  }
}
