import { provideInfrastructure, type TestInfrastructure } from './infrastructure';

declare global {
  var zhasTestInfrastructure: TestInfrastructure | undefined;
}

/** Runs once before the integration and end-to-end tests; what it puts in process.env reaches the test workers. */
export default async function globalSetup(): Promise<void> {
  if (globalThis.zhasTestInfrastructure) return; // shared by the integration and end-to-end projects
  const infra = await provideInfrastructure();
  globalThis.zhasTestInfrastructure = infra;
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.MONGO_URL = infra.mongoUrl;
  console.log(
    `\nTest infrastructure (${infra.source}): Kafka ${infra.kafkaBrokers}, MongoDB ${infra.mongoUrl}`,
  );
}
