import { createEvent, deadLetterTopic, roundClosedV1, topicFor } from '@zhas/contracts';
import { dropTestDatabase, testDatabase, testKafka, testLogger, uniqueName } from '@zhas/testing';
import { type Kafka, type Producer } from 'kafkajs';
import { type Connection } from 'mongoose';
import { type ConsumedEvent, type DeadLetter, EventConsumer } from './consumer';
import { applyIfNewer, applyOnce } from './idempotency';
import { readTopic } from './read-topic';
import { ensureTopics } from './topics';

const roundClosed = (roundId: string, version = 1) =>
  createEvent(roundClosedV1, {
    subject: roundId,
    aggregateVersion: version,
    data: { roundId, outcome: 'completed', closedAt: '2019-12-31T18:00:00.000Z' },
    correlationId: uniqueName('corr'),
    time: new Date('2019-12-31T18:00:00Z'),
  });

describe('the event consumer', () => {
  let kafka: Kafka;
  let producer: Producer;
  let mongo: Connection;
  let topic: string;
  let deadLetters: string;
  const consumers: EventConsumer[] = [];

  beforeAll(async () => {
    kafka = testKafka();
    mongo = await testDatabase('consumer');
    const prefix = uniqueName('t');
    topic = topicFor('competitions', prefix);
    deadLetters = deadLetterTopic('tracking', prefix);
    // One partition, so "the messages behind the poison one" is well defined.
    await ensureTopics(kafka, [
      { topic, numPartitions: 1 },
      { topic: deadLetters, numPartitions: 1 },
    ]);
    producer = kafka.producer();
    await producer.connect();
  });
  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await producer.disconnect();
    await dropTestDatabase(mongo);
  });

  const send = async (key: string, value: string) => {
    const [metadata] = await producer.send({ topic, messages: [{ key, value }] });
    return metadata?.baseOffset ?? '0';
  };

  const startConsumer = async (options: Partial<ConstructorParameters<typeof EventConsumer>[0]>) => {
    const consumer = new EventConsumer({
      kafka,
      groupId: uniqueName('group'),
      topics: [topic],
      deadLetterTopic: deadLetters,
      logger: testLogger(),
      handlers: {},
      retry: { attempts: 3, initialDelayMs: 10, maxDelayMs: 50 },
      ...options,
    });
    consumers.push(consumer);
    await consumer.start();
    return consumer;
  };

  test('says which partitions it was given each time it joins its group', async () => {
    const joins: Readonly<Record<string, readonly number[]>>[] = [];
    await startConsumer({ onGroupJoin: (assignment) => joins.push(assignment) });
    expect(joins).toEqual([{ [topic]: [0] }]);
  });

  test('the same event delivered twice has one effect', async () => {
    const totals = mongo.db!.collection('totals');
    const rounds = mongo.db!.collection('rounds');
    const event = roundClosed(uniqueName('round'), 4);
    const consumer = await startConsumer({
      handlers: {
        'competitions.round.closed.v1': async (closed) => {
          await applyOnce(totals, 'closed-rounds', closed.id, { $inc: { count: 1 } });
          await applyIfNewer(rounds, closed.subject, closed.aggregateversion, {
            $set: { outcome: closed.data.outcome },
          });
        },
      },
    });
    await send(event.subject, JSON.stringify(event));
    const last = await send(event.subject, JSON.stringify(event)); // Kafka delivers at least once: a duplicate
    await consumer.waitForOffset(topic, 0, last);

    expect(await totals.findOne({ _id: 'closed-rounds' as never })).toMatchObject({ count: 1 });
    expect(await rounds.findOne({ _id: event.subject as never })).toMatchObject({
      version: 4,
      outcome: 'completed',
    });
    // An older version of the same aggregate arriving late changes nothing either.
    expect(await applyIfNewer(rounds, event.subject, 3, { $set: { outcome: 'cancelled' } })).toBe(false);
    expect(await rounds.findOne({ _id: event.subject as never })).toMatchObject({
      version: 4,
      outcome: 'completed',
    });
  });

  test('a poison message reaches the dead-letter topic after the retries, and the messages behind it are processed', async () => {
    const poison = roundClosed(uniqueName('poison'));
    const good = [roundClosed(uniqueName('good')), roundClosed(uniqueName('good'))];
    const handled: string[] = [];
    const attempts: number[] = [];
    const parked: DeadLetter[] = [];
    const consumer = await startConsumer({
      handlers: {
        'competitions.round.closed.v1': (event, context) => {
          if (event.subject === poison.subject) {
            attempts.push(context.attempt);
            return Promise.reject(new Error('the read model refuses this round'));
          }
          handled.push(event.subject);
          return Promise.resolve();
        },
      },
      onDeadLetter: (letter) => {
        parked.push(letter);
        return Promise.resolve();
      },
    });
    await send(good[0]!.subject, JSON.stringify(good[0]));
    await send(poison.subject, JSON.stringify(poison));
    await send('not-json', '{ this is not json');
    await send('unknown', JSON.stringify({ ...roundClosed('x'), type: 'competitions.round.renamed.v1' }));
    const last = await send(good[1]!.subject, JSON.stringify(good[1]));
    await consumer.waitForOffset(topic, 0, last);

    expect(handled).toEqual(expect.arrayContaining(good.map((event) => event.subject)));
    expect(attempts).toEqual([1, 2, 3]);
    const letters = (await readTopic(kafka, deadLetters)).map(
      (message) => JSON.parse(message.value ?? '{}') as DeadLetter,
    );
    const poisonLetter = letters.find((letter) => letter.eventId === poison.id);
    expect(poisonLetter).toMatchObject({
      reason: 'failed',
      attempts: 3,
      error: 'Error: the read model refuses this round',
      topic,
    });
    expect(JSON.parse(poisonLetter?.value ?? '{}')).toEqual(poison); // the original message, untouched
    expect(letters.find((letter) => letter.key === 'not-json')).toMatchObject({
      reason: 'invalid',
      attempts: 1,
    });
    expect(letters.find((letter) => letter.key === 'unknown')).toBeUndefined(); // unknown types are skipped, not parked
    expect(parked.map((letter) => letter.reason).sort()).toEqual(['failed', 'invalid']);
  });

  test('a batch handler gets the events of a batch together; if it fails, they go one by one', async () => {
    const batchTopic = topicFor('competitions', uniqueName('b'));
    await ensureTopics(kafka, [{ topic: batchTopic, numPartitions: 1 }]);
    const events = Array.from({ length: 20 }, () => roundClosed(uniqueName('round')));
    const poison = events[13]!;
    const batches: (readonly ConsumedEvent[])[] = [];
    const oneByOne: string[] = [];
    const parked: DeadLetter[] = [];
    const consumer = await startConsumer({
      topics: [batchTopic],
      batchHandler: (batch) => {
        batches.push(batch);
        return batch.some(({ event }) => event.id === poison.id)
          ? Promise.reject(new Error('one of these is refused'))
          : Promise.resolve();
      },
      handlers: {
        'competitions.round.closed.v1': (event) => {
          if (event.id === poison.id) return Promise.reject(new Error('refused'));
          oneByOne.push(event.id);
          return Promise.resolve();
        },
      },
      onDeadLetter: (letter) => {
        parked.push(letter);
        return Promise.resolve();
      },
    });
    const [written] = await producer.send({
      topic: batchTopic,
      messages: events.map((event) => ({ key: event.subject, value: JSON.stringify(event) })),
    });
    await consumer.waitForOffset(batchTopic, 0, BigInt(written!.baseOffset!) + 19n);

    // Every event reached the batch handler, in offset order, most of them several at a time.
    const seen = batches.flat();
    expect(seen.map(({ event }) => event.id)).toEqual(events.map((event) => event.id));
    expect(seen.map(({ offset }) => Number(offset))).toEqual(seen.map((_, index) => index));
    expect(Math.max(...batches.map((batch) => batch.length))).toBeGreaterThan(1);
    // The batch with the poison went one by one: its other events were handled, the poison dead-lettered.
    const failed = batches.find((batch) => batch.some(({ event }) => event.id === poison.id))!;
    expect(oneByOne).toEqual(failed.map(({ event }) => event.id).filter((id) => id !== poison.id));
    expect(parked.map((letter) => letter.eventId)).toEqual([poison.id]);
  });

  test('a long batch handled one by one lets the other partitions in before it is done', async () => {
    const busyTopic = `${topic}.busy`;
    const quietTopic = `${topic}.quiet`;
    await ensureTopics(kafka, [
      { topic: busyTopic, numPartitions: 1 },
      { topic: quietTopic, numPartitions: 1 },
    ]);
    const busy = Array.from({ length: 80 }, () => roundClosed(uniqueName('round')));
    const quiet = roundClosed(uniqueName('round'));
    const handled: string[] = [];
    let firstHandled: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (firstHandled = resolve));
    await producer.send({
      topic: busyTopic,
      messages: busy.map((event) => ({ key: event.subject, value: JSON.stringify(event) })),
    });
    const consumer = await startConsumer({
      topics: [busyTopic, quietTopic],
      handlers: {
        'competitions.round.closed.v1': async (event, context) => {
          // Each of the busy topic's events takes a while (say, sending a notification): 80 of them about 4 s.
          if (context.topic === busyTopic) await new Promise((resolve) => setTimeout(resolve, 50));
          handled.push(event.id);
          firstHandled();
        },
      },
    });
    // The busy topic's first fetch is being handled when the quiet topic's event is written.
    await started;
    const [written] = await producer.send({
      topic: quietTopic,
      messages: [{ key: quiet.subject, value: JSON.stringify(quiet) }],
    });
    await consumer.waitForOffset(quietTopic, 0, written!.baseOffset!);
    await consumer.waitForOffset(busyTopic, 0, 79n);

    // The quiet event did not wait for the whole busy batch, and the busy topic stayed in order.
    expect(handled.indexOf(quiet.id)).toBeLessThan(handled.indexOf(busy.at(-1)!.id));
    expect(handled.filter((id) => id !== quiet.id)).toEqual(busy.map((event) => event.id));
  });
});
