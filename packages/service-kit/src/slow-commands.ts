import { metrics } from '@opentelemetry/api';
import { type MongoClient } from 'mongodb';
import { type Logger } from 'pino';

const databaseStatements = metrics.getMeter('@zhas/service-kit').createCounter('zhas.db.statements', {
  description:
    'Database statements sent, by command (an insert counts its documents, an update or delete its statements): ' +
    'how many round trips and writes each request and event costs',
});

/**
 * Logs database commands slower than `thresholdMs` with their collection and the names of the fields they filter
 * on (never the values: filters can hold personal data). On the embedded FerretDB a filter other than `{_id}` reads
 * the whole collection, so this is how a query that grows with the data shows itself before it hurts. Every
 * statement is also counted (`zhas.db.statements` by command), so the database work of a request shows in /metrics.
 */
export function logSlowCommands(client: MongoClient, logger: Logger, thresholdMs: number): void {
  if (thresholdMs <= 0) return;
  const started = new Map<number, { collection?: string; filterFields?: string[] }>();
  client.on('commandStarted', (event) => {
    const { command } = event;
    const documents = (command.documents ?? command.updates ?? command.deletes) as unknown[] | undefined;
    databaseStatements.add(Array.isArray(documents) ? documents.length : 1, { command: event.commandName });
    const target: unknown = command[event.commandName];
    // find/count/findAndModify carry one filter; update and delete a list of statements, each with its own.
    const statements = (command.updates ?? command.deletes) as { q?: unknown }[] | undefined;
    const filter = (command.filter ?? command.query ?? statements?.[0]?.q) as unknown;
    started.set(event.requestId, {
      ...(typeof target === 'string' ? { collection: target } : {}),
      ...(filter && typeof filter === 'object' ? { filterFields: Object.keys(filter) } : {}),
    });
  });
  const finished = (event: {
    requestId: number;
    duration: number;
    commandName: string;
    databaseName: string;
  }) => {
    const command = started.get(event.requestId);
    started.delete(event.requestId);
    if (event.duration < thresholdMs) return;
    logger.warn(
      { command: event.commandName, database: event.databaseName, durationMs: event.duration, ...command },
      'slow database command',
    );
  };
  client.on('commandSucceeded', finished);
  client.on('commandFailed', finished);
}
