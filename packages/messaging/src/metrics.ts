import { metrics } from '@opentelemetry/api';

/**
 * Instruments of the messaging layer. They are no-ops until the service registers a meter provider
 * (service-kit's telemetry does), so the library never needs to know how metrics are exported.
 */
const meter = metrics.getMeter('@zhas/messaging');

export const messagingMetrics = {
  outboxPublished: meter.createCounter('zhas.outbox.published', {
    description: 'Events published by the outbox relay',
  }),
  outboxRecovered: meter.createCounter('zhas.outbox.recovered', {
    description:
      'Pending events found already on Kafka after an interrupted publish, and cleared without republishing',
  }),
  outboxErrors: meter.createCounter('zhas.outbox.errors', { description: 'Failed relay attempts (retried)' }),
  consumed: meter.createCounter('zhas.consumer.processed', {
    description: 'Messages processed by consumers',
  }),
  retries: meter.createCounter('zhas.consumer.retries', {
    description: 'Handler attempts that failed and were retried',
  }),
  deadLetters: meter.createCounter('zhas.consumer.dead_letters', {
    description: 'Messages sent to a dead-letter topic',
  }),
  skipped: meter.createCounter('zhas.consumer.skipped', {
    description: 'Messages of unknown event types, logged and skipped',
  }),
};

/** Gauges read at collection time from the latest values the relay and consumers saw. */
const backlog = new Map<string, number>();
const lag = new Map<string, { group: string; topic: string; partition: number; lag: number }>();

meter
  .createObservableGauge('zhas.outbox.backlog', { description: 'Aggregates with events not yet published' })
  .addCallback((result) => {
    for (const [collection, count] of backlog) result.observe(count, { collection });
  });
meter
  .createObservableGauge('zhas.consumer.lag', { description: 'Messages behind the end of the partition' })
  .addCallback((result) => {
    for (const entry of lag.values()) {
      result.observe(entry.lag, { group: entry.group, topic: entry.topic, partition: entry.partition });
    }
  });

export function recordOutboxBacklog(collection: string, count: number): void {
  backlog.set(collection, count);
}

export function recordConsumerLag(group: string, topic: string, partition: number, value: number): void {
  lag.set(`${group}/${topic}/${partition}`, { group, topic, partition, lag: value });
}
