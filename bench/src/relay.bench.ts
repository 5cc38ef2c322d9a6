import { ensureOutboxIndex, ensureTopics, type OutboxEntry, OutboxRelay } from '@zhas/messaging';
import { type Message } from 'kafkajs';
import { pino } from 'pino';
import { programmeEvents } from './generator';
import { cpuSecondsOf } from './platform';
import { type Benchmark, rateResult } from './results';

/*
 * B3: the outbox relay's events per second, from aggregates waiting with their events in the database to the
 * events on Kafka and the outboxes cleared, against a plain kafkajs producer sending the same messages (same keys,
 * values, headers, `acks=all`, idempotent) to the same broker, in requests of the same size. The relay's extra
 * work is the database's: reading, claiming and clearing each aggregate.
 */

const EVENTS_PER_AGGREGATE = 2;

export const relayBenchmark: Benchmark = {
  id: 'B3',
  title: 'outbox relay: events/s onto Kafka',
  services: [],
  async run({ platform, quick, log }) {
    const aggregates = quick ? 2_000 : 10_000;
    const batchAggregates = 250;
    const db = platform.mongo.db('bench-relay');
    await db.dropDatabase();
    const collection = db.collection('aggregates');
    await ensureOutboxIndex(collection);
    const relayTopic = 'bench.relay.events';
    const rawTopic = 'bench.raw.events';
    await ensureTopics(platform.kafka, [{ topic: relayTopic }, { topic: rawTopic }]);

    // Realistic events (bids of a generated programme), two per aggregate, waiting as a save leaves them.
    const events = programmeEvents({ total: aggregates * EVENTS_PER_AGGREGATE + 10 });
    const docs: Record<string, unknown>[] = [];
    const now = new Date();
    for (let index = 0; index < aggregates; index += 1) {
      const id = `agg-${index}`;
      const pendingEvents: OutboxEntry[] = [];
      for (let count = 0; count < EVENTS_PER_AGGREGATE; count += 1) {
        const { message } = events.next().value as { message: Message };
        const value = String(message.value);
        const headers = message.headers as Record<string, string>;
        pendingEvents.push({
          id: headers.ce_id!,
          type: headers.ce_type!,
          topic: relayTopic,
          key: id,
          value,
          headers,
          recordedAt: now,
        });
      }
      docs.push({
        _id: id,
        version: EVENTS_PER_AGGREGATE,
        createdAt: now,
        updatedAt: now,
        state: 'submitted',
        pendingEvents,
        outboxPending: true,
      });
    }
    for (let start = 0; start < docs.length; start += 1_000) {
      await collection.insertMany(docs.slice(start, start + 1_000));
    }
    log(`  ${aggregates} aggregates with ${aggregates * EVENTS_PER_AGGREGATE} events waiting`);

    const relay = new OutboxRelay({
      kafka: platform.kafka,
      collections: [collection],
      logger: pino({ level: 'silent' }),
      batchSize: batchAggregates,
      // As a service on the embedded FerretDB runs it: alone with its collections (the instance lease), so with a
      // journal instead of a claim in each document.
      journal: db.collection('outboxJournal'),
    });
    const ferretPid = platform.serverPid('ferretdb');
    const cpuBefore = [process.cpuUsage(), cpuSecondsOf(ferretPid)] as const;
    const relayStarted = performance.now();
    const published = await relay.drain();
    const relaySeconds = (performance.now() - relayStarted) / 1000;
    const relayCpu = process.cpuUsage(cpuBefore[0]);
    const ferretCpu = cpuSecondsOf(ferretPid) - cpuBefore[1];
    await relay.stop();
    const left = await collection.countDocuments({ outboxPending: true });
    if (left > 0)
      throw new Error(`the relay left ${left} aggregates unpublished (it counted ${published} events)`);

    // The same messages from a plain producer, one request per batch of the same size.
    const producer = platform.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const rawStarted = performance.now();
    for (let start = 0; start < docs.length; start += batchAggregates) {
      const messages = docs.slice(start, start + batchAggregates).flatMap((doc) =>
        (doc.pendingEvents as OutboxEntry[]).map((entry) => ({
          key: entry.key,
          value: entry.value,
          headers: entry.headers,
        })),
      );
      await producer.sendBatch({ acks: -1, topicMessages: [{ topic: rawTopic, messages }] });
    }
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    // And one request per aggregate, as services publishing each change directly (no outbox) would.
    const perChangeCount = Math.min(docs.length, 1_000);
    const perChangeStarted = performance.now();
    for (const doc of docs.slice(0, perChangeCount)) {
      await producer.send({
        topic: rawTopic,
        acks: -1,
        messages: (doc.pendingEvents as OutboxEntry[]).map((entry) => ({
          key: entry.key,
          value: entry.value,
          headers: entry.headers,
        })),
      });
    }
    const perChangeSeconds = (performance.now() - perChangeStarted) / 1000;
    await producer.disconnect();
    await db.dropDatabase();

    const total = aggregates * EVENTS_PER_AGGREGATE;
    const relayRate = total / relaySeconds;
    const rawRate = total / rawSeconds;
    const perChangeRate = (perChangeCount * EVENTS_PER_AGGREGATE) / perChangeSeconds;
    return [
      rateResult({
        id: 'B3',
        title: 'outbox relay: events/s onto Kafka',
        ours: { name: 'relay', value: relayRate, unit: 'events/s' },
        baseline: {
          name: 'raw producer',
          what: `plain kafkajs producer, same messages, idempotent, acks=all, ${batchAggregates * EVENTS_PER_AGGREGATE} messages a request`,
          value: rawRate,
          unit: 'events/s',
        },
        target: { description: 'at least 0.5 of the raw producer', met: (ratio) => ratio >= 0.5 },
        measures: [
          {
            name: 'raw producer, one request per aggregate (publishing each change directly)',
            value: perChangeRate,
            unit: 'events/s',
          },
          { name: 'relay / one request per aggregate', value: relayRate / perChangeRate, unit: 'ratio' },
          { name: 'CPU used by the relay (Node)', value: (relayCpu.user + relayCpu.system) / 1e6, unit: 's' },
          { name: 'CPU used by FerretDB while the relay ran', value: ferretCpu, unit: 's' },
          { name: 'relay time', value: relaySeconds, unit: 's' },
        ],
        parameters: {
          aggregates,
          eventsPerAggregate: EVENTS_PER_AGGREGATE,
          relayBatchAggregates: batchAggregates,
          events: total,
        },
        seconds: relaySeconds + rawSeconds + perChangeSeconds,
      }),
    ];
  },
};
