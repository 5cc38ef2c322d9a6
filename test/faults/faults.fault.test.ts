/*
 * Fault tests (`npm run test:faults`; CI runs them): the platform's servers killed with SIGKILL while it works, and
 * messages delivered twice and out of order. Each test counts the same things: commands accepted = events
 * published, each exactly once = effects in the read models (reporting's participants).
 *
 * This file runs a Kafka broker and a FerretDB server of its own (the embedded launcher, on free ports and in a
 * temporary data folder): only servers this file started are ever killed. The services run in this process, except
 * the consumer that is killed, which runs as a process of its own. Reporting keeps its read models on the test
 * infrastructure's database, so that the database outage hits only the service whose writes are counted.
 *
 *   ZHAS_FAULT_TEST_PEOPLE=50   registrations in the broker test (the database test sends twice as many)
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as applications from '@zhas/applications';
import { createEvent, definitionOf, type EventEnvelope, topicFor } from '@zhas/contracts';
import { makeIin } from '@zhas/kz';
import {
  down,
  embeddedAddresses,
  ferretProcess,
  kafkaNodes,
  kafkaSettings,
  launcherPaths,
  runningPid,
  up,
} from '@zhas/launcher';
import { ensureTopics, readTopic } from '@zhas/messaging';
import { type BaseConfig } from '@zhas/service-kit';
import { startServiceForTest, type TestService } from '@zhas/service-kit/testing';
import * as reporting from '@zhas/reporting';
import { eventually, testMongoUrl, uniqueName } from '@zhas/testing';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';

const javaAvailable = spawnSync('java', ['-version']).status === 0;
const describeWithJava = javaAvailable ? describe : describe.skip;

const PEOPLE = Number(process.env.ZHAS_FAULT_TEST_PEOPLE ?? 50);
const NO_RATE_LIMITS = {
  RATE_LIMIT_PUBLIC_PER_ADDRESS: '0',
  RATE_LIMIT_SUBMISSIONS_PER_ADDRESS: '0',
  RATE_LIMIT_SUBMISSIONS_PER_ACCOUNT: '0',
};
const REGISTERED = 'applications.participant.registered.';
/** Registrations added to the consumer test's stream: a few MB, more than one fetch per partition. */
const CONSUMER_TEST_EXTRA_REGISTRATIONS = 6_000;

const dataDir = mkdtempSync(path.join(tmpdir(), 'zhas-faults-'));
let env: NodeJS.ProcessEnv = {};
let ownKafka = '';
let ownMongo = '';
let keyDir = '';
const topicPrefix = uniqueName('faults');
const clock = { now: new Date('2019-03-10T06:00:00.000Z') };
const figures: Record<string, unknown> = {};

/** Who registered, by the answers the clients had: participant ids of 201s and 200s (a retry finding its record). */
const accepted = new Set<string>();

type Started = TestService<BaseConfig>;
let reportingService: Started;

function pidOf(server: 'kafka' | 'mongo'): number {
  const paths = launcherPaths(env);
  const proc = server === 'kafka' ? kafkaNodes(paths, kafkaSettings(env))[0]!.process : ferretProcess(paths);
  const pid = runningPid(proc);
  if (pid === undefined) throw new Error(`the ${server} server of this test is not running`);
  return pid;
}

let serial = 0;
/** A registration body with a new valid IIN each time (a birth date per thousand people). */
function person() {
  const n = (serial += 1);
  const birthDate = `1998-${String(1 + (Math.floor(n / 1000) % 12)).padStart(2, '0')}-15`;
  return {
    iin: makeIin({ birthDate, sex: n % 2 === 0 ? 'female' : 'male', serial: (n % 1000) * 10 }),
    fullName: `Participant ${n}`,
    phone: `+7 701 ${String(1_000_000 + n).slice(1)}`,
    region: 'akmola',
    settlement: n % 3 === 0 ? 'rural' : 'urban',
    educationLevel: 'general-secondary',
    neet: n % 4 === 0,
    vulnerability: [],
    consents: {
      'programme-participation': true,
      'monitoring-evaluation': true,
      'follow-up-survey': true,
      publicity: false,
    },
  };
}

/** Registers `count` people through `service` with a few concurrent clients; `during(n)` runs after each answer. */
async function register(
  service: Started,
  count: number,
  during: (answered: number) => Promise<void> | void = () => undefined,
  clients = 4,
) {
  const people = Array.from({ length: count }, (_, index) => ({
    subject: uniqueName(`youth-${index}`),
    body: person(),
  }));
  const statuses: number[] = [];
  const refused: typeof people = [];
  let next = 0;
  const client = async () => {
    for (let index = next++; index < people.length; index = next++) {
      const one = people[index]!;
      const token = await service.token({ roles: ['applicant'], subject: one.subject });
      const reply = await service.call<{ participantId?: string }>('POST', '/participants', {
        token,
        body: one.body,
      });
      statuses.push(reply.status);
      if ((reply.status === 201 || reply.status === 200) && reply.body.participantId)
        accepted.add(reply.body.participantId);
      else refused.push(one);
      await during(statuses.length);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { statuses, refused, people };
}

const countOf = (statuses: readonly number[]) =>
  statuses.reduce<Record<number, number>>(
    (counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }),
    {},
  );

/** The participant ids of the registration events on the applications topic of `prefix`, with repeats. */
async function registeredOnTopic(kafka: Kafka, prefix = topicPrefix): Promise<string[]> {
  const messages = await readTopic(kafka, topicFor('applications', prefix));
  return messages
    .map((message) => JSON.parse(message.value ?? '{}') as { type: string; subject: string })
    .filter((event) => event.type.startsWith(REGISTERED))
    .map((event) => event.subject);
}

/**
 * `count` more registrations, each a copy of the first one on the topic under a new participant id, built through
 * the contract (so the consumer sees events it would see from the service).
 */
function moreRegistrations(
  messages: readonly { value: string | null }[],
  count: number,
): { key: string; value: string }[] {
  const model = messages
    .map((message) => JSON.parse(message.value ?? '{}') as EventEnvelope<string, Record<string, unknown>>)
    .find((event) => event.type.startsWith(REGISTERED));
  if (!model) throw new Error('no registration on the topic to copy');
  const definition = definitionOf(model.type)!;
  return Array.from({ length: count }, (_, index) => {
    const participantId = `prt-copy${index.toString(36)}`;
    const event = createEvent(definition, {
      subject: participantId,
      aggregateVersion: 1,
      data: { ...model.data, participantId },
      correlationId: participantId,
      time: new Date(model.time),
    });
    return { key: participantId, value: JSON.stringify(event) };
  });
}

/** The participants reporting's read model counts (registered ones), from its database. */
async function inReadModel(mongoUrl: string, database: string): Promise<string[]> {
  const client = await MongoClient.connect(mongoUrl);
  try {
    const db = client.db(database);
    const control = await db.collection<{ active?: number }>('readModelControl').findOne({});
    const generation = control?.active ?? 1;
    const docs = await db
      .collection(`rm_g${generation}_participants`)
      .find({ registered: { $exists: true } }, { projection: { _id: 1 } })
      .toArray();
    return docs.map((doc) => String(doc._id));
  } finally {
    await client.close();
  }
}

/** Lost, doubled and invented, of what was seen against what was accepted. */
function tally(expected: ReadonlySet<string>, seen: readonly string[]) {
  const counts = new Map<string, number>();
  for (const id of seen) counts.set(id, (counts.get(id) ?? 0) + 1);
  return {
    expected: expected.size,
    seen: seen.length,
    lost: [...expected].filter((id) => !counts.has(id)).length,
    doubled: [...counts.values()].filter((count) => count > 1).length,
    invented: [...counts.keys()].filter((id) => !expected.has(id)).length,
  };
}
const clean = (expected: ReadonlySet<string>) => ({
  expected: expected.size,
  seen: expected.size,
  lost: 0,
  doubled: 0,
  invented: 0,
});

/** Waits until reporting has handled every message now on the applications topic. */
async function settleReporting(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topic = topicFor('applications', topicPrefix);
    for (const partition of await admin.fetchTopicOffsets(topic))
      if (BigInt(partition.high) > BigInt(partition.low))
        await reportingService.service.consumer!.waitForOffset(
          topic,
          partition.partition,
          BigInt(partition.high) - 1n,
        );
  } finally {
    await admin.disconnect();
  }
}

describeWithJava('faults: servers killed with SIGKILL, messages repeated and reordered', () => {
  let kafka: Kafka;

  beforeAll(async () => {
    const [kafkaPort, controllerPort, mongoPort] = await freePorts(3);
    env = {
      ...process.env,
      KAFKA_BROKERS: '',
      MONGO_URL: '',
      ZHAS_DATA_DIR: dataDir,
      ZHAS_KAFKA_PORT: String(kafkaPort),
      ZHAS_KAFKA_CONTROLLER_PORT: String(controllerPort),
      ZHAS_MONGO_PORT: String(mongoPort),
    };
    await up({ env, log: () => undefined, timeoutMs: 240_000 });
    ({ kafkaBrokers: ownKafka, mongoUrl: ownMongo } = embeddedAddresses(env));
    kafka = new Kafka({ clientId: 'faults', brokers: [ownKafka], logLevel: logLevel.NOTHING });
    keyDir = await mkdtemp(path.join(tmpdir(), 'zhas-faults-keys-'));
    reportingService = await startServiceForTest(reporting, {
      topicPrefix,
      keyDir,
      now: () => clock.now,
      env: { KAFKA_BROKERS: ownKafka },
    });
  }, 300_000);

  afterAll(async () => {
    await reportingService?.stop();
    await down({ env, only: ['kafka', 'mongo'] });
    if (keyDir) await rm(keyDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
    console.log(`Fault tests:\n${JSON.stringify(figures, null, 2)}`);
  }, 120_000);

  test('Kafka killed during writes: every registration accepted, each published once when it is back', async () => {
    const service = await startServiceForTest(applications, {
      topicPrefix,
      keyDir,
      now: () => clock.now,
      env: { ...NO_RATE_LIMITS, KAFKA_BROKERS: ownKafka },
    });
    try {
      const before = new Set(accepted);
      let killedAfter = 0;
      const { statuses } = await register(service, PEOPLE, (answered) => {
        if (killedAfter === 0 && answered >= PEOPLE / 4) {
          killedAfter = answered;
          process.kill(pidOf('kafka'), 'SIGKILL');
        }
      });
      expect(killedAfter).toBeGreaterThan(0);
      await up({ env, log: () => undefined, timeoutMs: 240_000 });
      const drainStarted = Date.now();
      await eventually('the outbox is published', async () => (await service.service.relay.backlog()) === 0, {
        timeoutMs: 180_000,
      });
      const drainedInMs = Date.now() - drainStarted;
      await settleReporting(kafka);

      const ours = new Set([...accepted].filter((id) => !before.has(id)));
      const onTopic = (await registeredOnTopic(kafka)).filter((id) => !before.has(id));
      const effects = (
        await inReadModel(testMongoUrl(), reportingService.service.deps.mongo.db!.databaseName)
      ).filter((id) => !before.has(id));
      figures['Kafka killed during writes'] = {
        registrations: PEOPLE,
        killedAfterAnswers: killedAfter,
        answers: countOf(statuses),
        outboxDrainedAfterRestartMs: drainedInMs,
        topic: tally(ours, onTopic),
        'reporting read model': tally(ours, effects),
      };
      expect(countOf(statuses)).toEqual({ 201: PEOPLE });
      expect(tally(ours, onTopic)).toEqual(clean(ours));
      expect(tally(ours, effects)).toEqual(clean(ours));
    } finally {
      await service.stop();
    }
  }, 600_000);

  test('the database killed mid-batch: the rest refused with 503, each accepted one published once, a retry doubles nothing', async () => {
    const service = await startServiceForTest(applications, {
      topicPrefix,
      keyDir,
      now: () => clock.now,
      env: { ...NO_RATE_LIMITS, KAFKA_BROKERS: ownKafka, MONGO_URL: ownMongo },
    });
    try {
      const before = new Set(accepted);
      const batch = PEOPLE * 2;
      let killedAfter = 0;
      // More clients here: with the database gone, each refused request waits for the driver's server selection.
      const first = await register(
        service,
        batch,
        (answered) => {
          if (killedAfter === 0 && answered >= batch / 2) {
            killedAfter = answered;
            process.kill(pidOf('mongo'), 'SIGKILL');
          }
        },
        10,
      );
      expect(killedAfter).toBeGreaterThan(0);
      const acceptedBeforeRestart = [...accepted].filter((id) => !before.has(id)).length;

      // Back up; every client that was refused tries once more, as a person would: a registration that was written
      // before the answer was lost comes back as theirs (200), a new one is created (201), none twice.
      await up({ env, log: () => undefined, timeoutMs: 240_000 });
      await eventually(
        'the service reaches its database again',
        async () => (await service.call('GET', '/health/ready')).status === 200,
        { timeoutMs: 120_000 },
      );
      const retries: number[] = [];
      for (const one of first.refused) {
        const token = await service.token({ roles: ['applicant'], subject: one.subject });
        const reply = await service.call<{ participantId: string }>('POST', '/participants', {
          token,
          body: one.body,
        });
        retries.push(reply.status);
        if (reply.status === 201 || reply.status === 200) accepted.add(reply.body.participantId);
      }
      await eventually('the outbox is published', async () => (await service.service.relay.backlog()) === 0, {
        timeoutMs: 180_000,
      });
      await settleReporting(kafka);

      const ours = new Set([...accepted].filter((id) => !before.has(id)));
      const onTopic = (await registeredOnTopic(kafka)).filter((id) => !before.has(id));
      const effects = (
        await inReadModel(testMongoUrl(), reportingService.service.deps.mongo.db!.databaseName)
      ).filter((id) => !before.has(id));
      const stored = await service.service.deps.mongo.db!.collection('participants').countDocuments({});
      figures['database killed mid-batch'] = {
        registrations: batch,
        killedAfterAnswers: killedAfter,
        answers: countOf(first.statuses),
        acceptedBeforeRestart,
        retryAnswers: countOf(retries),
        participantsStored: stored,
        topic: tally(ours, onTopic),
        'reporting read model': tally(ours, effects),
      };
      // A clear answer for each: accepted, or 503 (nothing changed, retry); never a 500.
      expect(Object.keys(countOf(first.statuses)).every((status) => ['201', '503'].includes(status))).toBe(
        true,
      );
      expect(first.refused.length).toBeGreaterThan(0);
      expect(retries.every((status) => status === 201 || status === 200)).toBe(true);
      expect(ours.size).toBe(batch);
      expect(stored).toBe(batch);
      expect(tally(ours, onTopic)).toEqual(clean(ours));
      expect(tally(ours, effects)).toEqual(clean(ours));
    } finally {
      await service.stop();
    }
  }, 600_000);

  test('a consumer killed while consuming: its read model counts every event once when it is back', async () => {
    // The events so far, copied to a topic of their own, for a reporting process that starts from the beginning,
    // with enough registrations after them that the consumer needs several fetches: reporting writes a whole fetch
    // at once, so a stream of one fetch could be counted entirely before the kill.
    const prefix = uniqueName('faults-consumer');
    const topic = topicFor('applications', prefix);
    const copied = await readTopic(kafka, topicFor('applications', topicPrefix));
    const messages = [
      ...copied.map((message) => ({ key: message.key, value: message.value })),
      ...moreRegistrations(copied, CONSUMER_TEST_EXTRA_REGISTRATIONS),
    ];
    await ensureTopics(kafka, [{ topic }]);
    const producer = kafka.producer();
    await producer.connect();
    for (let start = 0; start < messages.length; start += 1_000) {
      await producer.send({ topic, acks: -1, messages: messages.slice(start, start + 1_000) });
    }
    await producer.disconnect();
    const expected = new Set(await registeredOnTopic(kafka, prefix));
    expect(expected.size).toBeGreaterThanOrEqual(PEOPLE);

    const database = uniqueName('faults-reporting');
    const [port] = await freePorts(1);
    const start = () =>
      spawn(
        process.execPath,
        [path.join(__dirname, '..', '..', 'services', 'reporting', 'dist', 'main.js')],
        {
          env: {
            ...process.env,
            NODE_ENV: 'test',
            LOG_LEVEL: 'silent',
            PORT: String(port),
            KAFKA_BROKERS: ownKafka,
            MONGO_URL: testMongoUrl(),
            MONGO_DB: database,
            TOPIC_PREFIX: prefix,
            AUTH_LOCAL_KEY_DIR: keyDir,
          },
          stdio: 'ignore',
        },
      );
    let child: ChildProcess = start();
    try {
      const countAtKill = await eventually(
        'the consumer has handled some of the events',
        async () => {
          const count = (await inReadModel(testMongoUrl(), database)).length;
          return count > 0 ? count : undefined;
        },
        { timeoutMs: 180_000, intervalMs: 20 },
      );
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      child = start();
      const effects = await eventually(
        'the restarted consumer has caught up',
        async () => {
          const found = await inReadModel(testMongoUrl(), database);
          return found.length >= expected.size ? found : undefined;
        },
        { timeoutMs: 240_000, intervalMs: 200 },
      );
      const final = await inReadModel(testMongoUrl(), database);
      figures['consumer killed while consuming'] = {
        events: messages.length,
        registrations: expected.size,
        readModelAtKill: countAtKill,
        'reporting read model': tally(expected, final),
      };
      expect(countAtKill).toBeLessThan(expected.size);
      expect(tally(expected, effects)).toEqual(clean(expected));
      expect(tally(expected, final)).toEqual(clean(expected));
    } finally {
      child.kill('SIGKILL');
      const client = await MongoClient.connect(testMongoUrl());
      await client
        .db(database)
        .dropDatabase()
        .catch(() => undefined);
      await client.close();
    }
  }, 600_000);

  test('every event delivered twice and in reverse order: the read model counts each once', async () => {
    const events = (await readTopic(kafka, topicFor('applications', topicPrefix))).map(
      (message) => JSON.parse(message.value ?? '{}') as Parameters<Started['deliver']>[0],
    );
    const expected = new Set(
      events.filter((event) => event.type.startsWith(REGISTERED)).map((event) => event.subject),
    );
    const fresh = await startServiceForTest(reporting, { now: () => clock.now });
    try {
      const reversed = [...events].reverse();
      const twice = [...reversed, ...events, ...reversed.slice(0, Math.ceil(reversed.length / 2))];
      await fresh.deliver(...twice);
      const effects = await inReadModel(testMongoUrl(), fresh.service.deps.mongo.db!.databaseName);
      figures['duplicate and out-of-order delivery'] = {
        eventsDelivered: twice.length,
        distinctEvents: events.length,
        registrations: expected.size,
        'reporting read model': tally(expected, effects),
      };
      expect(expected.size).toBeGreaterThanOrEqual(PEOPLE);
      expect(tally(expected, effects)).toEqual(clean(expected));
    } finally {
      await fresh.stop();
    }
  }, 600_000);
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
