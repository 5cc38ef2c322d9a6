import { dropTestDatabase, testDatabase, testLogger } from '@zhas/testing';
import { type Connection } from 'mongoose';
import { factsOf, readFactDocuments } from '../indicators/repository';
import { Generations } from '../read-models/store';
import { Figures } from './commands';
import { type PartitionOffset, tallyFacts } from './domain';
import { SnapshotLog } from './store';

// A tally reads again only the documents the live consumer wrote since the last one, as long as nothing else can
// have written: after a rebalance, or when the consumer does not hold every partition, it reads them all.
describe('the figures kept from one tally to the next (real database)', () => {
  let mongo: Connection;
  let generations: Generations;
  let offsets: PartitionOffset[];

  beforeAll(async () => {
    mongo = await testDatabase('figures');
    generations = new Generations(mongo.db!);
    await generations.ensure();
  });
  afterAll(async () => {
    await dropTestDatabase(mongo);
  });

  const participants = () => generations.collection(1, 'participants');
  const register = async (id: string, sex: 'female' | 'male') => {
    const registered = {
      v: 1,
      at: '2019-03-01T10:00:00.000Z',
      roundId: 'rnd-1',
      sex,
      ageBand: '18-24',
      region: 'almaty',
      settlement: 'urban',
      neet: false,
      vulnerability: [],
    };
    await participants().updateOne({ _id: id as never }, { $set: { registered } }, { upsert: true });
  };
  /** The tally of every document as the database holds it now. */
  const everything = async () => tallyFacts(factsOf(await readFactDocuments(generations, 1)));
  const moved = (offset: number) => {
    offsets = [
      { topic: 'events', partition: 0, offset: String(offset) },
      { topic: 'events', partition: 1, offset: '0' },
    ];
  };

  it('reads again what the consumer wrote, and everything after a rebalance', async () => {
    const figures = new Figures({
      generations,
      log: new SnapshotLog(mongo.db!),
      offsets: () => Promise.resolve(offsets),
      now: () => new Date(),
      logger: testLogger(),
      maxWaitMs: 60_000,
      recheckMs: 0,
    });
    figures.joined({ events: [0, 1] });
    await register('p1', 'female');
    await register('p2', 'male');
    moved(2);
    const first = (await figures.current()).tally;
    expect(first).toEqual(await everything());
    expect(first.observations).toBeGreaterThan(0);

    // The consumer changes one participant and adds another, and says so.
    await register('p1', 'male');
    await register('p3', 'female');
    figures.touched(new Map([['participants', ['p1', 'p3']]]));
    moved(4);
    const second = (await figures.current()).tally;
    expect(second).toEqual(await everything());
    expect(second).not.toEqual(first);

    // A write this process was not told of is not read while it holds every partition since the last tally ...
    await register('p4', 'female');
    moved(5);
    expect((await figures.current()).tally).toEqual(second);
    // ... and is after a rebalance (another instance may have applied events meanwhile).
    figures.joined({ events: [0] });
    const third = (await figures.current()).tally;
    expect(third).toEqual(await everything());
    expect(third).not.toEqual(second);

    // Holding only some partitions, every tally reads every document.
    await register('p5', 'male');
    moved(6);
    expect((await figures.current()).tally).toEqual(await everything());
    await figures.stop();
  });
});
