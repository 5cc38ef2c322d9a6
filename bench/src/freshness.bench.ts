import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { consumerGroup, topicFor } from '@zhas/contracts';
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
 *
 * Where the seconds go, per submission (printed and kept as measures): the outbox (answer until the relay's send,
 * the Kafka message's timestamp), reporting's consumer (send until reporting's group has committed past the event,
 * which it does after writing the read models), and the figures (commit until the indicator read counts it: the
 * tally and the reading interval). A consumer of the bench on the same topic gives the broker's share.
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
    const pipeline = await watchPipeline(platform, new Set(drafts.map((draft) => draft.bidId)));
    const answered: number[] = [];
    const seen: { at: number; value: number }[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const value = await indicator().catch(() => undefined);
        if (value !== undefined) seen.push({ at: performance.now(), value: value - before });
        if (value !== undefined) pipeline.indicatorRead(value - before);
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
      pipeline.answered(draft.bidId);
    });
    await Promise.all(sent);
    const deadline = performance.now() + 120_000;
    while ((seen.at(-1)?.value ?? 0) < submissions && performance.now() < deadline) await sleep(100);
    polling = false;
    await poller;
    const split = await pipeline.stop();
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
    for (const stage of split) {
      log(
        `  ${stage.name.padEnd(44)} p50 ${quantile(stage.ms, 0.5).toFixed(0).padStart(6)} ms` +
          `  p99 ${quantile(stage.ms, 0.99).toFixed(0).padStart(6)} ms  (${stage.ms.length})`,
      );
    }

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
          ...split.flatMap((stage) => [
            { name: `${stage.name} p50`, value: quantile(stage.ms, 0.5), unit: 'ms' },
            { name: `${stage.name} p99`, value: quantile(stage.ms, 0.99), unit: 'ms' },
          ]),
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

/** One stage of the way from the answer to the indicator, in ms per submission. */
interface Stage {
  readonly name: string;
  readonly ms: number[];
}

/**
 * Stamps each submitted bid on its way: answered (the bench), sent (the timestamp the relay's producer gave the
 * message), read by a consumer of the bench (the broker's share), committed past by reporting's consumer group
 * (read every 100 ms) and counted by the indicator. Wall-clock milliseconds: every process runs on this machine.
 */
async function watchPipeline(platform: Parameters<Benchmark['run']>[0]['platform'], bidIds: Set<string>) {
  const now = () => performance.timeOrigin + performance.now();
  const topic = topicFor('applications');
  const bids = new Map<
    string,
    { answered?: number; partition?: number; offset?: bigint; sent?: number; read?: number; applied?: number }
  >();
  const stampOf = (bidId: string) => {
    let stamp = bids.get(bidId);
    if (!stamp) {
      stamp = {};
      bids.set(bidId, stamp);
    }
    return stamp;
  };
  const consumer = platform.kafka.consumer({ groupId: `bench-b2-${randomUUID()}`, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: false });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    eachMessage: ({ partition, message }) => {
      const bidId = message.key?.toString() ?? '';
      if (!bidIds.has(bidId)) return Promise.resolve();
      const type = (JSON.parse(message.value?.toString() ?? '{}') as { type?: string }).type ?? '';
      if (!type.includes('.bid.submitted.')) return Promise.resolve();
      const stamp = stampOf(bidId);
      Object.assign(stamp, {
        partition,
        offset: BigInt(message.offset),
        sent: Number(message.timestamp),
        read: now(),
      });
      return Promise.resolve();
    },
  });
  await joined;
  const admin = platform.kafka.admin();
  await admin.connect();
  const counted: number[] = [];
  let watching = true;
  const committed = (async () => {
    while (watching) {
      const offsets = await admin
        .fetchOffsets({ groupId: consumerGroup('reporting'), topics: [topic] })
        .catch(() => []);
      const at = now();
      for (const { partitions } of offsets) {
        for (const { partition, offset } of partitions) {
          for (const stamp of bids.values()) {
            if (
              stamp.applied === undefined &&
              stamp.partition === partition &&
              stamp.offset !== undefined &&
              BigInt(offset) > stamp.offset
            )
              stamp.applied = at;
          }
        }
      }
      await sleep(100); // the same interval as the indicator's reads
    }
  })();
  return {
    answered(bidId: string) {
      stampOf(bidId).answered = now();
    },
    /** The indicator read `value` submissions counted. */
    indicatorRead(value: number) {
      while (counted.length < value) counted.push(now());
    },
    async stop(): Promise<Stage[]> {
      // Reporting commits after the indicator's last read at the latest: wait for it (bounded) before stopping.
      const deadline = now() + 10_000;
      while ([...bids.values()].some((stamp) => stamp.sent !== undefined && stamp.applied === undefined)) {
        if (now() > deadline) break;
        await sleep(100);
      }
      watching = false;
      await committed;
      await admin.disconnect();
      await consumer.disconnect();
      const all = [...bids.values()];
      const between = (from: (s: (typeof all)[number]) => number | undefined, to: typeof from) =>
        all.flatMap((stamp) => {
          const [a, b] = [from(stamp), to(stamp)];
          return a === undefined || b === undefined ? [] : [Math.max(0, b - a)];
        });
      // The indicator counts submissions, not bids: the k-th commit is counted by the first read reaching k.
      const applied = all
        .flatMap((stamp) => (stamp.applied === undefined ? [] : [stamp.applied]))
        .sort((a, b) => a - b);
      const figures = applied.flatMap((at, index) => {
        const read = counted[index];
        return read === undefined ? [] : [Math.max(0, read - at)];
      });
      return [
        {
          name: 'outbox: answer until the relay sent it',
          ms: between(
            (s) => s.answered,
            (s) => s.sent,
          ),
        },
        {
          name: 'broker: sent until a bare consumer had it',
          ms: between(
            (s) => s.sent,
            (s) => s.read,
          ),
        },
        {
          name: 'reporting: sent until its offset committed',
          ms: between(
            (s) => s.sent,
            (s) => s.applied,
          ),
        },
        { name: 'figures: committed until the indicator counted it', ms: figures },
      ];
    },
  };
}
