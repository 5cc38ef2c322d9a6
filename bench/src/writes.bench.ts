import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { closedLoop, Http } from './http';
import { cpuMeter, type Platform } from './platform';
import {
  type BenchmarkContext,
  type Benchmark,
  type Measure,
  quantile,
  rateResult,
  type BenchmarkResult,
} from './results';
import { draftBids, key, openRound, people, register, registrationBody } from './round';

/*
 * B1: the two writes of the deadline spike, through the services (token, validation, domain rules, document lock,
 * outbox, relay running) against a bare express + driver handler doing the same writes on the same FerretDB
 * (bare-server.ts): participant registration and bid submission, the same number of requests at the same
 * concurrency. Throughput and p50/p99 of both.
 */

const CONCURRENCY = 16;

export const writesBenchmark: Benchmark = {
  id: 'B1',
  title: 'writes through the services vs a bare handler',
  services: ['competitions', 'applications'],
  async run(context) {
    const { platform, quick, log } = context;
    const http = new Http();
    const registrations = quick ? 300 : 1_200;
    const submissions = quick ? 150 : 500;
    const round = await openRound(platform, http);

    // Registration: the measured requests are the service's own; the people registered feed the bids below.
    const persons = people(registrations + submissions * 3, 4_000 + Math.floor(Math.random() * 1e6));
    const measured = persons.slice(0, registrations);
    const forBids = persons.slice(registrations);
    const tokens = await Promise.all(
      measured.map((person) => platform.token({ subject: `bench-r-${person.index}`, roles: ['applicant'] })),
    );
    await waitForRelays(platform, http);
    const registrationCost = await costMeter(platform);
    const service = await closedLoop(measured, CONCURRENCY, async (person, index) => {
      await http.call('POST', `${platform.url('applications')}/participants`, {
        token: tokens[index]!,
        body: registrationBody(person),
      });
    });
    log(`  registration through the service: ${(registrations / service.seconds).toFixed(1)}/s`);
    await waitForRelays(platform, http);
    const registrationCosts = await registrationCost(registrations);

    log(`  preparing ${submissions} teams with drafted bids`);
    const registered = await register(platform, http, forBids, 'b1');
    const drafts = (await draftBids(platform, http, round, registered)).slice(0, submissions);
    await waitForRelays(platform, http);
    const submissionCost = await costMeter(platform);
    const submitted = await closedLoop(drafts, CONCURRENCY, async (draft) => {
      await http.call('POST', `${platform.url('applications')}/bids/${draft.bidId}/submit`, {
        token: draft.token,
        idempotencyKey: key(),
      });
    });
    log(`  bid submission through the service: ${(drafts.length / submitted.seconds).toFixed(1)}/s`);
    await waitForRelays(platform, http);
    const submissionCosts = await submissionCost(drafts.length);

    // The bare handler, same requests, same concurrency, same database server.
    const bare = await startBare(platform.mongoUrl, platform.settings.portOffset);
    try {
      const bareUrl = `http://127.0.0.1:${4199 + platform.settings.portOffset}`;
      const bareCpu = cpuMeter({ bare: bare.pid, ferretdb: platform.serverPid('ferretdb') });
      const bareRegistration = await closedLoop(
        people(registrations, 9_000 + Math.floor(Math.random() * 1e6)),
        CONCURRENCY,
        async (person) => {
          await http.call('POST', `${bareUrl}/participants`, { body: registrationBody(person) });
        },
      );
      // The registration counters exist already (FerretDB's upserting $inc is not atomic when two first writes meet).
      await platform.mongo
        .db('bench-bare')
        .collection<{ _id: string; last: number }>('registrationSerials')
        .insertMany([...'0123456789abcdef'].map((digit) => ({ _id: `2019-${digit}`, last: 0 })));
      const bareRegistrationCpu = bareCpu();
      const bids = platform.mongo.db('bench-bare').collection('bids');
      await bids.insertMany(
        drafts.map((draft) => ({
          _id: draft.bidId as never,
          status: 'draft',
          version: 1,
          pendingEvents: [],
        })),
      );
      const bareSubmissionCpu = cpuMeter({ bare: bare.pid, ferretdb: platform.serverPid('ferretdb') });
      const bareSubmission = await closedLoop(drafts, CONCURRENCY, async (draft) => {
        await http.call('POST', `${bareUrl}/bids/${draft.bidId}/submit`, { idempotencyKey: key() });
      });
      const perBare = (cpu: Record<string, number>, requests: number): Measure[] => [
        {
          name: 'bare: CPU per request, bare handler',
          value: ((cpu.bare ?? NaN) * 1000) / requests,
          unit: 'ms',
        },
        {
          name: 'bare: CPU per request, FerretDB',
          value: ((cpu.ferretdb ?? NaN) * 1000) / requests,
          unit: 'ms',
        },
      ];
      return [
        result(context, 'B1.1', 'participant registration', registrations, service, bareRegistration, [
          ...registrationCosts,
          ...perBare(bareRegistrationCpu, registrations),
        ]),
        result(context, 'B1.2', 'bid submission', drafts.length, submitted, bareSubmission, [
          ...submissionCosts,
          ...perBare(bareSubmissionCpu(), drafts.length),
        ]),
      ];
    } finally {
      bare.kill('SIGTERM');
    }
  },
};

function result(
  context: BenchmarkContext,
  id: string,
  what: string,
  requests: number,
  ours: { latenciesMs: number[]; seconds: number },
  bare: { latenciesMs: number[]; seconds: number },
  costs: Measure[],
): BenchmarkResult {
  return rateResult({
    id,
    title: `${what}: requests/s through the service`,
    ours: { name: 'service', value: requests / ours.seconds, unit: 'requests/s' },
    baseline: {
      name: 'bare handler',
      what: 'express + MongoDB driver doing the same writes on the same FerretDB (bench/src/bare-server.ts)',
      value: requests / bare.seconds,
      unit: 'requests/s',
    },
    target: { description: 'at least 0.9 of the bare handler', met: (ratio) => ratio >= 0.9 },
    measures: [
      { name: 'service p50', value: quantile(ours.latenciesMs, 0.5), unit: 'ms' },
      { name: 'service p99', value: quantile(ours.latenciesMs, 0.99), unit: 'ms' },
      { name: 'bare p50', value: quantile(bare.latenciesMs, 0.5), unit: 'ms' },
      { name: 'bare p99', value: quantile(bare.latenciesMs, 0.99), unit: 'ms' },
      ...costs,
    ],
    parameters: { requests, concurrency: CONCURRENCY, quick: context.quick },
    seconds: ours.seconds + bare.seconds,
  });
}

/**
 * What the requests of a phase cost the service, its relay included (read once the outboxes are empty): database
 * statements by command and CPU of the service and of FerretDB, per request. Where the time goes, beside the rates.
 */
async function costMeter(platform: Platform): Promise<(requests: number) => Promise<Measure[]>> {
  const before = await platform.databaseStatements('applications');
  const cpu = cpuMeter({
    service: platform.servicePid('applications'),
    ferretdb: platform.serverPid('ferretdb'),
  });
  return async (requests) => {
    const used = cpu();
    const after = await platform.databaseStatements('applications');
    const byCommand = Object.entries(after)
      .map(([command, count]) => ({ command, count: count - (before[command] ?? 0) }))
      .filter(({ count }) => count > 0);
    const total = byCommand.reduce((sum, { count }) => sum + count, 0);
    return [
      {
        name: 'service: CPU per request, the service',
        value: ((used.service ?? NaN) * 1000) / requests,
        unit: 'ms',
      },
      {
        name: 'service: CPU per request, FerretDB',
        value: ((used.ferretdb ?? NaN) * 1000) / requests,
        unit: 'ms',
      },
      { name: 'service: database statements per request', value: total / requests, unit: 'statements' },
      ...byCommand.map(({ command, count }) => ({
        name: `service: ${command} statements per request`,
        value: count / requests,
        unit: 'statements',
      })),
    ];
  };
}

/** Waits until every running service's outbox is empty, so that one phase's relay work does not land in the next. */
async function waitForRelays(platform: BenchmarkContext['platform'], http: Http): Promise<void> {
  const admin = await platform.token({ subject: 'bench-admin', roles: ['admin'] });
  for (const service of ['competitions', 'applications'] as const) {
    for (;;) {
      const outbox = await http.call<{ pendingAggregates: number }>(
        'GET',
        `${platform.url(service)}/admin/outbox`,
        {
          token: admin,
        },
      );
      if (outbox.pendingAggregates === 0) break;
      await sleep(500); // polling the outbox
    }
  }
}

async function startBare(mongoUrl: string, portOffset: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(__dirname, 'bare-server.js')], {
    env: { ...process.env, MONGO_URL: mongoUrl, PORT: String(4199 + portOffset) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`the bare baseline exited (${code})`)));
  });
  return child;
}
