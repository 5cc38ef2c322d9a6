import { type MongoClient } from 'mongodb';
import { type Logger } from 'pino';

/**
 * Logs database commands slower than `thresholdMs` with their collection and the names of the fields they filter
 * on (never the values: filters can hold personal data). On the embedded FerretDB a filter other than `{_id}` reads
 * the whole collection, so this is how a query that grows with the data shows itself before it hurts.
 */
export function logSlowCommands(client: MongoClient, logger: Logger, thresholdMs: number): void {
  if (thresholdMs <= 0) return;
  const started = new Map<number, { collection?: string; filterFields?: string[] }>();
  client.on('commandStarted', (event) => {
    const { command } = event;
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
