import { EventEmitter } from 'node:events';
import { type MongoClient } from 'mongodb';
import { type Logger } from 'pino';
import { logSlowCommands } from './slow-commands';

function setup(thresholdMs: number) {
  const client = new EventEmitter();
  const warnings: Record<string, unknown>[] = [];
  const logger = { warn: (fields: Record<string, unknown>) => warnings.push(fields) } as unknown as Logger;
  logSlowCommands(client as unknown as MongoClient, logger, thresholdMs);
  const run = (requestId: number, command: Record<string, unknown>, duration: number) => {
    const commandName = Object.keys(command)[0]!;
    client.emit('commandStarted', { requestId, commandName, command });
    client.emit('commandSucceeded', { requestId, commandName, duration, databaseName: 'zhas-test' });
  };
  return { run, warnings };
}

describe('slow database commands', () => {
  it('logs a slow command with its collection and the names (not values) of the fields it filters on', () => {
    const { run, warnings } = setup(100);
    run(1, { update: 'participants', updates: [{ q: { iinDigest: 'secret-digest', version: 3 } }] }, 250);
    expect(warnings).toEqual([
      {
        command: 'update',
        database: 'zhas-test',
        durationMs: 250,
        collection: 'participants',
        filterFields: ['iinDigest', 'version'],
      },
    ]);
    expect(JSON.stringify(warnings)).not.toContain('secret-digest');
  });

  it('stays quiet below the threshold, and entirely when turned off', () => {
    const quick = setup(100);
    quick.run(1, { find: 'bids', filter: { _id: 'b-1' } }, 20);
    expect(quick.warnings).toEqual([]);
    const off = setup(0);
    off.run(1, { find: 'bids', filter: { teamId: 't-1' } }, 5_000);
    expect(off.warnings).toEqual([]);
  });
});
