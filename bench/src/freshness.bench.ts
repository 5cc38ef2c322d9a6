import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureTopics } from '@zhas/messaging';
import { Http } from './http';
import { type Benchmark, quantile, rateResult } from './results';
import { draftBids, key, openRound, people, register } from './round';

/*
 * B2: how fresh the dashboards are under a steady load. Bids are submitted at a fixed rate (20 a second, open loop:
 * a slow answer does not slow the load down) and the indicator that counts them (IR-1.2, bids received, of the
 * round) is read every 100 ms. The k-th submission to be answered is counted when the indicator first reaches k:
 * its freshness is the time from its answer (200) to that read. Baseline: the floor of any event-driven dashboard
 * on this broker, a message produced and consumed at the same rate (time from the producer's ack to the consumer
 * having it).
 */

const RATE = 20;

export const freshnessBenchmark: Benchmark = {
  id: 'B2',
  title: 'freshness: bid submitted until the indicator counts it',
  services: ['competitions', 'applications', 'reporting'],
  async run({ platform, quick, log }) {
    const http = new Http();
    const seconds = quick ? 15 : 60;
    const submissions = RATE * seconds;
    const round = await openRound(platform, http);
    log(`  preparing ${submissions} teams with drafted bids`);
    const registered = await register(
      platform,
      http,
      people(submissions * 3 + 30, 20_000 + Math.floor(Math.random() * 1e6)),
      'b2',
    );
    const drafts = (await draftBids(platform, http, round, registered)).slice(0, submissions);
    if (drafts.length < submissions) throw new Error(`only ${drafts.length} bids could be drafted`);

    const viewer = await platform.token({ subject: 'bench-viewer', roles: ['viewer'] });
    const indicator = async () => {
      const values = await http.call<{ items: { code: string; value: number | null }[] }>(
        'GET',
        `${platform.url('reporting')}/indicator-values?code=IR-1.2&roundId=${encodeURIComponent(round.roundId)}`,
        { token: viewer },
      );
      return values.items.find((item) => item.code === 'IR-1.2')?.value ?? 0;
    };
    const before = await indicator();
    const answered: number[] = [];
    const seen: { at: number; value: number }[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const value = await indicator().catch(() => undefined);
        if (value !== undefined) seen.push({ at: performance.now(), value: value - before });
        await sleep(100); // the dashboard's reading interval
      }
    })();
    const started = performance.now();
    const sent = drafts.map(async (draft, index) => {
      await sleep(Math.max(0, started + (index * 1000) / RATE - performance.now()));
      await http.call('POST', `${platform.url('applications')}/bids/${draft.bidId}/submit`, {
        token: draft.token,
        idempotencyKey: key(),
      });
      answered.push(performance.now());
    });
    await Promise.all(sent);
    const deadline = performance.now() + 120_000;
    while ((seen.at(-1)?.value ?? 0) < submissions && performance.now() < deadline) await sleep(100);
    polling = false;
    await poller;
    const counted = seen.at(-1)?.value ?? 0;
    if (counted < submissions) throw new Error(`the indicator counted ${counted} of ${submissions} bids`);
    answered.sort((a, b) => a - b);
    const freshness = answered.map((at, index) => {
      const read = seen.find((sample) => sample.value >= index + 1)!;
      return Math.max(0, read.at - at);
    });
    const achievedRate = submissions / ((answered.at(-1)! - started) / 1000);
    log(
      `  submitted at ${achievedRate.toFixed(1)}/s; freshness p50 ${quantile(freshness, 0.5).toFixed(0)} ms`,
    );

    const floor = await brokerFloor(platform, seconds);
    const p99 = quantile(freshness, 0.99);
    return [
      rateResult({
        id: 'B2',
        title: 'freshness p99: bid submitted (200) until IR-1.2 counts it',
        ours: { name: 'freshness p99', value: p99, unit: 'ms' },
        baseline: {
          name: 'broker floor p99',
          what: `a message produced and consumed at ${RATE}/s on the same broker (producer ack to consumer)`,
          value: quantile(floor, 0.99),
          unit: 'ms',
        },
        higherIsBetter: false,
        target: { description: 'p99 under 2 s at 20 submissions/s', met: (_ratio, ours) => ours < 2_000 },
        measures: [
          { name: 'freshness p50', value: quantile(freshness, 0.5), unit: 'ms' },
          { name: 'freshness max', value: Math.max(...freshness), unit: 'ms' },
          { name: 'submission rate reached', value: achievedRate, unit: 'requests/s' },
          { name: 'broker floor p50', value: quantile(floor, 0.5), unit: 'ms' },
        ],
        parameters: { rate: RATE, seconds, submissions, pollIntervalMs: 100 },
        seconds: (performance.now() - started) / 1000,
      }),
    ];
  },
};

/** Producer ack to consumer receipt of messages sent at RATE for `seconds`, in ms. */
async function brokerFloor(
  platform: Parameters<Benchmark['run']>[0]['platform'],
  seconds: number,
): Promise<number[]> {
  const topic = `bench.floor.${randomUUID()}`;
  await ensureTopics(platform.kafka, [{ topic, retainForever: false }]);
  const acked = new Map<string, number>();
  const latencies: number[] = [];
  const consumer = platform.kafka.consumer({ groupId: `bench-floor-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  const count = RATE * seconds;
  const all = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: ({ message }) => {
        const id = message.key?.toString() ?? '';
        const arrived = performance.now();
        // The consumer may see a message before the producer's ack returns: count from whichever is later.
        const ack = acked.get(id);
        latencies.push(ack === undefined ? 0 : Math.max(0, arrived - ack));
        if (latencies.length >= count) resolve();
        return Promise.resolve();
      },
    });
  });
  await joined;
  const producer = platform.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const started = performance.now();
  for (let index = 0; index < count; index += 1) {
    await sleep(Math.max(0, started + (index * 1000) / RATE - performance.now()));
    const id = `m${index}`;
    await producer.send({ topic, acks: -1, messages: [{ key: id, value: '{}' }] });
    acked.set(id, performance.now());
  }
  await all;
  await producer.disconnect();
  await consumer.disconnect();
  return latencies;
}
