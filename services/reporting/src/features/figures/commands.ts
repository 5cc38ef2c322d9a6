import { randomUUID } from 'node:crypto';
import { type Logger } from 'pino';
import { loadFacts } from '../indicators/repository';
import { type Generations } from '../read-models/store';
import { type PartitionOffset, type SnapshotInfo, type Tally, tallyFacts } from './domain';
import { type SnapshotLog } from './store';

/*
 * Keeps the latest tally of the read models and takes a new one when they have changed: when this process's live
 * consumer wrote something since (it tells us through `touched`), when the active generation changed (a rebuild
 * switched), or, checked every `recheckMs`, when the consumer group's committed offsets moved (another instance
 * wrote). Only one tally is taken at a time; a query waits for it at most `maxWaitMs` and otherwise answers from
 * the previous one, saying so (`stale`), so that a dashboard stays fast while a national-scale tally is taken.
 */

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

interface Taken {
  readonly info: SnapshotInfo;
  readonly tally: Tally;
  /** The count of local writes when the tally began. */
  readonly writeMark: number;
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

  constructor(private readonly options: FiguresOptions) {}

  /** Called after each write of the live consumer into the read models. */
  touched(): void {
    this.writes += 1;
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
    if (taken.writeMark !== this.writes) return false;
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

  private async readOffsets(): Promise<PartitionOffset[] | undefined> {
    try {
      return await this.options.offsets();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'could not read the consumer offsets for a figures snapshot');
      return undefined;
    }
  }

  private async takeNow(): Promise<Taken> {
    const started = Date.now();
    const writeMark = this.writes;
    // Offsets first: every event before them is in the documents read next.
    const offsets = (await this.readOffsets()) ?? [];
    const asOf = this.options.now().toISOString();
    const { facts, generation } = await loadFacts(this.options.generations);
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
    const taken = { info, tally, writeMark };
    // A slower tally begun earlier never replaces a newer one.
    if (!this.latest || this.latest.writeMark <= writeMark) this.latest = taken;
    this.lastChecked = Date.now();
    this.options.logger.debug({ snapshot: info }, 'figures snapshot taken');
    return taken;
  }
}
