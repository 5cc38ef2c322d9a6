import { roundClosedV1, topicFor } from '@zhas/contracts';
import {
  dropTestDatabase,
  testDatabase,
  testKafka,
  testLogger,
  testMongoUrl,
  uniqueName,
} from '@zhas/testing';
import { type Kafka } from 'kafkajs';
import { type Collection, type CommandStartedEvent, type Document } from 'mongodb';
import mongoose, { type Connection } from 'mongoose';
import { AggregateStore, ConcurrencyConflict, ensureOutboxIndex, type NewEvent } from './aggregate-store';
import { readTopic } from './read-topic';
import { OutboxRelay } from './relay';
import { ensureTopics } from './topics';

interface RoundState extends Record<string, unknown> {
  title: string;
  status: 'draft' | 'published' | 'closed';
}

const closed = (roundId: string, outcome: 'completed' | 'cancelled' = 'completed'): NewEvent => ({
  definition: roundClosedV1,
  data: { roundId, outcome, closedAt: '2019-12-31T18:00:00.000Z' },
});
const context = (now = new Date('2019-12-31T18:00:00Z')) => ({ correlationId: uniqueName('corr'), now });

describe.each([
  { mode: 'claimed in each document', journaled: false },
  { mode: 'one relay alone, with a journal', journaled: true },
])('the outbox ($mode): a change and its events are written together and published once', ({ journaled }) => {
  let mongo: Connection;
  let kafka: Kafka;
  let prefix: string;
  let topic: string;
  let rounds: Collection<Document>;
  let store: AggregateStore<RoundState>;
  let journal: Collection<Document>;

  beforeAll(async () => {
    mongo = await testDatabase('outbox');
    kafka = testKafka();
    prefix = uniqueName('t');
    topic = topicFor('competitions', prefix);
    await ensureTopics(kafka, [{ topic }]);
    rounds = mongo.db!.collection('rounds');
    journal = mongo.db!.collection('outboxJournal');
    await ensureOutboxIndex(rounds);
    store = new AggregateStore<RoundState>({
      collection: rounds,
      aggregateType: 'round',
      topicPrefix: prefix,
    });
  });
  afterAll(async () => {
    await dropTestDatabase(mongo);
  });

  const relay = (faults?: ConstructorParameters<typeof OutboxRelay>[0]['faults'], client: Kafka = kafka) =>
    new OutboxRelay({
      kafka: client,
      collections: [rounds],
      logger: testLogger(),
      ...(faults ? { faults } : {}),
      ...(journaled ? { journal } : {}),
    });

  /**
   * Runs `use` with a collection seen through a connection of its own, which reports each command to `onCommand`, a
   * relay over it and a store whose saves tell that relay; the connection is closed afterwards.
   */
  async function withToldRelay(
    name: string,
    onCommand: (event: CommandStartedEvent) => void,
    use: (setup: {
      collection: Collection<Document>;
      relay: OutboxRelay;
      saving: AggregateStore<RoundState>;
    }) => Promise<void>,
  ): Promise<void> {
    const monitored = await mongoose
      .createConnection(testMongoUrl(), { dbName: mongo.name, monitorCommands: true })
      .asPromise();
    try {
      monitored.getClient().on('commandStarted', onCommand);
      const collection = monitored.db!.collection(name);
      const relay = new OutboxRelay({
        kafka,
        collections: [collection],
        logger: testLogger(),
        ...(journaled ? { journal: monitored.db!.collection('outboxJournal') } : {}),
      });
      const saving = new AggregateStore<RoundState>({
        collection,
        aggregateType: 'round',
        topicPrefix: prefix,
        onEventsRecorded: (id, outbox) => relay.notify(collection, id, outbox),
      });
      await use({ collection, relay, saving });
    } finally {
      await monitored.close();
    }
  }

  const eventsOf = async (roundId: string) =>
    (await readTopic(kafka, topic))
      .filter((message) => message.key === roundId)
      .map(
        (message) =>
          JSON.parse(message.value ?? '{}') as { id: string; aggregateversion: number; subject: string },
      );

  test('events are published in order with consecutive aggregate versions, and cleared', async () => {
    const id = uniqueName('round');
    await store.create(
      id,
      { title: 'Zhas 2019', status: 'closed' },
      [closed(id), closed(id, 'cancelled')],
      context(),
    );
    const updated = await store.update(
      id,
      2,
      { title: 'Zhas 2019', status: 'closed' },
      [closed(id)],
      context(),
    );
    expect(updated.version).toBe(3);

    const published = relay();
    expect(await published.drain()).toBe(3);
    await published.stop();

    const events = await eventsOf(id);
    expect(events.map((event) => event.aggregateversion)).toEqual([1, 2, 3]);
    expect(new Set(events.map((event) => event.subject))).toEqual(new Set([id]));
    const cleared = await rounds.findOne({ _id: id as never });
    expect(cleared).toMatchObject({ pendingEvents: [], outboxPending: false });
    expect(cleared?.outboxInFlight ?? null).toBeNull();
  });

  test('a write that fails publishes nothing', async () => {
    const id = uniqueName('round');
    await store.create(id, { title: 'Zhas 2019', status: 'draft' }, [closed(id)], context());
    // A stale version: another change got there first.
    await expect(
      store.update(id, 7, { title: 'stale', status: 'closed' }, [closed(id)], context()),
    ).rejects.toBeInstanceOf(ConcurrencyConflict);
    // An event that breaks its contract: nothing is written at all.
    const broken: NewEvent = {
      definition: roundClosedV1,
      data: { roundId: id, outcome: 'postponed', closedAt: 'soon' },
    };
    await expect(
      store.update(id, 1, { title: 'broken', status: 'closed' }, [broken], context()),
    ).rejects.toThrow(/outcome/);
    // A duplicate create.
    await expect(
      store.create(id, { title: 'again', status: 'draft' }, [closed(id)], context()),
    ).rejects.toBeInstanceOf(ConcurrencyConflict);

    const published = relay();
    await published.drain();
    await published.stop();
    expect((await eventsOf(id)).map((event) => event.aggregateversion)).toEqual([1]);
    expect(await store.get(id)).toMatchObject({ version: 1, state: { title: 'Zhas 2019', status: 'draft' } });
  });

  test('two saves of one version at the same moment: one wins, the other is a conflict, and no event is lost', async () => {
    const id = uniqueName('round');
    await store.create(id, { title: 'Zhas 2019', status: 'draft' }, [closed(id)], context());
    const published = relay();
    published.start(); // the relay clears the outbox while the saves race
    const saves = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        store.update(id, 1, { title: `edit ${index}`, status: 'closed' }, [closed(id)], context()),
      ),
    );
    const won = saves.filter((save) => save.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(
      saves.filter((save) => save.status === 'rejected' && save.reason instanceof ConcurrencyConflict),
    ).toHaveLength(7);
    await published.drain();
    await published.stop();
    expect((await eventsOf(id)).map((event) => event.aggregateversion)).toEqual([1, 2]);
    expect(await store.get(id)).toMatchObject({ version: 2 });
  });

  test('a relay killed between publish and clear: the next relay publishes nothing twice', async () => {
    const id = uniqueName('round');
    await store.create(id, { title: 'Zhas 2019', status: 'closed' }, [closed(id), closed(id)], context());

    const crashing = relay({
      afterSend: () => {
        throw new Error('simulated crash after the send, before the clear');
      },
    });
    await expect(crashing.drain()).rejects.toThrow(/simulated crash/);
    await crashing.stop();
    const afterCrash = await rounds.findOne({ _id: id as never });
    expect(afterCrash?.pendingEvents).toHaveLength(2);
    const ids = (afterCrash?.pendingEvents as { id: string }[]).map((entry) => entry.id);
    if (journaled) {
      // The note is in the journal, the document untouched but for the save.
      expect(afterCrash?.outboxInFlight ?? null).toBeNull();
      const notes = await journal.find({ 'items.id': id }).toArray();
      expect(notes).toHaveLength(1);
      expect(notes[0]).toMatchObject({ items: [{ collection: 'rounds', id, inFlight: { topic, ids } }] });
    } else {
      expect(afterCrash?.outboxInFlight).toMatchObject({ topic, ids });
    }

    // A change made while the outbox still holds the in-doubt events.
    await store.update(id, 2, { title: 'Zhas 2019 (final)', status: 'closed' }, [closed(id)], context());

    const next = relay();
    expect(await next.drain()).toBe(1);
    await next.stop();
    const events = await eventsOf(id);
    expect(events.map((event) => event.aggregateversion)).toEqual([1, 2, 3]);
    expect(new Set(events.map((event) => event.id)).size).toBe(3);
    expect(await rounds.findOne({ _id: id as never })).toMatchObject({
      pendingEvents: [],
      outboxPending: false,
    });
    expect(await journal.countDocuments({})).toBe(0);
  });

  test('a relay killed after the in-flight note but before the send: the events are sent by the next relay', async () => {
    const id = uniqueName('round');
    await store.create(id, { title: 'Zhas 2019', status: 'closed' }, [closed(id)], context());
    // Simulate the note of an attempt that never reached Kafka.
    const offsets = await (async () => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        return await admin.fetchTopicOffsets(topic);
      } finally {
        await admin.disconnect();
      }
    })();
    const doc = await rounds.findOne({ _id: id as never });
    const ids = (doc?.pendingEvents as { id: string }[]).map((entry) => entry.id);
    await rounds.updateOne(
      { _id: id as never },
      {
        $set: {
          outboxInFlight: {
            topic,
            partition: 0,
            fromOffset: offsets.find((o) => o.partition === 0)?.high ?? '0',
            ids,
          },
        },
      },
    );

    const next = relay();
    expect(await next.drain()).toBe(1);
    await next.stop();
    expect((await eventsOf(id)).map((event) => event.id)).toEqual(ids);
  });

  (journaled ? test : test.skip)(
    'a relay killed after its journal note but before the send: the next relay sends the events once',
    async () => {
      const id = uniqueName('round');
      await store.create(id, { title: 'Zhas 2019', status: 'closed' }, [closed(id), closed(id)], context());
      // A relay that stopped between writing its note and sending: the events are noted, none is on Kafka.
      const doc = await rounds.findOne({ _id: id as never });
      const ids = (doc?.pendingEvents as { id: string }[]).map((entry) => entry.id);
      const admin = kafka.admin();
      await admin.connect();
      const offsets = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
      const noted = offsets.map(({ partition, high }) => ({
        collection: 'rounds',
        id,
        inFlight: { topic, partition, fromOffset: high, ids },
      }));
      await journal.insertOne({ _id: uniqueName('note') as never, at: new Date(), items: noted });

      const next = relay();
      expect(await next.drain()).toBe(2);
      await next.stop();
      expect((await eventsOf(id)).map((event) => event.id)).toEqual(ids);
      expect(await journal.countDocuments({})).toBe(0);
      expect(await rounds.findOne({ _id: id as never })).toMatchObject({
        pendingEvents: [],
        outboxPending: false,
      });
    },
  );

  test('many aggregates go out in one request, each in order and once, also after a crash of the whole batch', async () => {
    const ids = Array.from({ length: 60 }, () => uniqueName('round'));
    for (const id of ids) {
      await store.create(id, { title: 'Zhas 2019', status: 'closed' }, [closed(id), closed(id)], context());
    }
    // The first relay sends the whole batch in one request, then dies before clearing it.
    const sends: (readonly string[])[] = [];
    const crashing = relay({
      afterSend: (eventIds) => {
        sends.push(eventIds);
        throw new Error('simulated crash after the send, before the clear');
      },
    });
    await expect(crashing.drain()).rejects.toThrow(/simulated crash/);
    await crashing.stop();
    expect(sends).toHaveLength(1);
    expect(sends[0]).toHaveLength(ids.length * 2);

    // Meanwhile some of them record more events.
    for (const id of ids.slice(0, 10)) {
      await store.update(id, 2, { title: 'Zhas 2019 (final)', status: 'closed' }, [closed(id)], context());
    }
    const next = relay();
    expect(await next.drain()).toBe(10);
    await next.stop();

    const messages = (await readTopic(kafka, topic)).map(
      (message) =>
        JSON.parse(message.value ?? '{}') as { id: string; aggregateversion: number; subject: string },
    );
    for (const [index, id] of ids.entries()) {
      const versions = messages
        .filter((event) => event.subject === id)
        .map((event) => event.aggregateversion);
      expect(versions).toEqual(index < 10 ? [1, 2, 3] : [1, 2]);
    }
    expect(new Set(messages.map((event) => event.id)).size).toBe(messages.length);
    expect(await rounds.countDocuments({ outboxPending: true })).toBe(0);
  });

  test('a save hands the relay its outbox: published and cleared without a read, unless something wrote it since', async () => {
    // Counts the reads of single documents.
    let reads = 0;
    const countReads = (event: CommandStartedEvent) => {
      const filter = event.command.filter as Document | undefined;
      if (event.commandName === 'find' && filter?._id !== undefined) reads += 1;
    };
    await withToldRelay('rounds', countReads, async ({ collection, relay: handed, saving }) => {
      const state: RoundState = { title: 'Zhas 2019', status: 'closed' };
      const [once, twice, changedSince] = [uniqueName('round'), uniqueName('round'), uniqueName('round')];
      for (const id of [once, twice, changedSince]) await saving.create(id, state, [closed(id)], context());
      await saving.update(twice, 1, state, [closed(twice)], context());
      // A save the relay is not told of: the outbox it was handed for this aggregate is out of date.
      await store.update(changedSince, 1, state, [closed(changedSince)], context());

      reads = 0;
      expect(await handed.drain()).toBe(5);
      await handed.stop();
      expect(reads).toBe(1); // the claim of `changedSince` reads it; the rest is known to the relay

      expect((await eventsOf(once)).map((event) => event.aggregateversion)).toEqual([1]);
      expect((await eventsOf(twice)).map((event) => event.aggregateversion)).toEqual([1, 2]);
      expect((await eventsOf(changedSince)).map((event) => event.aggregateversion)).toEqual([1, 2]);
      const left = await collection.countDocuments({
        _id: { $in: [once, twice, changedSince] as never[] },
        outboxPending: true,
      });
      expect(left).toBe(0);
    });
  });

  test('the backlog is answered from what the relay knows while it knows of work, and counted only when it knows of none', async () => {
    let scans = 0;
    const countScans = (event: CommandStartedEvent) => {
      if (event.commandName === 'aggregate' || event.commandName === 'count') scans += 1;
    };
    await withToldRelay('backlog_rounds', countScans, async ({ collection, relay: told, saving }) => {
      await ensureOutboxIndex(collection);
      // Saved by "another process": no relay here is told of it.
      const elsewhere = new AggregateStore<RoundState>({
        collection,
        aggregateType: 'round',
        topicPrefix: prefix,
      });
      const state: RoundState = { title: 'Zhas 2019', status: 'closed' };
      for (const id of [uniqueName('round'), uniqueName('round'), uniqueName('round')]) {
        await saving.create(id, state, [closed(id)], context());
      }
      const unknown = uniqueName('round');
      await elsewhere.create(unknown, state, [closed(unknown)], context());

      scans = 0;
      expect(await told.backlog()).toBe(3);
      expect(scans).toBe(0);

      // A relay that knows of nothing counts in the collection, and finds all four.
      const stranger = new OutboxRelay({ kafka, collections: [collection], logger: testLogger() });
      expect(await stranger.backlog()).toBe(4);
      expect(scans).toBe(1);

      expect(await told.drain()).toBe(4);
      await told.stop();
      scans = 0;
      expect(await told.backlog()).toBe(0);
      // Alone with a journal it has swept and is told of every save: it knows there is none. Else it counts.
      expect(scans).toBe(journaled ? 0 : 1);
    });
  });

  test('a send the client reports done without acknowledging one partition: that partition is sent again, nothing lost', async () => {
    // What kafkajs 2.2.4 does when a partition's leader fails in the middle of a batch and the partition moves to a
    // broker that had already answered for the batch: the call resolves, and the moved partition's messages were
    // never sent and have no acknowledgement in the answer. The first batch that spans two partitions loses one.
    const dropped: string[] = [];
    const faulty = {
      admin: (...args: Parameters<Kafka['admin']>) => kafka.admin(...args),
      consumer: (...args: Parameters<Kafka['consumer']>) => kafka.consumer(...args),
      producer: (...args: Parameters<Kafka['producer']>) => {
        const producer = kafka.producer(...args);
        const sendBatch = producer.sendBatch.bind(producer);
        producer.sendBatch = async (batch) => {
          const partitions = new Set(
            batch.topicMessages?.flatMap((each) => each.messages.map((message) => message.partition)),
          );
          if (dropped.length > 0 || partitions.size < 2) return sendBatch(batch);
          const [victim] = [...partitions];
          const kept = (batch.topicMessages ?? []).map((each) => ({
            ...each,
            messages: each.messages.filter((message) => {
              if (message.partition !== victim) return true;
              dropped.push(String(message.headers?.ce_id));
              return false;
            }),
          }));
          return sendBatch({ ...batch, topicMessages: kept.filter((each) => each.messages.length > 0) });
        };
        return producer;
      },
    } as unknown as Kafka;

    const ids = Array.from({ length: 12 }, () => uniqueName('round'));
    for (const id of ids)
      await store.create(id, { title: 'Zhas 2019', status: 'closed' }, [closed(id)], context());
    const published = relay(undefined, faulty);
    await published.drain();
    await published.stop();

    expect(dropped.length).toBeGreaterThan(0);
    expect(published.partialSends).toBe(1);
    const events = (await readTopic(kafka, topic)).filter((message) => ids.includes(message.key ?? ''));
    expect(events.map((message) => message.key).sort()).toEqual([...ids].sort());
    expect(events.map((message) => message.headers.ce_id)).toEqual(expect.arrayContaining(dropped));
    for (const id of ids)
      expect(await rounds.findOne({ _id: id as never })).toMatchObject({
        pendingEvents: [],
        outboxPending: false,
      });
  });
});
