import { roundClosedV1 } from '@zhas/contracts';
import { Refused, change, noChange, refuse } from '@zhas/domain';
import { dropTestDatabase, testDatabase, uniqueName } from '@zhas/testing';
import { type Connection } from 'mongoose';
import { AggregateStore, ConcurrencyConflict } from './aggregate-store';
import { handleCommand } from './command';

interface RoundState extends Record<string, unknown> {
  status: 'draft' | 'published' | 'closed';
  edits: number;
}

const now = () => new Date('2019-12-31T18:00:00Z');
const options = { correlationId: 'corr-1', now };
const close = (roundId: string) => ({
  definition: roundClosedV1,
  data: { roundId, outcome: 'completed', closedAt: '2019-12-31T18:00:00.000Z' },
});

describe('handleCommand: load, decide, save with its events', () => {
  let mongo: Connection;
  let store: AggregateStore<RoundState>;

  beforeAll(async () => {
    mongo = await testDatabase('command');
    store = new AggregateStore<RoundState>({
      collection: mongo.db!.collection('rounds'),
      aggregateType: 'round',
    });
  });
  afterAll(async () => {
    await dropTestDatabase(mongo);
  });

  const created = async () => {
    const id = uniqueName('round');
    await store.create(id, { status: 'published', edits: 0 }, [], { correlationId: 'c', now: now() });
    return id;
  };

  test('a change is saved with its events at the next versions', async () => {
    const id = await created();
    const result = await handleCommand(
      store,
      id,
      (round) => change({ ...round, status: 'closed' as const }, [close(id)]),
      options,
    );
    expect(result).toMatchObject({ changed: true, aggregate: { version: 2, state: { status: 'closed' } } });
    expect((await store.collection.findOne({ _id: id as never }))?.pendingEvents).toHaveLength(1);
  });

  test("a person's action is kept in the audit trail with the change, and no state field shows it", async () => {
    const id = uniqueName('round');
    const actor = { subject: 'k-1', roles: ['coordinator'], name: 'Aigerim Coordinator' };
    await handleCommand(store, id, () => change({ status: 'draft' as const, edits: 0 }), {
      ...options,
      create: true,
      audit: { actor, action: 'round.created' },
    });
    await handleCommand(store, id, (round) => change({ ...round, status: 'closed' as const }, [close(id)]), {
      ...options,
      audit: { actor, action: 'round.closed' },
    });
    await handleCommand(store, id, () => noChange, { ...options, audit: { actor, action: 'round.closed' } });
    await handleCommand(store, id, (round) => change({ ...round, edits: 1 }), options);
    const trail = await store.auditTrail(id);
    expect(trail).toEqual([
      { at: now(), version: 1, action: 'round.created', actor, eventTypes: [] },
      { at: now(), version: 2, action: 'round.closed', actor, eventTypes: ['competitions.round.closed.v1'] },
    ]);
    expect((await store.get(id))?.state).toEqual({ status: 'closed', edits: 1 });
  });

  test('no change writes nothing; a refusal is thrown as Refused and writes nothing', async () => {
    const id = await created();
    const same = await handleCommand(store, id, () => noChange, options);
    expect(same).toMatchObject({ changed: false, aggregate: { version: 1 } });
    const refusal = handleCommand(store, id, () => refuse('round-closed', 'The round is closed.'), options);
    await expect(refusal).rejects.toBeInstanceOf(Refused);
    await expect(refusal).rejects.toMatchObject({ error: { code: 'round-closed' } });
    expect((await store.get(id))?.version).toBe(1);
  });

  test('a missing aggregate is not found, unless the command may create it', async () => {
    const id = uniqueName('round');
    await expect(handleCommand(store, id, () => noChange, options)).rejects.toMatchObject({
      error: { code: 'not-found', detail: `Round ${id} not found.` },
    });
    const result = await handleCommand(
      store,
      id,
      (round) => (round ? noChange : change({ status: 'draft' as const, edits: 0 })),
      { ...options, create: true },
    );
    expect(result.aggregate).toMatchObject({ id, version: 1, state: { status: 'draft' } });
  });

  test('expected version: a stale version fails with a conflict, a refusal on the current state first', async () => {
    const id = await created();
    let decided = 0;
    const edit = (expectedVersion: number) =>
      handleCommand(
        store,
        id,
        (round) => {
          decided += 1;
          return change({ ...round, edits: round.edits + 1 });
        },
        { ...options, expectedVersion },
      );
    await edit(1);
    await expect(edit(1)).rejects.toMatchObject({ expectedVersion: 1, actualVersion: 2 });
    await expect(edit(1)).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect(decided).toBe(3);
    expect((await store.get(id))?.state.edits).toBe(1);
    await expect(
      handleCommand(store, id, () => refuse('forbidden', 'Not yours.'), { ...options, expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(Refused);
    await expect(
      handleCommand(store, id, () => change({ status: 'draft' as const, edits: 0 }), {
        ...options,
        create: true,
        expectedVersion: 0,
      }),
    ).rejects.toBeInstanceOf(ConcurrencyConflict);
  });

  test('retry on conflict: concurrent commands without a version all take effect, none is lost', async () => {
    const id = await created();
    const increment = () =>
      handleCommand(store, id, (round) => change({ ...round, edits: round.edits + 1 }), {
        ...options,
        attempts: 20,
      });
    await Promise.all(Array.from({ length: 10 }, increment));
    expect((await store.get(id))?.state.edits).toBe(10);
    expect((await store.get(id))?.version).toBe(11);
  });

  test('retry on conflict gives up after its attempts with the conflict', async () => {
    const id = await created();
    let attempts = 0;
    const sabotaged = handleCommand(
      store,
      id,
      async (round) => {
        attempts += 1;
        // Someone else changes the round between our read and our write, every time.
        const latest = await store.get(id);
        await store.update(id, latest!.version, { ...round, edits: round.edits + 100 }, [], {
          correlationId: 'other',
          now: now(),
        });
        return change({ ...round, edits: round.edits + 1 });
      },
      { ...options, attempts: 3 },
    );
    await expect(sabotaged).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect(attempts).toBe(3);
  });
});
