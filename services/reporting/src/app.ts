import { deadLetterTopic, topicFor } from '@zhas/contracts';
import { type ComposedService, type ServiceDependencies } from '@zhas/service-kit';
import { type Config, SERVICE_NAME } from './config';
import { PUBLIC_RULE } from './features/disclosure/domain';
import { Figures } from './features/figures/commands';
import { declareFigureRoutes } from './features/figures/routes';
import { SnapshotLog } from './features/figures/store';
import { declareFrameworkRoutes } from './features/framework/routes';
import { IndicatorDefinitions } from './features/framework/store';
import { declareIndicatorRoutes } from './features/indicators/routes';
import { declareOpenDataRoutes } from './features/open-data/routes';
import { declarePublicRoutes } from './features/public/routes';
import { projectionBatchHandler } from './features/read-models/batch';
import { projectionHandlers } from './features/read-models/handlers';
import { readModelProgress } from './features/read-models/progress';
import { Generations, type ReadModelSink } from './features/read-models/store';
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

  const progress = () => readModelProgress(deps.kafka, generations, groupId, topics);
  const snapshotLog = new SnapshotLog(db);
  const figures = new Figures({
    generations,
    log: snapshotLog,
    offsets: async () =>
      (await progress()).partitions.map(({ topic, partition, processedUpTo }) => ({
        topic,
        partition,
        offset: processedUpTo,
      })),
    now: deps.now,
    logger: deps.logger,
    maxWaitMs: deps.config.FIGURES_MAX_WAIT_MS,
    recheckMs: deps.config.FIGURES_RECHECK_MS,
  });
  const internalRule = { threshold: deps.config.SMALL_CELL_THRESHOLD, roundTo: 1 };

  declareFrameworkRoutes(deps.api, definitions, deps.now);
  declareIndicatorRoutes({ api: deps.api, definitions, figures });
  declareFigureRoutes(deps.api, figures, definitions, internalRule, snapshotLog);
  declareSnapshotRoutes(deps, definitions, figures);
  const publicRule = { ...PUBLIC_RULE, threshold: deps.config.SMALL_CELL_THRESHOLD };
  declarePublicRoutes(deps.api, { figures, definitions, rule: publicRule, now: deps.now });
  declareOpenDataRoutes({
    api: deps.api,
    generations,
    figures,
    definitions,
    rule: publicRule,
    now: deps.now,
    ...(deps.config.OPEN_DATA_ENDED_ON ? { endedOn: deps.config.OPEN_DATA_ENDED_ON } : {}),
    publisher: {
      orgRef: deps.config.OPEN_DATA_ORG_REF,
      orgName: {
        kk: 'Қазақстан Республикасы Білім және ғылым министрлігі',
        ru: 'Министерство образования и науки Республики Казахстан',
        en: 'Ministry of Education and Science of the Republic of Kazakhstan',
      },
      orgType: '10',
      activityId: `${deps.config.OPEN_DATA_ORG_REF}-P127966`,
      grantPrefix: deps.config.OPEN_DATA_GRANT_PREFIX,
      website: deps.config.OPEN_DATA_WEBSITE,
      licence: deps.config.OPEN_DATA_LICENCE,
    },
  });
  declareRebuildRoutes(deps.api, rebuilds, progress);

  // The figures learn of every write of the live consumer, so the next query takes a new tally.
  const live = generations.liveSink();
  const sink: ReadModelSink = {
    write: async (...args) => {
      await live.write(...args);
      figures.touched();
    },
  };

  const batch = projectionBatchHandler(generations, () => generations.liveTargets(), deps.logger);

  return {
    handlers: projectionHandlers(sink),
    batchHandler: async (events, context) => {
      await batch(events, context);
      figures.touched();
    },
    onStop: [() => rebuilds.stop()],
  };
}
