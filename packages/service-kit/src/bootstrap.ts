import { consumerGroup, deadLetterTopic, isService, type Service, topicFor } from '@zhas/contracts';
import {
  AggregateStore,
  type BatchHandler,
  createKafka,
  type DeadLetter,
  ensureOutboxIndex,
  ensureTopics,
  EventConsumer,
  type EventHandlers,
  kafkaHealthCheck,
  OutboxRelay,
  type StateCodec,
} from '@zhas/messaging';
import { type Express } from 'express';
import { type Collection, type Document } from 'mongodb';
import { type Kafka } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { type z } from 'zod';
import { type Authenticator, createAuthenticator } from './auth/authenticator';
import { loadAuthSettings } from './auth/config';
import { type ComposeService } from './composition';
import { type BaseConfig, loadConfig } from './config';
import { type HealthCheck, mongoHealthCheck } from './health';
import { logSlowCommands } from './slow-commands';
import { registerAdminRoutes } from './admin';
import { createHttpApp } from './http/app';
import { type RefusalStatus } from './http/domain-errors';
import { type IdempotencyRecord, type IdempotentResult, runIdempotent } from './http/idempotency';
import { createRateLimits, loadRateLimitSettings, type RateLimitDocument } from './http/rate-limit';
import { type Api, createApi } from './http/routes';
import { currentTelemetry } from './telemetry';
import { createLogger, type Logger } from './logger';
import { InstanceLease, isFerretDb } from './instance-lease';
import { listen, type RunningService } from './service';

/** What a service's composition root receives: its configuration and its connections. */
export interface ServiceDependencies<C extends BaseConfig> {
  readonly config: C;
  readonly logger: Logger;
  readonly mongo: Connection;
  readonly kafka: Kafka;
  /**
   * Verifies bearer tokens (AUTH_* variables): pass it to `createApi({ ..., authenticator: deps.auth })`. Read from
   * the same environment whether or not the service merged `authConfigSchema` into its own config schema.
   */
  readonly auth: Authenticator;
  /** The clock, injected so that domain rules can be tested at any date. */
  readonly now: () => Date;
  /** The service's HTTP API: declare routes on it; it is mounted with /openapi.json and /docs. */
  readonly api: Api;
  /** Prepended to every topic and consumer group name (TOPIC_PREFIX); tests isolate themselves with it. */
  readonly topicPrefix: string;
  /**
   * A store for one kind of aggregate in the service's database. Its events are published by the service's outbox
   * relay, which is told at once when a change records events.
   */
  readonly aggregateStore: <TState extends Record<string, unknown>>(
    collectionName: string,
    aggregateType: string,
    /** How the state is stored when not as it is (personal fields sealed, say). */
    codec?: StateCodec<TState>,
  ) => AggregateStore<TState>;
  /**
   * Runs a command once per Idempotency-Key (scope it by caller and operation, e.g. `bid-submit:<subject>`): a
   * retried request gets the first response back. See http/idempotency.ts.
   */
  readonly idempotent: <R extends IdempotentResult>(
    request: { scope: string; key: string; payload: unknown },
    operation: () => Promise<R>,
  ) => Promise<R>;
}

/** What a service's composition root gives back: its routes, extra readiness checks and things to stop. */
export interface ComposedService {
  /** Express routes beyond the API's (rarely needed: declare routes on `deps.api`). */
  readonly routes?: (app: Express) => void;
  /**
   * The events the service acts on, one handler per type. The topics to subscribe to follow from the types; the
   * consumer group is the service's name (prefixed).
   */
  readonly handlers?: EventHandlers;
  /** Handles a fetched batch of those events together (see EventConsumer); `handlers` remain the fallback. */
  readonly batchHandler?: BatchHandler;
  /** Partitions handled at the same time, for handlers whose writes commute across partitions (see EventConsumer). */
  readonly partitionsConsumedConcurrently?: number;
  /** Told the consumer's partitions each time it joins its group (see EventConsumer). */
  readonly onGroupJoin?: (assignment: Readonly<Record<string, readonly number[]>>) => void;
  readonly health?: readonly HealthCheck[];
  /** The service's domain error codes and their statuses: how a refusal becomes a problem document. */
  readonly problems?: Readonly<Record<string, RefusalStatus>>;
  /** Background work (relays, consumers) started after the HTTP server listens. */
  readonly start?: () => Promise<void>;
  /** Closed in order on shutdown, before the connections. */
  readonly onStop?: readonly (() => Promise<void>)[];
}

export interface StartServiceOptions<S extends z.ZodType<BaseConfig>> {
  readonly name: Service;
  /** OpenAPI title and description. */
  readonly title?: string;
  readonly description?: string;
  readonly configSchema: S;
  readonly env?: NodeJS.ProcessEnv;
  readonly compose: ComposeService<z.infer<S>>;
  readonly handleSignals?: boolean;
  readonly now?: () => Date;
}

export interface StartedService<C extends BaseConfig> extends RunningService {
  readonly app: Express;
  readonly deps: ServiceDependencies<C>;
  /** Publishes the outbox; tests call `relay.drain()` to publish now. */
  readonly relay: OutboxRelay;
  /** Present when the service consumes events; tests await `consumer.waitForOffset(...)`. */
  readonly consumer: EventConsumer | undefined;
}

/**
 * What a service's `main.ts` runs: `node services/<name>/dist/main.js` serves; with `--setup` it only creates the
 * service's topics and database indexes and exits (the deployment's setup Job, before the new version starts).
 */
export async function runService<S extends z.ZodType<BaseConfig>>(
  options: StartServiceOptions<S>,
  argv: readonly string[] = process.argv.slice(2),
): Promise<void> {
  if (argv.includes('--setup')) {
    await setupService(options);
    return;
  }
  await startService(options);
}

/** Creates the service's topics (with the cluster's replication) and its database indexes, then disconnects. */
export async function setupService<S extends z.ZodType<BaseConfig>>(
  options: StartServiceOptions<S>,
): Promise<void> {
  const { logger, mongo, kafka, topics, relay, composed, rateLimits } = await prepareService(options);
  try {
    await ensureTopics(kafka, topics);
    logger.info({ topics: topics.map((spec) => spec.topic) }, 'topics and indexes are in place');
  } finally {
    rateLimits.close();
    await relay.stop();
    for (const close of composed.onStop ?? []) await close();
    await mongo.close();
  }
}

/** The one way every service starts: config, logger, database, Kafka, composition root, HTTP server. */
export async function startService<S extends z.ZodType<BaseConfig>>(
  options: StartServiceOptions<S>,
): Promise<StartedService<z.infer<S>>> {
  const {
    config,
    logger,
    mongo,
    kafka,
    topicPrefix,
    alone,
    relay,
    api,
    deps,
    composed,
    handlers,
    consumed,
    topics,
    rateLimits,
    rateLimitSettings,
  } = await prepareService(options);
  // On FerretDB a second instance would lose writes: it refuses to start (instance-lease.ts).
  const stopping: { stop?: () => Promise<void> } = {}; // set once the service listens
  const lease = alone
    ? await InstanceLease.acquire({
        db: mongo.db!,
        service: options.name,
        logger,
        ttlMs: config.INSTANCE_LEASE_TTL_MS,
        onLost: (holder) => {
          logger.fatal(
            { holder: { host: holder.host, pid: holder.pid, epoch: holder.epoch } },
            'another instance took this service’s lease over (this one was paused longer than the lease); stopping',
          );
          void stopping.stop?.().finally(() => {
            if (options.handleSignals ?? true) process.exit(1);
          });
        },
      }).catch(async (error: unknown) => {
        for (const close of composed.onStop ?? []) await close().catch(() => undefined);
        await mongo.close();
        throw error;
      })
    : undefined;
  const kafkaHealth = kafkaHealthCheck({ clientId: options.name, brokers: config.KAFKA_BROKERS });
  const deadLetters = deadLetterTopic(options.name, topicPrefix);
  const deadLetterStore = mongo.db!.collection<DeadLetter & { _id: string }>('deadLetters');
  const consumer =
    consumed.length === 0
      ? undefined
      : new EventConsumer({
          kafka,
          groupId: consumerGroup(options.name, topicPrefix),
          topics: consumed.map((service) => topicFor(service, topicPrefix)),
          handlers,
          ...(composed.batchHandler ? { batchHandler: composed.batchHandler } : {}),
          ...(composed.partitionsConsumedConcurrently
            ? { partitionsConsumedConcurrently: composed.partitionsConsumedConcurrently }
            : {}),
          ...(composed.onGroupJoin ? { onGroupJoin: composed.onGroupJoin } : {}),
          deadLetterTopic: deadLetters,
          logger,
          // Kept in the service's database too, for the admin endpoint.
          onDeadLetter: async (letter) => {
            await deadLetterStore.updateOne(
              { _id: `${letter.topic}/${letter.partition}/${letter.offset}` },
              { $setOnInsert: letter },
              { upsert: true },
            );
          },
        });
  registerAdminRoutes(api, { deadLetters: deadLetterStore, relay });
  // Topics and the consumer need Kafka; a service whose Kafka is down still starts, says it is not ready, and keeps
  // trying in the background.
  const messaging = new MessagingStartup(
    logger,
    async () => {
      await ensureTopics(kafka, topics);
      await consumer?.start();
    },
    // A quick look first: with Kafka down, start-up goes straight to retrying in the background.
    () => kafkaHealth.check(),
  );

  const telemetry = currentTelemetry();
  const app = createHttpApp({
    service: options.name,
    logger,
    health: [mongoHealthCheck(mongo), kafkaHealth, messaging.healthCheck, ...(composed.health ?? [])],
    ...(composed.problems ? { problems: composed.problems } : {}),
    trustProxy: rateLimitSettings.TRUST_PROXY,
    routes: (router) => {
      if (telemetry) router.get('/metrics', telemetry.metricsHandler);
      api.mount(router);
      composed.routes?.(router);
    },
  });
  const running = await listen(app, {
    host: config.HOST,
    port: config.PORT,
    logger,
    handleSignals: options.handleSignals ?? true,
    onStop: [
      () => messaging.stop(),
      () => Promise.resolve(rateLimits.close()),
      ...(consumer ? [() => consumer.stop()] : []),
      () => relay.stop(),
      ...(composed.onStop ?? []),
      kafkaHealth.close,
      ...(lease ? [() => lease.release()] : []),
      () => mongo.close(),
      ...(telemetry ? [() => telemetry.shutdown()] : []),
    ],
  });
  await messaging.start();
  relay.start();
  await composed.start?.();
  stopping.stop = () => running.stop();
  return { ...running, app, deps, relay, consumer };
}

/** Retries what needs Kafka at start-up until it succeeds, with backoff, and reports it to readiness. */
class MessagingStartup {
  private done = false;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private lastError: string | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly attempt: () => Promise<void>,
    private readonly probe: () => Promise<void>,
  ) {}

  readonly healthCheck: HealthCheck = {
    name: 'messaging',
    check: () =>
      this.done
        ? Promise.resolve()
        : Promise.reject(
            new Error(`topics and consumer not started yet${this.lastError ? `: ${this.lastError}` : ''}`),
          ),
  };

  /** Tries once now; on failure goes on in the background and resolves, so the HTTP server still comes up. */
  async start(): Promise<void> {
    const reachable = await this.probe().then(
      () => true,
      () => false,
    );
    if (reachable && (await this.tryOnce())) return;
    this.loop = (async () => {
      for (let failures = 1; !this.done && !this.stopping; failures += 1) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(30_000, 1_000 * 2 ** (failures - 1)));
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (!this.stopping) await this.tryOnce();
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  private async tryOnce(): Promise<boolean> {
    try {
      await this.attempt();
      this.done = true;
      this.lastError = undefined;
      return true;
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.logger.warn({ err: error }, 'Kafka topics or consumer could not be started; retrying');
      return false;
    }
  }
}

/**
 * Config, logger, database, Kafka client and the composition root (which creates the service's indexes), and the
 * topics the service needs: what serving and setting up share.
 */
async function prepareService<S extends z.ZodType<BaseConfig>>(options: StartServiceOptions<S>) {
  const config = loadConfig(options.configSchema, options.env);
  // Before any connection: a production service without an identity provider must not start at all.
  const authSettings = loadAuthSettings(options.env);
  const rateLimitSettings = loadRateLimitSettings(options.env);
  const logger = createLogger({ service: options.name, level: config.LOG_LEVEL });
  // Tokens expire in real time, whatever clock the domain runs on.
  const auth = await createAuthenticator(authSettings, { logger });
  // The service's own database; nobody else reads or writes it (docs/architecture.md, "Services").
  const mongo = mongoose.createConnection(config.MONGO_URL, {
    dbName: config.MONGO_DB,
    serverSelectionTimeoutMS: 10_000,
    monitorCommands: config.DB_SLOW_COMMAND_MS > 0,
  });
  logSlowCommands(mongo.getClient(), logger, config.DB_SLOW_COMMAND_MS);
  await mongo.asPromise();
  const kafka = createKafka({ clientId: options.name, brokers: config.KAFKA_BROKERS, logger });
  const topicPrefix = config.TOPIC_PREFIX;
  const outboxCollections: Collection<Document>[] = [];
  // On FerretDB the service runs alone (startService holds its instance lease before the relay starts), so its
  // relay is the only one of its collections and keeps a journal instead of claiming each aggregate in its document.
  const alone = await isFerretDb(mongo.db!);
  const relay = new OutboxRelay({
    kafka,
    collections: outboxCollections,
    logger,
    ...(alone ? { journal: mongo.db!.collection('outboxJournal') } : {}),
  });
  const rateLimits = createRateLimits(
    rateLimitSettings,
    mongo.db!.collection<RateLimitDocument>('rateLimits'),
  );
  const api = createApi({
    title: options.title ?? `Zhas ${options.name} API`,
    version: '1.0.0',
    ...(options.description === undefined ? {} : { description: options.description }),
    authenticator: auth,
    rateLimits,
  });
  const deps: ServiceDependencies<z.infer<S>> = {
    config,
    logger,
    mongo,
    kafka,
    auth,
    now: options.now ?? (() => new Date()),
    api,
    topicPrefix,
    aggregateStore: <TState extends Record<string, unknown>>(
      collectionName: string,
      aggregateType: string,
      codec?: StateCodec<TState>,
    ) => {
      const collection = mongo.db!.collection(collectionName);
      if (!outboxCollections.some((known) => known.collectionName === collectionName))
        outboxCollections.push(collection);
      return new AggregateStore<TState>({
        collection,
        aggregateType,
        service: options.name,
        topicPrefix,
        onEventsRecorded: (id, outbox) => relay.notify(collection, id, outbox),
        ...(codec ? { codec } : {}),
      });
    },
    idempotent: (request, operation) =>
      runIdempotent(
        mongo.db!.collection<IdempotencyRecord>('idempotencyKeys'),
        { ...request, now: deps.now() },
        operation,
      ),
  };

  const composed = await options.compose(deps);
  await Promise.all(outboxCollections.map((collection) => ensureOutboxIndex(collection)));

  // Topics: the service's own event topic, its dead-letter topic and every topic it consumes.
  const handlers = composed.handlers ?? {};
  const consumed = [...new Set(Object.keys(handlers).map((type) => type.split('.')[0]))].filter(isService);
  const topics = [
    { topic: topicFor(options.name, topicPrefix) },
    { topic: deadLetterTopic(options.name, topicPrefix) },
    ...consumed.map((service) => ({ topic: topicFor(service, topicPrefix) })),
  ];
  return {
    config,
    logger,
    mongo,
    kafka,
    topicPrefix,
    alone,
    relay,
    api,
    deps,
    composed,
    handlers,
    consumed,
    topics,
    rateLimits,
    rateLimitSettings,
  };
}
