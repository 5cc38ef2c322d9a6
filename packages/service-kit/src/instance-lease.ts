import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Collection, type Db } from 'mongodb';
import { type Logger } from './logger';

/*
 * One instance per service on FerretDB.
 *
 * FerretDB 1.24 (the embedded default) does not isolate concurrent updates of a document: two updates at the same
 * moment can both read the old document and one of them is lost (measured: 300 concurrent $inc on one document left
 * it between 130 and 190; 100 concurrent compare-and-set updates had 1 to 4 winners; 50 concurrent claims of a free
 * lease by update had 1 to 7). The messaging package serializes writes to a document within a process, which makes
 * one instance safe; a second instance on the same database would lose writes silently. So on FerretDB a service
 * holds a lease in its database while it runs, and a second instance refuses to start.
 *
 * The lease is claimed by INSERTING the next epoch's document: FerretDB keeps `_id` unique in SQLite, and of 50
 * concurrent inserts of one `_id` exactly one succeeds, where updates race. Only the holder updates its own epoch
 * (renewals); a stopped holder marks it released; an expired or released epoch is taken over by inserting the next
 * one. A holder that finds a newer epoch than its own (it was paused for longer than the lease) has lost the lease
 * and is stopped. MongoDB isolates single-document updates, so there the lease is not used and any number of
 * instances may run.
 */

export interface LeaseDocument {
  readonly _id: string;
  readonly epoch: number;
  readonly owner: string;
  readonly host: string;
  readonly pid: number;
  readonly acquiredAt: Date;
  readonly renewedAt: Date;
  readonly expiresAt: Date;
  readonly released: boolean;
}

export interface InstanceLeaseOptions {
  readonly db: Db;
  readonly service: string;
  readonly logger: Logger;
  /** How long a lease lasts without renewal; a crashed holder's lease is taken over after this. */
  readonly ttlMs: number;
  /** Called when another instance took the lease over (this one was paused longer than the lease). */
  readonly onLost: (holder: LeaseDocument) => void;
}

/** The database is FerretDB (which answers buildInfo with its own version field). */
export async function isFerretDb(db: Db): Promise<boolean> {
  const info = await db.admin().command({ buildInfo: 1 });
  return 'ferretdbVersion' in info;
}

/** Another instance of the service holds the lease: the message says who and what to do instead. */
export class SecondInstanceError extends Error {
  override readonly name = 'SecondInstanceError';
}

export class InstanceLease {
  private readonly owner = randomUUID();
  private readonly collection: Collection<LeaseDocument>;
  // Real time, never the domain's clock (tests run the domain in 2019).
  private readonly now = () => new Date();
  private epoch = 0;
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> | undefined;

  private constructor(private readonly options: InstanceLeaseOptions) {
    this.collection = options.db.collection<LeaseDocument>('instanceLeases');
  }

  /**
   * Takes the lease, waiting up to one lease period for a holder that may have stopped without releasing it (a
   * crash); throws SecondInstanceError if it is still renewed by then. Renews it every third of the period.
   */
  static async acquire(options: InstanceLeaseOptions): Promise<InstanceLease> {
    const lease = new InstanceLease(options);
    await lease.take();
    lease.timer = setInterval(
      () => {
        lease.renewing ??= lease.renew().finally(() => (lease.renewing = undefined));
      },
      Math.max(100, Math.floor(options.ttlMs / 3)),
    );
    lease.timer.unref();
    return lease;
  }

  /** Gives the lease up, so that the next instance starts at once. */
  async release(): Promise<void> {
    this.stopRenewing();
    await this.renewing;
    await this.collection.updateOne(
      { _id: epochId(this.epoch), owner: this.owner },
      { $set: { released: true, expiresAt: this.now() } },
    );
  }

  /** Stops renewing without releasing, as a crash would (tests). */
  abandon(): void {
    this.stopRenewing();
  }

  private stopRenewing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async current(): Promise<LeaseDocument | null> {
    return this.collection.find({}).sort({ epoch: -1 }).limit(1).next();
  }

  private async take(): Promise<void> {
    const { ttlMs, logger, service } = this.options;
    const giveUpAt = Date.now() + ttlMs + Math.floor(ttlMs / 3);
    let waitingSaid = false;
    for (;;) {
      const holder = await this.current();
      const now = this.now();
      if (!holder || holder.released || holder.expiresAt.getTime() <= now.getTime()) {
        const epoch = (holder?.epoch ?? 0) + 1;
        try {
          await this.collection.insertOne({
            _id: epochId(epoch),
            epoch,
            owner: this.owner,
            host: hostname(),
            pid: process.pid,
            acquiredAt: now,
            renewedAt: now,
            expiresAt: new Date(now.getTime() + ttlMs),
            released: false,
          });
          this.epoch = epoch;
          // Epochs before the previous one are history nobody reads.
          await this.collection.deleteMany({ epoch: { $lt: epoch - 1 } });
          return;
        } catch (error) {
          if ((error as { code?: unknown }).code !== 11000) throw error;
          continue; // another instance inserted that epoch first: look again
        }
      }
      if (Date.now() > giveUpAt) throw new SecondInstanceError(refusal(service, holder, now));
      if (!waitingSaid) {
        waitingSaid = true;
        logger.warn(
          { holder: describe(holder, now) },
          'another instance holds this service’s lease; waiting in case it has stopped without releasing it',
        );
      }
      await sleep(Math.min(1_000, Math.floor(ttlMs / 5)));
    }
  }

  private async renew(): Promise<void> {
    try {
      const holder = await this.current();
      if (holder && holder.owner !== this.owner) {
        this.stopRenewing();
        this.options.onLost(holder);
        return;
      }
      const now = this.now();
      await this.collection.updateOne(
        { _id: epochId(this.epoch), owner: this.owner },
        { $set: { renewedAt: now, expiresAt: new Date(now.getTime() + this.options.ttlMs) } },
      );
    } catch (error) {
      // The database not answering for a moment; the next renewal tries again.
      this.options.logger.warn({ err: error }, 'could not renew the instance lease; retrying');
    }
  }
}

const epochId = (epoch: number) => `epoch-${String(epoch).padStart(9, '0')}`;

function describe(holder: LeaseDocument, now: Date): string {
  const ago = Math.max(0, Math.round((now.getTime() - holder.renewedAt.getTime()) / 1000));
  return `host ${holder.host}, pid ${holder.pid}, renewed ${ago} s ago`;
}

function refusal(service: string, holder: LeaseDocument, now: Date): string {
  return (
    `Another instance of the ${service} service is running on this database (${describe(holder, now)}), so this ` +
    'one does not start. The database is FerretDB (the embedded default), which does not isolate concurrent ' +
    'updates of a document: two instances would lose each other’s writes. Stop the other instance, or run ' +
    'several instances on MongoDB (a replica set or Atlas), which isolates them.'
  );
}
