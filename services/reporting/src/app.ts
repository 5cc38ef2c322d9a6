import { deadLetterTopic, topicFor } from '@zhas/contracts';
import { type ComposedService, type ServiceDependencies } from '@zhas/service-kit';
import { type Config, SERVICE_NAME } from './config';
import { declareFrameworkRoutes } from './features/framework/routes';
import { IndicatorDefinitions } from './features/framework/store';
import { declareIndicatorRoutes } from './features/indicators/routes';
import { projectionHandlers } from './features/read-models/handlers';
import { readModelProgress } from './features/read-models/progress';
import { Generations } from './features/read-models/store';
import { Rebuilds } from './features/rebuild/rebuilds';
import { declareRebuildRoutes } from './features/rebuild/routes';
import { declareSnapshotRoutes } from './features/snapshots/routes';

/** The services whose events feed the read models: every one but this. */
export const CONSUMED_SERVICES = ['competitions', 'applications', 'tracking'] as const;

/** The composition root of the reporting service: wires its features to the database and Kafka. */
export async function composeService(deps: ServiceDependencies<Config>): Promise<ComposedService> {
  const db = deps.mongo.db!;
  const generations = new Generations(db);
  await generations.ensure();
  const definitions = new IndicatorDefinitions(db);
  await definitions.seed();

  const topics = CONSUMED_SERVICES.map((service) => topicFor(service, deps.topicPrefix));
  // The live consumer's group, as service-kit names it.
  const groupId = deps.topicPrefix ? `${deps.topicPrefix}.${SERVICE_NAME}` : SERVICE_NAME;
  const rebuilds = new Rebuilds({
    db,
    kafka: deps.kafka,
    generations,
    topics,
    groupId,
    deadLetterTopic: deadLetterTopic(SERVICE_NAME, deps.topicPrefix),
    logger: deps.logger,
    now: deps.now,
    timeoutMs: deps.config.REBUILD_TIMEOUT_MS,
  });

  declareFrameworkRoutes(deps.api, definitions, deps.now);
  declareIndicatorRoutes({ api: deps.api, definitions, generations });
  declareSnapshotRoutes(deps, definitions, generations);
  declareRebuildRoutes(deps.api, rebuilds, () => readModelProgress(deps.kafka, generations, groupId, topics));

  return {
    handlers: projectionHandlers(generations.liveSink()),
    onStop: [() => rebuilds.stop()],
  };
}
