/**
 * The relay against a broker that goes away for a while. This file runs a Kafka broker of its own (the embedded
 * launcher on other ports and a temporary data folder), because stopping the shared one would break the test
 * files running beside it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roundClosedV1, topicFor } from '@zhas/contracts';
import { down, up } from '@zhas/launcher';
import {
  dropTestDatabase,
  eventually,
  testDatabase,
  testLogger,
  testMongoUrl,
  uniqueName,
} from '@zhas/testing';
import { Kafka, logLevel } from 'kafkajs';
import { type Connection } from 'mongoose';
import { AggregateStore, ensureOutboxIndex, type NewEvent } from './aggregate-store';
import { readTopic } from './read-topic';
import { OutboxRelay } from './relay';
import { ensureTopics } from './topics';

const javaAvailable = spawnSync('java', ['-version']).status === 0;
const describeWithJava = javaAvailable ? describe : describe.skip;

const closed = (roundId: string): NewEvent => ({
  definition: roundClosedV1,
  data: { roundId, outcome: 'completed', closedAt: '2019-12-31T18:00:00.000Z' },
});

describeWithJava.each([
  { mode: 'claimed in each document', journaled: false },
  { mode: 'one relay alone, with a journal', journaled: true },
])('the outbox relay ($mode) while Kafka is stopped and restarted', ({ journaled }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhas-relay-broker-'));
  // Ports of this file's own broker: free ones, away from the shared broker and from this file running in another
  // checkout at the same time.
  let env: NodeJS.ProcessEnv = {};
  let brokerPort = 0;
  let mongo: Connection;
  let relay: OutboxRelay | undefined;

  beforeAll(async () => {
    const [kafkaPort, controllerPort] = await freePorts(2);
    brokerPort = kafkaPort!;
    env = {
      ...process.env,
      KAFKA_BROKERS: '',
      MONGO_URL: testMongoUrl(),
      ZHAS_DATA_DIR: dataDir,
      ZHAS_KAFKA_PORT: String(kafkaPort),
      ZHAS_KAFKA_CONTROLLER_PORT: String(controllerPort),
    };
    mongo = await testDatabase('relay-restart');
    await up({ env, log: () => undefined });
  }, 180_000);
  afterAll(async () => {
    await relay?.stop();
    await down({ env, only: ['kafka'] });
    await dropTestDatabase(mongo);
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  test('events recorded before and during the outage are each published exactly once', async () => {
    const kafka = new Kafka({
      clientId: 'relay-restart',
      brokers: [`127.0.0.1:${brokerPort}`],
      logLevel: logLevel.NOTHING,
      retry: { retries: 2 },
    });
    const prefix = uniqueName('t');
    const topic = topicFor('competitions', prefix);
    await ensureTopics(kafka, [{ topic }]);
    const rounds = mongo.db!.collection('rounds');
    await ensureOutboxIndex(rounds);
    const journal = journaled ? { journal: mongo.db!.collection(uniqueName('outboxJournal')) } : {};
    const store = new AggregateStore<{ title: string }>({
      collection: rounds,
      aggregateType: 'round',
      topicPrefix: prefix,
    });
    const ids = [uniqueName('round'), uniqueName('round')] as const;
    const context = { correlationId: 'restart-test', now: new Date('2019-12-31T18:00:00Z') };
    await store.create(ids[0], { title: 'before' }, [closed(ids[0])], context);

    // The first relay sends, then dies before it can clear the outbox.
    const crashing = new OutboxRelay({
      kafka,
      collections: [rounds],
      logger: testLogger(),
      ...journal,
      faults: {
        afterSend: () => {
          throw new Error('simulated crash');
        },
      },
    });
    await expect(crashing.drain()).rejects.toThrow('simulated crash');
    await crashing.stop();

    // Kafka goes down. A relay keeps trying (with backoff) while changes keep being recorded.
    await down({ env, only: ['kafka'] });
    relay = new OutboxRelay({
      kafka,
      collections: [rounds],
      logger: testLogger(),
      sweepIntervalMs: 100,
      ...journal,
    });
    relay.start();
    await store.create(ids[1], { title: 'during the outage' }, [closed(ids[1])], context);
    await store.update(ids[0], 1, { title: 'during the outage' }, [closed(ids[0])], context);
    await eventually('the relay has tried and failed', () => Promise.resolve(relay!.failures > 0), {
      timeoutMs: 60_000,
    });
    expect(await rounds.countDocuments({ outboxPending: true })).toBe(2);

    // Kafka comes back; the relay publishes the backlog by itself.
    await up({ env, log: () => undefined });
    await eventually('the outbox is empty', async () => (await relay!.backlog()) === 0, {
      timeoutMs: 90_000,
    });

    const messages = await readTopic(kafka, topic);
    const byRound = (id: string) =>
      messages
        .filter((message) => message.key === id)
        .map((message) => JSON.parse(message.value ?? '{}') as { aggregateversion: number });
    expect(byRound(ids[0]).map((event) => event.aggregateversion)).toEqual([1, 2]);
    expect(byRound(ids[1]).map((event) => event.aggregateversion)).toEqual([1]);
    expect(messages).toHaveLength(3);
  }, 180_000);
});

/** Ports nothing listens on now (the system hands them out; held together so that they differ). */
async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            resolve(typeof address === 'object' && address ? address.port : 0);
          });
        }),
    ),
  );
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
