import { type Kafka } from 'kafkajs';
import { type Generations } from './store';

export interface PartitionProgress {
  readonly topic: string;
  readonly partition: number;
  /** The next offset the live consumer will read (its committed offset); '0' before it read anything. */
  readonly processedUpTo: string;
  /** The next offset to be written on the partition. */
  readonly endOffset: string;
  readonly lag: number;
}

export interface ReadModelProgress {
  readonly activeGeneration: number;
  readonly rebuilding: { readonly rebuildId: string; readonly generation: number } | null;
  readonly partitions: readonly PartitionProgress[];
  /** Every message written so far has been applied to the read models. */
  readonly caughtUp: boolean;
}

/**
 * Up to which offsets the read models have processed each topic: what end-to-end tests and demo seeding wait for
 * instead of sleeping. The live consumer commits after the read models are written, so a committed offset means
 * the facts before it are in the database.
 */
export async function readModelProgress(
  kafka: Kafka,
  generations: Generations,
  groupId: string,
  topics: readonly string[],
): Promise<ReadModelProgress> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const committed = new Map<string, bigint>();
    for (const topic of await admin.fetchOffsets({ groupId, topics: [...topics] })) {
      for (const partition of topic.partitions) {
        committed.set(`${topic.topic}/${partition.partition}`, BigInt(partition.offset));
      }
    }
    const partitions: PartitionProgress[] = [];
    for (const topic of topics) {
      for (const entry of await admin.fetchTopicOffsets(topic)) {
        const end = BigInt(entry.high);
        const low = BigInt(entry.low);
        const done = committed.get(`${topic}/${entry.partition}`) ?? -1n;
        // Nothing committed yet means nothing read, unless there is nothing to read.
        const processedUpTo = done < 0n ? low : done;
        partitions.push({
          topic,
          partition: entry.partition,
          processedUpTo: processedUpTo.toString(),
          endOffset: end.toString(),
          lag: Number(end > processedUpTo ? end - processedUpTo : 0n),
        });
      }
    }
    partitions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    const control = await generations.read();
    return {
      activeGeneration: control.active,
      rebuilding: control.building
        ? { rebuildId: control.building.rebuildId, generation: control.building.generation }
        : null,
      partitions,
      caughtUp: partitions.every((partition) => partition.lag === 0),
    };
  } finally {
    await admin.disconnect();
  }
}
