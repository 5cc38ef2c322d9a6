import { dropTestDatabase, testDatabase } from '@zhas/testing';
import { type Connection } from 'mongoose';
import { type Collection, type Document } from 'mongodb';
import {
  changeEach,
  deleteIfMatches,
  FERRETDB_UPDATES_PER_COMMAND,
  findByIds,
  writeIfMatches,
} from './documents';

// Guarded writes behave the same on either server: the guard in the filter (MongoDB) or checked on a read by _id
// under the document lock (FerretDB).
describe('guarded single-document writes (real database)', () => {
  let mongo: Connection;
  let docs: Collection<Document>;

  beforeAll(async () => {
    mongo = await testDatabase('guarded');
    docs = mongo.db!.collection('docs');
  });
  afterAll(async () => {
    await dropTestDatabase(mongo);
  });

  it('writes only when the guard matches, and returns the document as it was', async () => {
    await docs.insertOne({ _id: 'a' as never, version: 1, claim: null });

    const missed = await writeIfMatches(docs, 'a', { guard: { version: 2 }, update: { $set: { x: 1 } } });
    expect(missed).toEqual({ written: false, before: null });

    const hit = await writeIfMatches(docs, 'a', {
      guard: { version: 1, $or: [{ claim: null }, { 'claim.until': { $lt: new Date() } }] },
      update: { $set: { claim: { owner: 'me', until: new Date(Date.now() + 1000) } } },
    });
    expect(hit.written).toBe(true);
    expect(hit.before).toMatchObject({ version: 1, claim: null });

    // The claim is live now: the same guard misses.
    const again = await writeIfMatches(docs, 'a', {
      guard: { $or: [{ claim: null }, { 'claim.until': { $lt: new Date() } }] },
      update: { $set: { claim: null } },
    });
    expect(again.written).toBe(false);
    expect(await docs.findOne({ _id: 'a' as never })).toMatchObject({ claim: { owner: 'me' } });
  });

  it('upserts a missing document, and refuses an existing one that fails the guard', async () => {
    const guard = { $or: [{ version: { $lt: 3 } }, { version: { $exists: false } }] };
    const created = await writeIfMatches(docs, 'b', {
      guard,
      update: { $set: { version: 3 } },
      upsert: true,
    });
    expect(created.written).toBe(true);
    const stale = await writeIfMatches(docs, 'b', { guard, update: { $set: { version: 3 } }, upsert: true });
    expect(stale.written).toBe(false);
    const newer = await writeIfMatches(docs, 'b', {
      guard: { version: { $lt: 4 } },
      update: { $set: { version: 4 } },
      upsert: true,
    });
    expect(newer.written).toBe(true);
    expect(await docs.findOne({ _id: 'b' as never })).toEqual({ _id: 'b', version: 4 });
  });

  it('deletes only when the guard matches', async () => {
    await docs.insertOne({ _id: 'c' as never, teamId: 't1' });
    expect(await deleteIfMatches(docs, 'c', { teamId: 't2' })).toBe(false);
    expect(await deleteIfMatches(docs, 'c', { teamId: 't1' })).toBe(true);
    expect(await docs.findOne({ _id: 'c' as never })).toBeNull();
    expect(await deleteIfMatches(docs, 'c', { teamId: 't1' })).toBe(false);
  });

  it('lets exactly one of many concurrent guarded writes of one version win', async () => {
    await docs.insertOne({ _id: 'd' as never, version: 1 });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        writeIfMatches(docs, 'd', { guard: { version: 1 }, update: { $set: { version: 2, by: index } } }),
      ),
    );
    expect(results.filter((result) => result.written)).toHaveLength(1);
  });

  it('finds documents by ids in the order asked, leaving out missing ones', async () => {
    await docs.insertMany([
      { _id: 'e1' as never, n: 1 },
      { _id: 'e2' as never, n: 2 },
    ]);
    expect(await findByIds(docs, ['e2', 'missing', 'e1'])).toEqual([
      { _id: 'e2', n: 2 },
      { _id: 'e1', n: 1 },
    ]);
    expect(await findByIds(docs, [])).toEqual([]);
  });

  it('changes a batch of documents, each decided from itself, in bulk writes', async () => {
    // More documents than one bulk command takes on FerretDB, some missing, one failing its guard.
    const count = FERRETDB_UPDATES_PER_COMMAND * 2 + 3;
    const ids = Array.from({ length: count }, (_, index) => `batch-${index}`);
    await docs.insertMany(
      ids.slice(0, count - 2).map((id, index) => ({ _id: id as never, n: index, tag: 'old' })),
    );
    const written = await changeEach(docs, ids, (id, current) => {
      if (!current) return { insert: { n: -1, tag: 'new' } };
      if (id === 'batch-0') return { guard: { n: 99 }, update: { $set: { tag: 'never' } } };
      if (id === 'batch-1') return undefined;
      return { guard: { n: current.n as number }, update: { $set: { tag: 'changed' } } };
    });
    expect(written.has('batch-0')).toBe(false);
    expect(written.has('batch-1')).toBe(false);
    expect(written.size).toBe(count - 2);
    const after = await findByIds(docs, ids);
    expect(after.map((doc) => doc.tag as string)).toEqual([
      'old',
      'old',
      ...Array<string>(count - 4).fill('changed'),
      'new',
      'new',
    ]);

    // An insert that meets an existing document is not applied: the caller decides again.
    const again = await changeEach(docs, ['batch-2', 'batch-new'], () => ({ insert: { tag: 'insert' } }));
    expect([...again]).toEqual(['batch-new']);
    expect(await docs.findOne({ _id: 'batch-2' as never })).toMatchObject({ tag: 'changed' });
  });

  it('inserts documents assumed missing without reading them, and decides again those that existed', async () => {
    await docs.insertOne({ _id: 'assumed-old' as never, n: 1 });
    const seen: [string, unknown][] = [];
    const written = await changeEach(
      docs,
      ['assumed-old', 'assumed-new'],
      (id, current) => {
        seen.push([id, current?.n ?? null]);
        return current
          ? { guard: { n: current.n as number }, update: { $set: { n: 2 } } }
          : { insert: { n: 0 } };
      },
      { assumeMissing: () => true },
    );
    expect([...written].sort()).toEqual(['assumed-new', 'assumed-old']);
    // Both were first decided as missing; the one that existed was then read and decided from itself.
    expect(seen).toEqual([
      ['assumed-old', null],
      ['assumed-new', null],
      ['assumed-old', 1],
    ]);
    expect(await findByIds(docs, ['assumed-old', 'assumed-new'])).toMatchObject([{ n: 2 }, { n: 0 }]);
  });
});
