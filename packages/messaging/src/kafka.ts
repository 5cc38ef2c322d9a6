import { type Admin, Kafka, type LogEntry, logLevel as kafkaLogLevel } from 'kafkajs';
import { type Logger } from 'pino';

/**
 * The one place that constructs the Kafka client. Everything else in the platform talks to the small interfaces of
 * this package (producer, relay, consumer runner), so moving to another client or broker version stays cheap.
 */
export function createKafka(options: {
  clientId: string;
  brokers: readonly string[];
  logger: Logger;
}): Kafka {
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: kafkaLogLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...rest } = entry.log;
      const fields = { namespace: entry.namespace, ...rest };
      switch (entry.level) {
        case kafkaLogLevel.ERROR:
          options.logger.error(fields, message);
          break;
        case kafkaLogLevel.WARN:
          options.logger.warn(fields, message);
          break;
        case kafkaLogLevel.INFO:
          options.logger.info(fields, message);
          break;
        default:
          options.logger.debug(fields, message);
      }
    },
    retry: { initialRetryTime: 300, retries: 8 },
  });
}

/**
 * Readiness of Kafka: the cluster can be described. The check has a client of its own that never retries, so an
 * unreachable broker fails the check at once instead of leaving retries running after it gave up.
 */
export function kafkaHealthCheck(options: { clientId: string; brokers: readonly string[] }): {
  name: string;
  check: () => Promise<void>;
  close: () => Promise<void>;
} {
  const kafka = new Kafka({
    clientId: `${options.clientId}-health`,
    brokers: [...options.brokers],
    logLevel: kafkaLogLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 1_500,
    retry: { retries: 0 },
  });
  let admin: Admin | undefined;
  let connected: Promise<void> | undefined;
  return {
    name: 'kafka',
    check: async () => {
      admin ??= kafka.admin({ retry: { retries: 0 } });
      connected ??= admin.connect().catch((error: unknown) => {
        connected = undefined;
        throw error;
      });
      await connected;
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length === 0) throw new Error('no brokers');
    },
    close: async () => {
      await admin?.disconnect();
    },
  };
}
