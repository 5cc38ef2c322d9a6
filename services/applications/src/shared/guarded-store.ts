import { setTimeout as delay } from 'node:timers/promises';
import {
  type Aggregate,
  type AggregateStore,
  type ChangeContext,
  ConcurrencyConflict,
  type NewEvent,
  isDuplicateKey,
} from '@zhas/messaging';
import { type Collection, type Db } from 'mongodb';

/*
 * Why this exists: on FerretDB 1.24 (the embedded default database) an updateOne is not atomic. It reads the
 * matching document, applies the update in its own process and writes the whole document back, so two writes that
 * overlap lose one of them. Measured in this service: a team's version went from 7 back to 6 when the outbox relay
 * cleared the previous event while the host organization's confirmation was being saved; and two saves of the same
 * version can both "succeed". MongoDB does not have this problem, and AggregateStore relies on it not happening.
 *
 * So, on FerretDB only, every update of an aggregate first takes the step from its version with an insert (inserts
 * are atomic under the unique _id: the second writer of the same version gets a conflict), then waits until the
 * outbox relay has finished with the document (the relay writes only while events are pending), then updates.
 */

const CLAIM_LEASE_MS = 30_000;
const RELAY_WAIT_STEPS = 150;
const RELAY_WAIT_STEP_MS = 20;

interface VersionClaim {
  _id: string;
  claimedAt: Date;
}

/** Whether the server is FerretDB, whose updates need the guard. */
export async function needsWriteGuard(db: Db): Promise<boolean> {
  const info = await db.admin().command({ buildInfo: 1 });
  return 'ferretdbVersion' in info;
}

export class GuardedStore<S extends Record<string, unknown>> {
  private readonly claims: Collection<VersionClaim> | undefined;

  constructor(
    private readonly store: AggregateStore<S>,
    db: Db,
    guard: boolean,
  ) {
    this.claims = guard ? db.collection<VersionClaim>('aggregateVersionClaims') : undefined;
  }

  get collection() {
    return this.store.collection;
  }

  get(id: string): Promise<Aggregate<S> | undefined> {
    return this.store.get(id);
  }

  create(id: string, state: S, events: readonly NewEvent[], context: ChangeContext): Promise<Aggregate<S>> {
    return this.store.create(id, state, events, context);
  }

  async update(
    id: string,
    expectedVersion: number,
    state: S,
    events: readonly NewEvent[],
    context: ChangeContext,
  ): Promise<Aggregate<S>> {
    if (!this.claims) return this.store.update(id, expectedVersion, state, events, context);
    const claimId = `${this.store.collection.collectionName}/${id}/${expectedVersion}`;
    await this.claim(claimId, id, expectedVersion);
    try {
      await this.relayIdle(id);
      return await this.store.update(id, expectedVersion, state, events, context);
    } catch (error) {
      // The step was not taken: let the next writer of this version try.
      if (!(error instanceof ConcurrencyConflict)) await this.claims.deleteOne({ _id: claimId });
      throw error;
    }
  }

  private async claim(claimId: string, id: string, expectedVersion: number): Promise<void> {
    const claims = this.claims!;
    // Leases run on the wall clock, whatever clock the domain runs on.
    const now = new Date();
    try {
      await claims.insertOne({ _id: claimId, claimedAt: now });
      return;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const current = await this.store.collection.findOne({ _id: id as never }, { projection: { version: 1 } });
    const actual = (current as { version?: number } | null)?.version;
    const held = await claims.findOne({ _id: claimId });
    // A writer that died between its claim and its update leaves the version claimed; the lease frees it.
    if (actual === expectedVersion && held && now.getTime() - held.claimedAt.getTime() > CLAIM_LEASE_MS) {
      const taken = await claims.deleteOne({ _id: claimId, claimedAt: held.claimedAt });
      if (taken.deletedCount === 1) return this.claim(claimId, id, expectedVersion);
    }
    throw new ConcurrencyConflict(id, expectedVersion, actual);
  }

  /** Waits (briefly) until the outbox relay has published and cleared the document's pending events. */
  private async relayIdle(id: string): Promise<void> {
    for (let step = 0; step < RELAY_WAIT_STEPS; step++) {
      const doc = (await this.store.collection.findOne(
        { _id: id as never },
        { projection: { outboxPending: 1, outboxClaim: 1 } },
      )) as { outboxPending?: boolean; outboxClaim?: unknown } | null;
      if (!doc || (!doc.outboxPending && !doc.outboxClaim)) return;
      await delay(RELAY_WAIT_STEP_MS);
    }
  }
}
