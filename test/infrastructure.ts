/**
 * Finds Kafka and a MongoDB-compatible server for the integration and end-to-end tests, in this order:
 *   1. KAFKA_BROKERS and MONGO_URL from the environment (your own cluster, CI services);
 *   2. testcontainers, when a container runtime answers (Kafka 3.9 in KRaft mode and MongoDB);
 *   3. the embedded launcher (infra/launcher): Apache Kafka from Maven Central jars and FerretDB.
 */
import { down, up } from '@zhas/launcher';

export interface TestInfrastructure {
  readonly kafkaBrokers: string;
  readonly mongoUrl: string;
  readonly source: 'environment' | 'testcontainers' | 'embedded';
  stop(): Promise<void>;
}

const KAFKA_IMAGE = 'confluentinc/cp-kafka:7.9.1'; // Apache Kafka 3.9
const MONGO_IMAGE = 'mongo:7.0';

export async function provideInfrastructure(
  env: NodeJS.ProcessEnv = process.env,
): Promise<TestInfrastructure> {
  const kafkaBrokers = env.KAFKA_BROKERS?.trim();
  const mongoUrl = env.MONGO_URL?.trim();
  if (kafkaBrokers && mongoUrl) {
    return { kafkaBrokers, mongoUrl, source: 'environment', stop: () => Promise.resolve() };
  }
  if (env.ZHAS_TEST_INFRA !== 'embedded' && (await containerRuntimeAnswers())) {
    return startContainers();
  }
  const infra = await up({ env });
  const startedHere = [
    ...(infra.kafka === 'started' ? (['kafka'] as const) : []),
    ...(infra.mongo === 'started' ? (['mongo'] as const) : []),
  ];
  return {
    kafkaBrokers: infra.kafkaBrokers,
    mongoUrl: infra.mongoUrl,
    source: 'embedded',
    // Stop only what this run started: a developer's `npm start` keeps its servers.
    stop: async () => {
      if (env.ZHAS_KEEP_INFRA !== '1' && startedHere.length > 0) await down({ env, only: startedHere });
    },
  };
}

async function containerRuntimeAnswers(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function startContainers(): Promise<TestInfrastructure> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const { MongoDBContainer } = await import('@testcontainers/mongodb');
  const [kafka, mongo] = await Promise.all([
    new KafkaContainer(KAFKA_IMAGE)
      .withKraft()
      .withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' })
      .start(),
    new MongoDBContainer(MONGO_IMAGE).start(),
  ]);
  return {
    kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
    // The module starts a single-node replica set; connect to the node directly.
    mongoUrl: `${mongo.getConnectionString()}/?directConnection=true`,
    source: 'testcontainers',
    stop: async () => {
      await Promise.all([kafka.stop(), mongo.stop()]);
    },
  };
}
