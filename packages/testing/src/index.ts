import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import mongoose, { type Connection } from 'mongoose';
import { pino, type Logger } from 'pino';

/**
 * A name no other test file or earlier run uses, for databases, topic prefixes and consumer groups: each test
 * file works in its own space on the shared servers (docs/architecture.md, "Layout").
 */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** The brokers the global setup found or started (KAFKA_BROKERS). */
export function testBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers)
    throw new Error(
      'KAFKA_BROKERS is not set: run integration tests through jest (the global setup sets it)',
    );
  return brokers.split(',');
}

export function testMongoUrl(): string {
  const url = process.env.MONGO_URL;
  if (!url)
    throw new Error('MONGO_URL is not set: run integration tests through jest (the global setup sets it)');
  return url;
}

export function testKafka(clientId = uniqueName('test')): Kafka {
  return new Kafka({ clientId, brokers: testBrokers(), logLevel: logLevel.NOTHING });
}

/** A connection to a fresh database of its own; drop it in afterAll with `dropTestDatabase`. */
export async function testDatabase(prefix: string): Promise<Connection> {
  return mongoose.createConnection(testMongoUrl(), { dbName: uniqueName(prefix) }).asPromise();
}

export async function dropTestDatabase(connection: Connection): Promise<void> {
  await connection.dropDatabase();
  await connection.close();
}

/** Quiet in tests unless TEST_LOG_LEVEL asks for more. */
export function testLogger(): Logger {
  return pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
}

/**
 * Polls a condition until it holds. For conditions with no event to await (a backlog reaching zero after a broker
 * restart); where an offset can be awaited, await the offset instead.
 */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not true after ${options.timeoutMs ?? 30_000} ms${lastError instanceof Error ? ` (last error: ${lastError.message})` : ''}`,
      );
    }
    await sleep(options.intervalMs ?? 100);
  }
}
export { iatiErrors, threeSixtyGivingErrors } from './open-data-standards';
export { Mailbox } from './mailbox';
export type { CaughtMessage } from './mailbox';
export { publishEvents, resultsProgramme, resultsRounds, type ResultsProgramme } from './results-programme';
