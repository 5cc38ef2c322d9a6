/**
 * A minimal service for the tracing test, run as a child process so that OpenTelemetry's instrumentations patch
 * the real http and express modules (they cannot inside jest's module sandbox). It records a change with its event
 * through the outbox, relays it to Kafka, and consumes it again, as the platform's services do.
 */
import './instrument';
import { deadLetterTopic, roundClosedV1, topicFor } from '@zhas/contracts';
import {
  AggregateStore,
  createKafka,
  ensureOutboxIndex,
  ensureTopics,
  EventConsumer,
  OutboxRelay,
} from '@zhas/messaging';
import { createHttpApp, createLogger, listen } from '@zhas/service-kit';
import mongoose from 'mongoose';

async function main(): Promise<void> {
  const env = process.env;
  const prefix = env.TOPIC_PREFIX ?? '';
  const logger = createLogger({ service: 'trace-harness', level: 'warn' });
  const mongo = await mongoose
    .createConnection(env.MONGO_URL ?? '', { dbName: env.MONGO_DB ?? 'trace-harness' })
    .asPromise();
  const kafka = createKafka({
    clientId: 'trace-harness',
    brokers: (env.KAFKA_BROKERS ?? '').split(','),
    logger,
  });
  const topic = topicFor('competitions', prefix);
  const dlq = deadLetterTopic('reporting', prefix);
  await ensureTopics(kafka, [{ topic }, { topic: dlq }]);

  const rounds = mongo.db!.collection('rounds');
  await ensureOutboxIndex(rounds);
  const relay = new OutboxRelay({ kafka, collections: [rounds], logger, sweepIntervalMs: 100 });
  const store = new AggregateStore<{ title: string }>({
    collection: rounds,
    aggregateType: 'round',
    topicPrefix: prefix,
    onEventsRecorded: (id) => relay.notify(rounds, id),
  });
  const seen = mongo.db!.collection('seen');
  const consumer = new EventConsumer({
    kafka,
    groupId: `${prefix}-trace-harness`,
    topics: [topic],
    deadLetterTopic: dlq,
    logger,
    handlers: {
      'competitions.round.closed.v1': async (event) => {
        await seen.insertOne({ eventId: event.id });
      },
    },
  });
  await consumer.start();
  relay.start();

  const app = createHttpApp({
    service: 'trace-harness',
    logger,
    health: [],
    routes: (router) => {
      router.post('/rounds/:roundId/close', async (req, res) => {
        const roundId = req.params.roundId;
        await store.create(
          roundId,
          { title: 'traced' },
          [
            {
              definition: roundClosedV1,
              data: { roundId, outcome: 'completed', closedAt: new Date().toISOString() },
            },
          ],
          { correlationId: roundId, now: new Date() },
        );
        res.status(202).json({ roundId });
      });
    },
  });
  const running = await listen(app, {
    host: '127.0.0.1',
    port: 0,
    logger,
    onStop: [() => consumer.stop(), () => relay.stop(), () => mongo.close()],
  });
  process.stdout.write(`READY ${running.url}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
