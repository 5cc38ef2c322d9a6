import { type Kafka } from 'kafkajs';

export interface TopicSpec {
  readonly topic: string;
  readonly numPartitions?: number;
  /** Event topics keep their history: read models are rebuilt from them (docs/architecture.md, "Events"). */
  readonly retainForever?: boolean;
}

/**
 * How many copies of each partition, and how many must hold a write before the broker acknowledges it: on three or
 * more brokers 3 and 2, so a producer with acks=all (every producer here) loses no acknowledged event and does not
 * stop when one broker is lost; on one broker 1 and 1. The embedded launcher's cluster mode sets the same as its
 * brokers' defaults (infra/launcher/src/kafka.ts).
 */
export function replicationFor(brokers: number): { factor: number; minInsync: number } {
  const factor = Math.max(1, Math.min(3, brokers));
  return { factor, minInsync: Math.max(1, factor - 1) };
}

/**
 * Creates the topics a service writes or reads, at start-up. Subscribing to a topic that does not exist fails on
 * KRaft brokers, and brokers may refuse to create topics on first use, so topics are never left to chance.
 * Replication follows the cluster's size (`replicationFor`). Existing topics are left as they are.
 */
export async function ensureTopics(kafka: Kafka, topics: readonly TopicSpec[]): Promise<void> {
  // Few retries: the caller (a service starting) retries the whole step with its own backoff.
  const admin = kafka.admin({ retry: { retries: 2 } });
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = new Map(topics.map((spec) => [spec.topic, spec])); // a topic named twice is created once
    const missing = [...wanted.values()].filter((spec) => !existing.has(spec.topic));
    if (missing.length === 0) return;
    const { brokers } = await admin.describeCluster();
    const replication = replicationFor(brokers.length);
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.numPartitions ?? 3,
        replicationFactor: replication.factor,
        configEntries: [
          { name: 'min.insync.replicas', value: String(replication.minInsync) },
          ...(spec.retainForever === false ? [] : [{ name: 'retention.ms', value: '-1' }]),
        ],
      })),
    });
  } catch (error) {
    // Another instance may have created the same topics in the meantime; anything else is a real failure.
    const now = new Set(await admin.listTopics());
    if (!topics.every((spec) => now.has(spec.topic))) throw error;
  } finally {
    await admin.disconnect();
  }
}
