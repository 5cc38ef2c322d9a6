import { consumerGroup, deadLetterTopic, topicFor } from '@zhas/contracts';
import { type ComposeService, declareFeatures } from '@zhas/service-kit';
import { type Config, SERVICE_NAME } from './config';
import { PUBLIC_RULE } from './features/disclosure/domain';
import { Figures } from './features/figures/commands';
import * as figureRoutes from './features/figures/routes';
import { SnapshotLog } from './features/figures/store';
import * as framework from './features/framework/routes';
import { IndicatorDefinitions } from './features/framework/store';
import * as indicators from './features/indicators/routes';
import * as openData from './features/open-data/routes';
import * as publicFigures from './features/public/routes';
import { projectionBatchHandler } from './features/read-models/batch';
import { projectionHandlers } from './features/read-models/handlers';
import { readModelProgress } from './features/read-models/progress';
import { Generations, type ReadModelSink } from './features/read-models/store';
import { Rebuilds } from './features/rebuild/rebuilds';
import * as rebuild from './features/rebuild/routes';
import * as snapshots from './features/snapshots/routes';
import { type Reporting } from './shared/context';

/** The services whose events feed the read models: every one but this. */
export const CONSUMED_SERVICES = ['competitions', 'applications', 'tracking'] as const;

/** The live consumer's partitions handled at the same time (of the nine it reads). */
const READ_MODEL_PARTITIONS_AT_ONCE = 3;

/** The composition root of the reporting service: wires its features to the database and Kafka. */
export const composeService: ComposeService<Config> = async (deps) => {
  const db = deps.mongo.db!;
  const generations = new Generations(db);
  await generations.ensure();
  const definitions = new IndicatorDefinitions(db);
  await definitions.seed();

  const topics = CONSUMED_SERVICES.map((service) => topicFor(service, deps.topicPrefix));
  const groupId = consumerGroup(SERVICE_NAME, deps.topicPrefix);
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

  const reporting: Reporting = {
    deps,
    generations,
    definitions,
    figures,
    snapshotLog,
    rebuilds,
    progress,
    internalRule: { threshold: deps.config.SMALL_CELL_THRESHOLD, roundTo: 1 },
    publicRule: { ...PUBLIC_RULE, threshold: deps.config.SMALL_CELL_THRESHOLD },
  };
  await declareFeatures(deps.api, reporting, {
    features: [framework, indicators, figureRoutes, snapshots, publicFigures, openData, rebuild],
  });

  // The figures learn of every write of the live consumer, so the next query takes a new tally that reads those
  // documents again, and of each rebalance, after which they read every document.
  const live = generations.liveSink();
  const sink: ReadModelSink = {
    write: async (name, id, ...rest) => {
      try {
        await live.write(name, id, ...rest);
      } finally {
        figures.touched(new Map([[name, [id]]])); // a failed write may have reached one generation
      }
    },
  };

  return {
    handlers: projectionHandlers(sink),
    batchHandler: projectionBatchHandler(
      generations,
      () => generations.liveTargets(),
      (documents) => figures.touched(documents),
    ),
    onGroupJoin: (assignment) => figures.joined(assignment),
    // Every read-model write is guarded per slot by the aggregate's version, so batches of different partitions
    // commute: a partition's batch need not wait behind the others' writes to be applied (each partition stays in
    // order, and its offsets are committed after its own writes).
    partitionsConsumedConcurrently: READ_MODEL_PARTITIONS_AT_ONCE,
    onStop: [() => rebuilds.stop(), () => figures.stop()],
  };
};
