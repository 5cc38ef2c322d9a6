/**
 * What the end-to-end tests share: a call that insists on the status, and a settle that waits, by offsets and never
 * by time, until every outbox is published and every consumer has handled what is on the topics it reads.
 */
import { type Service, topicFor } from '@zhas/contracts';
import { type BaseConfig } from '@zhas/service-kit';
import { type TestService } from '@zhas/service-kit/testing';

export type Started = TestService<BaseConfig>;
export type Json = Record<string, unknown>;

/** Calls a service and insists on the status, showing the answer when it differs. */
export async function call<T = Json>(
  service: Started,
  method: string,
  urlPath: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  status = method === 'GET' ? 200 : undefined,
): Promise<T> {
  const reply = await service.call<T>(method, urlPath, options);
  const expected = status ?? (reply.status === 201 ? 201 : 200);
  if (reply.status !== expected)
    throw new Error(
      `${method} ${urlPath}: ${reply.status} ${JSON.stringify(reply.body)} (expected ${expected})`,
    );
  return reply.body;
}

/**
 * Publishes every outbox and waits until each consumer has handled every message on the topics it reads; again
 * while that makes more events (tracking opens projects from awards).
 */
export async function settle<Name extends string>(
  services: Record<Name, Started>,
  consumes: [Name, Service[]][],
  topicPrefix: string,
): Promise<void> {
  const all: Started[] = Object.values(services);
  const admin = all[0]!.service.deps.kafka.admin();
  await admin.connect();
  try {
    let previous = '';
    for (let pass = 0; pass < 20; pass += 1) {
      let published = 0;
      for (const started of all) published += await started.service.relay.drain();
      const ends: string[] = [];
      for (const [name, topics] of consumes) {
        const consumer = services[name].service.consumer;
        if (!consumer) throw new Error(`${name} has no consumer`);
        for (const service of topics) {
          const topic = topicFor(service, topicPrefix);
          for (const partition of await admin.fetchTopicOffsets(topic)) {
            ends.push(`${topic}/${partition.partition}/${partition.high}`);
            if (BigInt(partition.high) > BigInt(partition.low))
              await withTimeout(
                consumer.waitForOffset(topic, partition.partition, BigInt(partition.high) - 1n),
                `${name} handling ${topic}/${partition.partition} up to ${partition.high}`,
              );
          }
        }
      }
      const current = ends.join(',');
      if (published === 0 && current === previous) return;
      previous = current;
    }
    throw new Error('the services kept producing events');
  } finally {
    await admin.disconnect();
  }
}

export async function withTimeout<T>(promise: Promise<T>, what: string, ms = 30_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
