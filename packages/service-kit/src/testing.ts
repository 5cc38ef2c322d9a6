/**
 * Starts a service in the test process, on the shared test infrastructure, in a space of its own (database,
 * topic prefix, signing keys), with helpers to call it as a given role and to see the events it publishes.
 * Import from '@zhas/service-kit/testing' in integration tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type AnyZhasEvent, parseEvent, type Service, topicFor, type ZhasEvent } from '@zhas/contracts';
import { readTopic } from '@zhas/messaging';
import { uniqueName } from '@zhas/testing';
import { type Producer } from 'kafkajs';
import { type z } from 'zod';
import { issueLocalToken } from './auth/local-keys';
import { type Role } from './auth/principal';
import { type BaseConfig } from './config';
import {
  type ComposedService,
  type ServiceDependencies,
  startService,
  type StartedService,
} from './bootstrap';

export interface ServiceModule<S extends z.ZodType<BaseConfig>> {
  readonly SERVICE_NAME: Service;
  readonly configSchema: S;
  readonly composeService: (
    deps: ServiceDependencies<z.infer<S>>,
  ) => Promise<ComposedService> | ComposedService;
}

export interface TokenClaims {
  readonly roles: readonly Role[];
  readonly subject?: string;
  readonly participantId?: string;
  readonly hostOrgId?: string;
  readonly regions?: readonly string[];
  readonly name?: string;
}

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface Reply<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface TestService<C extends BaseConfig> {
  readonly service: StartedService<C>;
  readonly url: string;
  readonly topicPrefix: string;
  /** A token signed with this test's local key. */
  token(claims: TokenClaims): Promise<string>;
  /** Calls the service over real HTTP; the body is parsed as JSON when there is one. */
  call<T = unknown>(method: string, urlPath: string, options?: CallOptions): Promise<Reply<T>>;
  /** Publishes the outbox, then reads every event on the service's own topic, parsed by the contracts. */
  publishedEvents(): Promise<ZhasEvent[]>;
  /** The raw messages on the service's topic (for the personal-data audit). */
  publishedMessages(): ReturnType<typeof readTopic>;
  /** Produces events of another service onto its (prefixed) topic and waits until this service has handled them. */
  deliver(...events: AnyZhasEvent[]): Promise<void>;
  stop(): Promise<void>;
}

export async function startServiceForTest<S extends z.ZodType<BaseConfig>>(
  module: ServiceModule<S>,
  options: {
    now?: () => Date;
    env?: Record<string, string>;
    /** Services of one end-to-end test share a topic prefix (and a signing key folder) so they hear each other. */
    topicPrefix?: string;
    keyDir?: string;
  } = {},
): Promise<TestService<z.infer<S>>> {
  const keyDir = options.keyDir ?? (await mkdtemp(path.join(tmpdir(), `zhas-${module.SERVICE_NAME}-keys-`)));
  const topicPrefix = options.topicPrefix ?? uniqueName('t');
  const service = await startService({
    name: module.SERVICE_NAME,
    configSchema: module.configSchema,
    compose: module.composeService,
    handleSignals: false,
    ...(options.now ? { now: options.now } : {}),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      MONGO_DB: uniqueName(module.SERVICE_NAME),
      TOPIC_PREFIX: topicPrefix,
      AUTH_LOCAL_KEY_DIR: keyDir,
      ...options.env,
    },
  });
  let producer: Producer | undefined;
  const authConfig = {
    AUTH_LOCAL_KEY_DIR: keyDir,
    AUTH_ISSUER: process.env.AUTH_ISSUER ?? 'zhas-local',
    AUTH_AUDIENCE: process.env.AUTH_AUDIENCE ?? 'zhas-grants',
  };

  return {
    service,
    url: service.url,
    topicPrefix,
    token: (claims) =>
      issueLocalToken(authConfig, {
        subject: claims.subject ?? uniqueName('user'),
        roles: [...claims.roles],
        ttlSeconds: 3600,
        ...(claims.participantId ? { participantId: claims.participantId } : {}),
        ...(claims.hostOrgId ? { hostOrgId: claims.hostOrgId } : {}),
        ...(claims.regions ? { regions: [...claims.regions] } : {}),
        ...(claims.name ? { name: claims.name } : {}),
      }),
    call: async <T>(method: string, urlPath: string, call: CallOptions = {}) => {
      const response = await fetch(`${service.url}${urlPath}`, {
        method,
        headers: {
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
          ...call.headers,
        },
        ...(call.body === undefined
          ? {}
          : { body: typeof call.body === 'string' ? call.body : JSON.stringify(call.body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: (text ? JSON.parse(text) : undefined) as T,
        headers: response.headers,
      };
    },
    publishedMessages: async () => {
      await service.relay.drain();
      return readTopic(service.deps.kafka, topicFor(module.SERVICE_NAME, topicPrefix));
    },
    publishedEvents: async () => {
      await service.relay.drain();
      const messages = await readTopic(service.deps.kafka, topicFor(module.SERVICE_NAME, topicPrefix));
      return messages.map((message) => {
        const parsed = parseEvent(JSON.parse(message.value ?? 'null'));
        if (parsed.kind !== 'event')
          throw new Error(
            `the service published a message that breaks its contract: ${JSON.stringify(parsed)}`,
          );
        return parsed.event;
      });
    },
    deliver: async (...events) => {
      if (!service.consumer) throw new Error(`${module.SERVICE_NAME} consumes no events`);
      producer ??= service.deps.kafka.producer();
      await producer.connect();
      const last = new Map<string, { topic: string; partition: number; offset: string }>();
      for (const event of events) {
        const topic = topicFor(event.source.replace('zhas/', '') as Service, topicPrefix);
        const [metadata] = await producer.send({
          topic,
          acks: -1,
          messages: [{ key: event.subject, value: JSON.stringify(event) }],
        });
        if (metadata)
          last.set(`${topic}/${metadata.partition}`, {
            topic,
            partition: metadata.partition,
            offset: metadata.baseOffset ?? '0',
          });
      }
      for (const { topic, partition, offset } of last.values())
        await service.consumer.waitForOffset(topic, partition, offset);
    },
    stop: async () => {
      await producer?.disconnect();
      await service.deps.mongo.dropDatabase().catch(() => undefined);
      await service.stop();
      if (!options.keyDir) await rm(keyDir, { recursive: true, force: true });
    },
  };
}
