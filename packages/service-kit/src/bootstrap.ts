import { createKafka, kafkaHealthCheck } from '@zhas/messaging';
import { type Express } from 'express';
import { type Kafka } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { type z } from 'zod';
import { type BaseConfig, loadConfig } from './config';
import { type HealthCheck, mongoHealthCheck } from './health';
import { createHttpApp } from './http/app';
import { createLogger, type Logger } from './logger';
import { listen, type RunningService } from './service';

/** What a service's composition root receives: its configuration and its connections. */
export interface ServiceDependencies<C extends BaseConfig> {
  readonly config: C;
  readonly logger: Logger;
  readonly mongo: Connection;
  readonly kafka: Kafka;
  /** The clock, injected so that domain rules can be tested at any date. */
  readonly now: () => Date;
}

/** What a service's composition root gives back: its routes, extra readiness checks and things to stop. */
export interface ComposedService {
  readonly routes?: (app: Express) => void;
  readonly health?: readonly HealthCheck[];
  /** Background work (relays, consumers) started after the HTTP server listens. */
  readonly start?: () => Promise<void>;
  /** Closed in order on shutdown, before the connections. */
  readonly onStop?: readonly (() => Promise<void>)[];
}

export interface StartServiceOptions<S extends z.ZodType<BaseConfig>> {
  readonly name: string;
  readonly configSchema: S;
  readonly env?: NodeJS.ProcessEnv;
  readonly compose: (deps: ServiceDependencies<z.infer<S>>) => Promise<ComposedService> | ComposedService;
  readonly handleSignals?: boolean;
  readonly now?: () => Date;
}

export interface StartedService<C extends BaseConfig> extends RunningService {
  readonly app: Express;
  readonly deps: ServiceDependencies<C>;
}

/** The one way every service starts: config, logger, database, Kafka, composition root, HTTP server. */
export async function startService<S extends z.ZodType<BaseConfig>>(
  options: StartServiceOptions<S>,
): Promise<StartedService<z.infer<S>>> {
  const config = loadConfig(options.configSchema, options.env);
  const logger = createLogger({ service: options.name, level: config.LOG_LEVEL });
  // The service's own database; nobody else reads or writes it (DESIGN.md section 3).
  const mongo = mongoose.createConnection(config.MONGO_URL, {
    dbName: config.MONGO_DB,
    serverSelectionTimeoutMS: 10_000,
  });
  await mongo.asPromise();
  const kafka = createKafka({ clientId: options.name, brokers: config.KAFKA_BROKERS, logger });
  const kafkaHealth = kafkaHealthCheck({ clientId: options.name, brokers: config.KAFKA_BROKERS });
  const deps: ServiceDependencies<z.infer<S>> = {
    config,
    logger,
    mongo,
    kafka,
    now: options.now ?? (() => new Date()),
  };

  const composed = await options.compose(deps);
  const app = createHttpApp({
    service: options.name,
    logger,
    health: [mongoHealthCheck(mongo), kafkaHealth, ...(composed.health ?? [])],
    ...(composed.routes ? { routes: composed.routes } : {}),
  });
  const running = await listen(app, {
    host: config.HOST,
    port: config.PORT,
    logger,
    handleSignals: options.handleSignals ?? true,
    onStop: [...(composed.onStop ?? []), kafkaHealth.close, () => mongo.close()],
  });
  await composed.start?.();
  return { ...running, app, deps };
}
