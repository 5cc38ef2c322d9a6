/*
 * A broker of a three-broker Kafka cluster is killed (SIGKILL, no clean shutdown) under a steady stream of commands
 * through the services, the stream goes on, the broker is brought back, and then every command's events are
 * counted where they end up: on the topic, in a plain observer consumer, and in the read models and copies of the
 * two services that consume them (reporting and tracking). Nothing may be lost and nothing doubled.
 *
 * The cluster is this file's own (the embedded launcher, three combined broker/controller nodes on other ports and
 * in a temporary data folder): only a broker this test started is ever killed. The database is the test
 * infrastructure's; each service has a database of its own here.
 *
 *   npm run test:cluster          (ports 19292-19297; ZHAS_CLUSTER_TEST_KAFKA_PORT moves them)
 *   ZHAS_CLUSTER_TEST_TEAMS=60    teams formed in each of the three phases (default 12)
 *
 * The figures are printed at the end (commands, events, effects, lost, doubled, longest pauses).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as applications from '@zhas/applications';
import * as competitions from '@zhas/competitions';
import { sampleRound2019, topicFor } from '@zhas/contracts';
import { makeIin } from '@zhas/kz';
import { down, kafkaNodes, kafkaSettings, launcherPaths, runningPid, up } from '@zhas/launcher';
import { readTopic } from '@zhas/messaging';
import { type BaseConfig } from '@zhas/service-kit';
import { startServiceForTest, type TestService } from '@zhas/service-kit/testing';
import * as reporting from '@zhas/reporting';
import { uniqueName } from '@zhas/testing';
import * as tracking from '@zhas/tracking';
import { type Admin, Kafka, logLevel } from 'kafkajs';

type Started = TestService<BaseConfig>;

const basePort = Number(process.env.ZHAS_CLUSTER_TEST_KAFKA_PORT ?? 19292);
const teamsPerPhase = Number(process.env.ZHAS_CLUSTER_TEST_TEAMS ?? 12);
const WORKERS = 3;
const TEAM_SIZE = 3;

const dataDir = mkdtempSync(join(tmpdir(), 'zhas-cluster-'));
const clusterEnv: NodeJS.ProcessEnv = {
  ...process.env,
  KAFKA_BROKERS: '',
  MONGO_URL: process.env.MONGO_URL ?? '',
  ZHAS_DATA_DIR: dataDir,
  ZHAS_KAFKA_PORT: String(basePort),
  ZHAS_KAFKA_CONTROLLER_PORT: String(basePort + 1),
  ZHAS_KAFKA_BROKER_COUNT: '3',
};
const nodes = kafkaNodes(launcherPaths(clusterEnv), kafkaSettings(clusterEnv));
const brokers = nodes.map((node) => node.address);

const clock = { now: new Date('2019-01-10T05:00:00.000Z') };
const topicPrefix = uniqueName('cluster');
let keyDir: string;
let svc: { competitions: Started; applications: Started; tracking: Started; reporting: Started };
let admin: Admin;

/** What the clients saw: one entry per command. */
interface CommandRecord {
  readonly kind: string;
  readonly status: number;
  readonly startedAt: number;
  readonly endedAt: number;
}
const commands: CommandRecord[] = [];
let idempotencyKeys = 0;
const registeredAt = new Map<string, number>(); // participantId -> when the client had its answer
const formedAt = new Map<string, number>(); // teamId -> when the client had its answer

async function command<T>(
  service: Started,
  kind: string,
  method: string,
  path: string,
  options: { token: string; body?: unknown },
): Promise<T> {
  const startedAt = Date.now();
  // Every command carries an Idempotency-Key; the routes that take one make a retried request harmless.
  const headers = { 'Idempotency-Key': `cluster-${(idempotencyKeys += 1)}` };
  const reply = await service.call<T>(method, path, { ...options, headers });
  commands.push({ kind, status: reply.status, startedAt, endedAt: Date.now() });
  if (reply.status >= 300)
    throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

let serial = 0;
/** One unit of the stream: three young people register and form a team (9 commands, 4 events). */
async function formTeam(roundId: string): Promise<void> {
  const members: { participantId: string; token: string }[] = [];
  for (let index = 0; index < TEAM_SIZE; index += 1) {
    const n = (serial += 1);
    const subject = `youth-${n}`;
    const sex = n % 2 === 0 ? 'female' : 'male';
    // Distinct IINs: a birth date per thousand people and serials ten apart (a serial without a check digit moves
    // to the next one).
    const birthDate = `1998-${String(1 + (Math.floor(n / 1000) % 12)).padStart(2, '0')}-15`;
    const body = {
      roundId,
      iin: makeIin({ birthDate, sex, serial: (n % 1000) * 10 }),
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
    const applicant = await svc.applications.token({ roles: ['applicant'], subject });
    const { participantId } = await command<{ participantId: string }>(
      svc.applications,
      'register',
      'POST',
      '/participants',
      { token: applicant, body },
    );
    registeredAt.set(participantId, Date.now());
    members.push({
      participantId,
      token: await svc.applications.token({ roles: ['applicant'], subject, participantId }),
    });
  }
  const [leader, ...others] = members as [(typeof members)[number], ...typeof members];
  const { teamId } = await command<{ teamId: string }>(svc.applications, 'team', 'POST', '/teams', {
    token: leader.token,
    body: { roundId, region: 'akmola', hostOrganizationId: null },
  });
  for (const member of others) {
    await command(svc.applications, 'invite', 'POST', `/teams/${teamId}/invitations`, {
      token: leader.token,
      body: { participantId: member.participantId },
    });
    await command(
      svc.applications,
      'accept',
      'POST',
      `/teams/${teamId}/invitations/${member.participantId}/accept`,
      { token: member.token },
    );
  }
  await command(svc.applications, 'form', 'POST', `/teams/${teamId}/form`, { token: leader.token });
  formedAt.set(teamId, Date.now());
}

/** A stream of team formations by a few concurrent clients, until told to stop. */
function startStream(roundId: string) {
  let stopped = false;
  let formed = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const failures: unknown[] = [];
  const worker = async () => {
    while (!stopped) {
      try {
        await formTeam(roundId);
        formed += 1;
      } catch (error) {
        failures.push(error);
        stopped = true;
      }
      for (const waiter of waiters.filter((each) => formed >= each.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  const running = Promise.all(Array.from({ length: WORKERS }, worker));
  return {
    get formed() {
      return formed;
    },
    /** Resolves when `count` more teams have been formed than now (or the stream failed). */
    more: (count: number) =>
      new Promise<void>((resolve) => waiters.push({ count: formed + count, resolve })).then(() => {
        if (failures.length > 0) throw failures[0] as Error;
      }),
    stop: async () => {
      stopped = true;
      for (const waiter of waiters.splice(0)) waiter.resolve();
      await running;
      if (failures.length > 0) throw failures[0] as Error;
    },
  };
}

/** Where the partitions of a topic lead and which replicas are in sync. */
async function partitionsOf(topic: string) {
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
  return metadata.topics[0]?.partitions ?? [];
}

/** Publishes every outbox and waits until each consumer has handled every message on the topics it reads. */
async function settle(): Promise<void> {
  const consumes: [Started, string[]][] = [
    [svc.applications, ['competitions']],
    [svc.tracking, ['competitions', 'applications']],
    [svc.reporting, ['competitions', 'applications', 'tracking']],
  ];
  for (let pass = 0; pass < 10; pass += 1) {
    let published = 0;
    for (const service of Object.values(svc)) published += await service.service.relay.drain();
    for (const [service, topics] of consumes) {
      for (const name of topics) {
        const topic = topicFor(name as 'competitions', topicPrefix);
        for (const partition of await admin.fetchTopicOffsets(topic)) {
          if (BigInt(partition.high) > BigInt(partition.low))
            await service.service.consumer!.waitForOffset(
              topic,
              partition.partition,
              BigInt(partition.high) - 1n,
            );
        }
      }
    }
    if (published === 0) return;
  }
  throw new Error('the services kept producing events');
}

beforeAll(async () => {
  await up({ env: clusterEnv, log: () => undefined, timeoutMs: 240_000 });
  const kafka = new Kafka({ clientId: 'cluster-test', brokers, logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
  keyDir = await mkdtemp(join(tmpdir(), 'zhas-cluster-keys-'));
  const options = { topicPrefix, keyDir, now: () => clock.now, env: { KAFKA_BROKERS: brokers.join(',') } };
  svc = {
    competitions: await startServiceForTest(competitions, options),
    applications: await startServiceForTest(applications, options),
    tracking: await startServiceForTest(tracking, options),
    reporting: await startServiceForTest(reporting, options),
  };
}, 300_000);

afterAll(async () => {
  if (svc) for (const service of Object.values(svc).reverse()) await service.stop();
  await admin?.disconnect();
  await down({ env: clusterEnv, only: ['kafka'] });
  if (keyDir) await rm(keyDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

describe('a three-broker Kafka cluster losing a broker under load', () => {
  test('its topics have three replicas and need two in sync', async () => {
    const topic = topicFor('applications', topicPrefix);
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: 2, name: topic, configNames: ['min.insync.replicas'] }],
    });
    expect(configs.resources[0]?.configEntries[0]?.configValue).toBe('2');
    const partitions = await partitionsOf(topic);
    expect(partitions.length).toBeGreaterThan(0);
    for (const partition of partitions) expect(partition.replicas).toHaveLength(3);
  });

  test('every command’s events reach every consumer once, through a broker killed and brought back', async () => {
    const coordinator = await svc.competitions.token({ roles: ['coordinator'], subject: 'coordinator' });
    const { roundId: _r, rulesVersion: _v, publishedAt: _p, ...round } = sampleRound2019();
    const created = await command<{ roundId: string; version: number }>(
      svc.competitions,
      'round',
      'POST',
      '/rounds',
      { token: coordinator, body: round },
    );
    await command(svc.competitions, 'publish', 'POST', `/rounds/${created.roundId}/publish`, {
      token: coordinator,
      body: { version: created.version },
    });
    await settle(); // applications knows the round before young people register for it
    clock.now = new Date('2019-03-10T06:00:00.000Z');

    // An observer of the applications topic, beside the services: when each event arrives, and how often.
    const topic = topicFor('applications', topicPrefix);
    const observer = new Kafka({ clientId: 'observer', brokers, logLevel: logLevel.NOTHING }).consumer({
      groupId: uniqueName('observer'),
    });
    const counted = ['applications.participant.registered.', 'applications.team.formed.'];
    const arrivals = new Map<string, number[]>(); // event id -> arrival times
    const subjects = new Map<string, string>(); // event id -> participant or team id
    await observer.connect();
    await observer.subscribe({ topic, fromBeginning: true });
    const joined = new Promise<void>((resolve) => observer.on(observer.events.GROUP_JOIN, () => resolve()));
    await observer.run({
      eachMessage: async ({ message }) => {
        const event = JSON.parse(message.value?.toString() ?? '{}') as {
          id: string;
          type: string;
          subject: string;
        };
        // The events the stream's commands are counted by; the topic carries others too (invitations).
        if (!counted.some((prefix) => event.type.startsWith(prefix))) return;
        arrivals.set(event.id, [...(arrivals.get(event.id) ?? []), Date.now()]);
        subjects.set(event.id, event.subject);
        await Promise.resolve();
      },
    });
    await joined;

    const stream = startStream(created.roundId);
    await stream.more(teamsPerPhase);

    // The leader of partition 0 of the topic the stream writes to: its producers and consumers must move.
    const leader = (await partitionsOf(topic)).find((partition) => partition.partitionId === 0)!.leader;
    const victim = nodes.find((node) => node.id === leader)!;
    const pid = runningPid(victim.process);
    if (pid === undefined) throw new Error(`broker ${victim.id} is not one this test started`);
    const killedAt = Date.now();
    const formedBeforeKill = stream.formed;
    process.kill(pid, 'SIGKILL');

    await stream.more(teamsPerPhase);
    const formedWhileDown = stream.formed - formedBeforeKill;
    const restartAt = Date.now();
    await up({ env: clusterEnv, log: () => undefined, timeoutMs: 240_000 });
    // Back in sync: every partition of the applications topic lists the broker among its in-sync replicas again.
    for (;;) {
      const partitions = await partitionsOf(topic);
      if (partitions.every((partition) => partition.isr.includes(victim.id))) break;
      await stream.more(1);
    }
    const backInSyncAt = Date.now();
    await stream.more(teamsPerPhase);
    await stream.stop();
    const streamEndedAt = Date.now();

    await settle();
    await observer.stop();
    await observer.disconnect();

    // What was asked for: one participant per registration, one team per formation.
    const participantIds = [...registeredAt.keys()];
    const teamIds = [...formedAt.keys()];
    // What the topic holds, by event id.
    const messages = (await readTopic(svc.applications.service.deps.kafka, topic)).map(
      (message) => JSON.parse(message.value ?? '{}') as { id: string; type: string; subject: string },
    );
    const ofType = (prefix: string) => messages.filter((event) => event.type.startsWith(prefix));
    const registeredEvents = ofType('applications.participant.registered.');
    const formedEvents = ofType('applications.team.formed.');
    const countBy = (values: readonly string[]) => {
      const counts = new Map<string, number>();
      for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
      return counts;
    };
    const lostAndDoubled = (expected: readonly string[], seen: readonly string[]) => {
      const counts = countBy(seen);
      return {
        lost: expected.filter((id) => !counts.has(id)).length,
        doubled: [...counts.values()].filter((count) => count > 1).length,
        unexpected: [...counts.keys()].filter((id) => !expected.includes(id)).length,
      };
    };

    // The effects in the consumers' databases.
    const reportingDb = svc.reporting.service.deps.mongo.db!;
    const control = (await reportingDb.collection('readModelControl').findOne({})) as {
      active: number;
    } | null;
    const generation = control?.active ?? 1;
    const ids = async (db: typeof reportingDb, collection: string, filter: object) =>
      (
        await db
          .collection(collection)
          .find(filter, { projection: { _id: 1 } })
          .toArray()
      ).map((doc) => String(doc._id));
    const trackingDb = svc.tracking.service.deps.mongo.db!;
    const applicationsDb = svc.applications.service.deps.mongo.db!;
    const effects = {
      'applications: participants': await ids(applicationsDb, 'participants', {}),
      'reporting: participants': await ids(reportingDb, `rm_g${generation}_participants`, {
        registered: { $exists: true },
      }),
      'tracking: participants': await ids(trackingDb, 'participants', {}),
      'reporting: teams': await ids(reportingDb, `rm_g${generation}_teams`, {
        membership: { $exists: true },
      }),
      'tracking: teams': await ids(trackingDb, 'teams', {}),
    };
    const observedSubjects = [...arrivals.keys()].map((id) => subjects.get(id)!);

    // Pauses: the longest command as a client saw it, the longest stretch without any answer, and the longest
    // stretch without any event reaching the observer while the stream ran.
    const streamCommands = commands.filter((each) => each.startedAt >= killedAt - 60_000);
    const longestCommandMs = Math.max(...streamCommands.map((each) => each.endedAt - each.startedAt));
    const answers = streamCommands.map((each) => each.endedAt).sort((a, b) => a - b);
    const longestGap = (times: number[]) =>
      times.slice(1).reduce((gap, time, index) => Math.max(gap, time - times[index]!), 0);
    const firstArrivals = [...arrivals.values()].map((times) => times[0]!).sort((a, b) => a - b);
    const duringStream = firstArrivals.filter((time) => time <= streamEndedAt);
    const eventDelays = [...arrivals.entries()].map(([id, times]) => {
      const subject = subjects.get(id)!;
      const answered = registeredAt.get(subject) ?? formedAt.get(subject);
      return answered === undefined ? 0 : times[0]! - answered;
    });

    const figures = {
      brokerKilled: victim.id,
      teamsFormedBeforeKill: formedBeforeKill,
      teamsFormedWhileDown: formedWhileDown,
      brokerBackInSyncAfterMs: backInSyncAt - restartAt,
      commandsSent: commands.length,
      commandsFailed: commands.filter((each) => each.status >= 300).length,
      eventsExpected: participantIds.length + teamIds.length,
      eventsProduced: registeredEvents.length + formedEvents.length,
      observerDeliveries: [...arrivals.values()].reduce((sum, times) => sum + times.length, 0),
      effects: Object.fromEntries(Object.entries(effects).map(([name, found]) => [name, found.length])),
      relayFailedRounds: Object.fromEntries(
        Object.entries(svc).map(([name, service]) => [name, service.service.relay.failures]),
      ),
      // Sends the Kafka client reported done without acknowledging every partition (sent again by the relay).
      relayPartialSends: Object.fromEntries(
        Object.entries(svc).map(([name, service]) => [name, service.service.relay.partialSends]),
      ),
      longestCommandMs,
      longestGapBetweenAnswersMs: longestGap(answers),
      longestGapBetweenEventsMs: longestGap(duringStream),
      longestCommandToEventMs: Math.max(...eventDelays),
    };
    const checks = {
      'topic: participant.registered': lostAndDoubled(
        participantIds,
        registeredEvents.map((event) => event.subject),
      ),
      'topic: team.formed': lostAndDoubled(
        teamIds,
        formedEvents.map((event) => event.subject),
      ),
      'topic: event ids': lostAndDoubled(
        [...new Set(messages.map((event) => event.id))],
        messages.map((event) => event.id),
      ),
      observer: lostAndDoubled([...participantIds, ...teamIds], observedSubjects),
      'applications: participants': lostAndDoubled(participantIds, effects['applications: participants']),
      'reporting: participants': lostAndDoubled(participantIds, effects['reporting: participants']),
      'tracking: participants': lostAndDoubled(participantIds, effects['tracking: participants']),
      'reporting: teams': lostAndDoubled(teamIds, effects['reporting: teams']),
      'tracking: teams': lostAndDoubled(teamIds, effects['tracking: teams']),
    };
    // For an event missing from the topic: what its aggregate's outbox says (pending, in flight, or cleared).
    const published = new Set(messages.map((event) => event.subject));
    const missing = [...participantIds, ...teamIds].filter((id) => !published.has(id));
    const outboxOf = async (id: string) => {
      for (const collection of ['participants', 'teams']) {
        const doc = await applicationsDb.collection(collection).findOne({ _id: id as never });
        if (doc)
          return {
            id,
            collection,
            version: doc.version as unknown,
            outboxPending: doc.outboxPending as unknown,
            pendingEvents: (doc.pendingEvents as { type: string }[] | undefined)?.map((event) => event.type),
            outboxInFlight: doc.outboxInFlight as unknown,
            outboxClaim: doc.outboxClaim as unknown,
          };
      }
      return { id, collection: 'none' };
    };
    console.log(
      `Broker failure under load:\n${JSON.stringify(figures, null, 2)}\nper consumer:\n${JSON.stringify(checks, null, 2)}` +
        (missing.length > 0
          ? `\nnot on the topic:\n${JSON.stringify(await Promise.all(missing.map(outboxOf)), null, 2)}`
          : ''),
    );

    expect(formedWhileDown).toBeGreaterThanOrEqual(teamsPerPhase);
    expect(figures.commandsFailed).toBe(0);
    expect(figures.eventsProduced).toBe(figures.eventsExpected);
    for (const [where, result] of Object.entries(checks))
      expect([where, result]).toEqual([where, { lost: 0, doubled: 0, unexpected: 0 }]);
  }, 600_000);
});
