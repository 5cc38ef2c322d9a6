import { randomUUID } from 'node:crypto';
import { type Kafka } from 'kafkajs';
import { headersToStrings } from './trace';

export interface TopicMessage {
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly headers: Record<string, string>;
}

/**
 * Reads a topic from the beginning up to its end as it is now, with a throwaway consumer group. For tests,
 * audits ("no personal data in any message") and admin tools; not for processing, which is EventConsumer's job.
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  options: { timeoutMs?: number } = {},
): Promise<TopicMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `read-topic-${randomUUID()}`;
  try {
    const ends = new Map<number, bigint>();
    for (const offset of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(offset.high) > BigInt(offset.low)) ends.set(offset.partition, BigInt(offset.high));
    }
    if (ends.size === 0) return [];
    const messages: TopicMessage[] = [];
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(new Error(`readTopic(${topic}): not at the end after ${options.timeoutMs ?? 30_000} ms`)),
          options.timeoutMs ?? 30_000,
        );
        void consumer
          .run({
            autoCommit: false,
            eachMessage: ({ partition, message }) => {
              const end = ends.get(partition);
              if (end !== undefined && BigInt(message.offset) < end) {
                messages.push({
                  partition,
                  offset: message.offset,
                  key: message.key?.toString('utf8') ?? null,
                  value: message.value?.toString('utf8') ?? null,
                  headers: headersToStrings(message.headers),
                });
                if (BigInt(message.offset) + 1n >= end) ends.delete(partition);
              }
              if (ends.size === 0) {
                clearTimeout(timer);
                resolve();
              }
              return Promise.resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return messages.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
