import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { topicFor } from '@zhas/contracts';
import { type Kafka } from 'kafkajs';
import { writeProgramme } from './generator';
import { cpuSecondsOf, memoryOf } from './platform';
import { type Benchmark, rateResult } from './results';

/*
 * B4: reporting rebuilding its read models from offset zero (`POST /admin/rebuild`, until the new generation is
 * active) over a generated programme written straight to the topics, against a plain kafkajs consumer reading and
 * parsing the same topics. Reporting's memory is sampled from /proc while it rebuilds.
 *
 * The live consumer's group is moved to the end of the topics before reporting starts, so the rebuild has the
 * machine to itself, as a rebuild of a long history does.
 */

const TOPICS = (['competitions', 'applications', 'tracking'] as const).map((service) => topicFor(service));

export const rebuildBenchmark: Benchmark = {
  id: 'B4',
  title: 'reporting rebuild from offset zero: events/s',
  services: [],
  async run({ platform, events, log }) {
    await platform.stopService('reporting');
    log(`  writing a generated programme of about ${events.toLocaleString('en')} events`);
    const generated = Date.now();
    const total = await writeProgramme(platform.kafka, { total: events });
    log(`  ${total} events written in ${((Date.now() - generated) / 1000).toFixed(1)} s`);

    const admin = platform.kafka.admin();
    await admin.connect();
    const ends = new Map<string, Map<number, bigint>>();
    for (const topic of TOPICS) {
      const offsets = await admin.fetchTopicOffsets(topic);
      ends.set(topic, new Map(offsets.map((entry) => [entry.partition, BigInt(entry.high)])));
      await admin.setOffsets({
        groupId: 'reporting',
        topic,
        partitions: offsets.map((entry) => ({ partition: entry.partition, offset: entry.high })),
      });
    }
    await admin.disconnect();
    const onTopics = [...ends.values()]
      .flatMap((partitions) => [...partitions.values()])
      .reduce((a, b) => a + b, 0n);

    // Baseline: read and parse every message of the three topics.
    const rawSeconds = await rawConsume(platform.kafka, ends);
    log(`  raw consume: ${(Number(onTopics) / rawSeconds).toFixed(0)} events/s`);

    await platform.startServices(['reporting']);
    const pid = platform.pid('reporting');
    const admin_ = await platform.token({ subject: 'bench-admin', roles: ['admin'] });
    let peakRss = memoryOf(pid).rssMiB;
    const sampler = setInterval(() => {
      try {
        peakRss = Math.max(peakRss, memoryOf(pid).rssMiB);
      } catch {
        // the process is gone; the rebuild's status says why
      }
    }, 200);
    const ferretPid = platform.serverPid('ferretdb');
    const kafkaPid = platform.serverPid('kafka');
    const cpuBefore = [cpuSecondsOf(pid), cpuSecondsOf(ferretPid), cpuSecondsOf(kafkaPid)];
    const started = performance.now();
    let status = '';
    try {
      const response = await fetch(`${platform.url('reporting')}/admin/rebuild`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin_}` },
      });
      if (response.status !== 202)
        throw new Error(`POST /admin/rebuild: ${response.status} ${await response.text()}`);
      const { id: rebuildId } = (await response.json()) as { id: string };
      for (;;) {
        await sleep(250); // polling the rebuild's status
        const poll = await fetch(`${platform.url('reporting')}/admin/rebuild/${rebuildId}`, {
          headers: { authorization: `Bearer ${admin_}` },
        });
        status = ((await poll.json()) as { status: string; error?: string }).status;
        if (status !== 'running') break;
      }
    } finally {
      clearInterval(sampler);
    }
    const rebuildSeconds = (performance.now() - started) / 1000;
    if (status !== 'completed') throw new Error(`the rebuild ended ${status}`);
    const memory = memoryOf(pid);
    const [reportingCpu, ferretCpu, kafkaCpu] = [
      cpuSecondsOf(pid),
      cpuSecondsOf(ferretPid),
      cpuSecondsOf(kafkaPid),
    ].map((seconds, index) => seconds - cpuBefore[index]!);
    const rebuildRate = Number(onTopics) / rebuildSeconds;
    return [
      rateResult({
        id: 'B4',
        title: 'reporting rebuild from offset zero: events/s',
        ours: { name: 'rebuild', value: rebuildRate, unit: 'events/s' },
        baseline: {
          name: 'raw consume',
          what: 'plain kafkajs consumer reading and JSON-parsing the same topics',
          value: Number(onTopics) / rawSeconds,
          unit: 'events/s',
        },
        target: {
          description: 'at least 2,000 events/s (10x the 210/s of before) and reporting under 512 MiB',
          met: (_ratio, ours) => ours >= 2_000 && peakRss < 512,
        },
        measures: [
          { name: 'rebuild time', value: rebuildSeconds, unit: 's' },
          { name: 'reporting peak resident memory during the rebuild', value: peakRss, unit: 'MiB' },
          { name: 'reporting peak resident memory since start (VmHWM)', value: memory.peakMiB, unit: 'MiB' },
          { name: 'CPU used by reporting during the rebuild', value: reportingCpu!, unit: 's' },
          { name: 'CPU used by FerretDB during the rebuild', value: ferretCpu!, unit: 's' },
          { name: 'CPU used by Kafka during the rebuild', value: kafkaCpu!, unit: 's' },
        ],
        parameters: { events: Number(onTopics), partitionsPerTopic: ends.get(TOPICS[0]!)?.size ?? 0 },
        seconds: rebuildSeconds + rawSeconds,
      }),
    ];
  },
};

/** Reads every message of the topics up to `ends` with a fresh group, parsing each; returns the seconds taken. */
async function rawConsume(
  kafka: Kafka,
  ends: ReadonlyMap<string, ReadonlyMap<number, bigint>>,
): Promise<number> {
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID()}` });
  await consumer.connect();
  const left = new Set<string>();
  for (const [topic, partitions] of ends) {
    for (const [partition, end] of partitions) if (end > 0n) left.add(`${topic}/${partition}`);
  }
  await consumer.subscribe({ topics: [...ends.keys()], fromBeginning: true });
  const started = performance.now();
  let parsed = 0;
  await new Promise<void>((resolve, reject) => {
    if (left.size === 0) resolve();
    consumer
      .run({
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages) {
            const value = JSON.parse(message.value?.toString('utf8') ?? 'null') as { type?: string } | null;
            if (value?.type) parsed += 1;
          }
          const end = ends.get(batch.topic)?.get(batch.partition) ?? 0n;
          if (BigInt(batch.lastOffset()) + 1n >= end) left.delete(`${batch.topic}/${batch.partition}`);
          if (left.size === 0) resolve();
          await Promise.resolve();
        },
      })
      .catch(reject);
  });
  const seconds = (performance.now() - started) / 1000;
  await consumer.disconnect();
  if (parsed === 0) throw new Error('the raw consumer parsed nothing');
  return seconds;
}
