/**
 * The lease that keeps a second instance of a service from starting on FerretDB (instance-lease.ts says why). The
 * service-level refusal is tested in test/services/second-instance.int.test.ts.
 */
import { testMongoUrl, testLogger, uniqueName } from '@zhas/testing';
import { MongoClient } from 'mongodb';
import { InstanceLease, isFerretDb, type LeaseDocument, SecondInstanceError } from './instance-lease';

const client = new MongoClient(testMongoUrl());
let ferret = false;
beforeAll(async () => {
  await client.connect();
  ferret = await isFerretDb(client.db('admin'));
});
afterAll(async () => {
  await client.close();
});

const leaseOptions = (database: string, onLost: (holder: LeaseDocument) => void = () => undefined) => ({
  db: client.db(database),
  service: 'applications',
  logger: testLogger(),
  ttlMs: 1_000,
  onLost,
});

describe('the instance lease (on FerretDB)', () => {
  test('of several instances starting at the same moment exactly one gets it', async () => {
    if (!ferret) return;
    const database = uniqueName('lease');
    // A lease long enough that no holder misses a renewal on a busy machine (that would be a takeover, tested below).
    const attempts = await Promise.allSettled(
      Array.from({ length: 6 }, () => InstanceLease.acquire({ ...leaseOptions(database), ttlMs: 5_000 })),
    );
    const holders = attempts.filter((attempt) => attempt.status === 'fulfilled');
    const refused = attempts.filter(
      (attempt) => attempt.status === 'rejected' && attempt.reason instanceof SecondInstanceError,
    );
    expect([holders.length, refused.length]).toEqual([1, 5]);
    for (const holder of holders) await holder.value.release();
    await client.db(database).dropDatabase();
  });

  test('a released lease is taken at once by the next instance', async () => {
    if (!ferret) return;
    const database = uniqueName('lease');
    const first = await InstanceLease.acquire({ ...leaseOptions(database), ttlMs: 60_000 });
    await first.release();
    // With a lease of a minute, only a released one can be taken before this test's timeout.
    const next = await InstanceLease.acquire({ ...leaseOptions(database), ttlMs: 60_000 });
    const epochs = await client.db(database).collection('instanceLeases').find().sort({ epoch: 1 }).toArray();
    expect(epochs.map((lease) => [lease.epoch as number, lease.released as boolean])).toEqual([
      [1, true],
      [2, false],
    ]);
    await next.release();
    await client.db(database).dropDatabase();
  });

  test('a holder that stopped without releasing it (a crash) is taken over once it expires', async () => {
    if (!ferret) return;
    const database = uniqueName('lease');
    const crashed = await InstanceLease.acquire(leaseOptions(database));
    crashed.abandon();
    const next = await InstanceLease.acquire(leaseOptions(database));
    const epochs = await client.db(database).collection('instanceLeases').find().sort({ epoch: 1 }).toArray();
    expect(epochs.map((lease) => lease.epoch as number)).toEqual([1, 2]);
    await next.release();
    await client.db(database).dropDatabase();
  });

  test('a holder that finds its lease taken over (it was paused too long) is told to stop', async () => {
    if (!ferret) return;
    const database = uniqueName('lease');
    let lost: (holder: LeaseDocument) => void = () => undefined;
    const lostTo = new Promise<LeaseDocument>((resolve) => (lost = resolve));
    const holder = await InstanceLease.acquire(leaseOptions(database, (taker) => lost(taker)));
    // What another instance writes when it takes an expired lease over: the next epoch.
    const now = new Date();
    await client
      .db(database)
      .collection('instanceLeases')
      .insertOne({
        _id: 'epoch-000000002' as never,
        epoch: 2,
        owner: 'another-instance',
        host: 'elsewhere',
        pid: 1,
        acquiredAt: now,
        renewedAt: now,
        expiresAt: new Date(now.getTime() + 60_000),
        released: false,
      });
    expect(await lostTo).toMatchObject({ owner: 'another-instance', epoch: 2 });
    holder.abandon();
    await client.db(database).dropDatabase();
  });
});
