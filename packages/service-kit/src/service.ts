import { type Server } from 'node:http';
import { type Express } from 'express';
import { type Logger } from './logger';

export interface RunningService {
  readonly server: Server;
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Listens, and on SIGTERM/SIGINT stops taking requests, then runs the closers (consumers, relays, connections) in
 * order.
 */
export async function listen(
  app: Express,
  options: {
    host: string;
    port: number;
    logger: Logger;
    onStop?: readonly (() => Promise<void>)[];
    handleSignals?: boolean;
  },
): Promise<RunningService> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port, options.host, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host}:${port}`;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      for (const close of options.onStop ?? []) {
        try {
          await close();
        } catch (error) {
          options.logger.error({ err: error }, 'error while stopping');
        }
      }
    })());

  if (options.handleSignals ?? true) {
    let signalled = false;
    const onSignal = (signal: NodeJS.Signals) => {
      // Ctrl-C reaches both `npm start` and its services, and `npm start` then sends SIGTERM too: one stop is enough.
      if (signalled) return;
      signalled = true;
      options.logger.info({ signal }, 'stopping');
      stop().then(
        () => {
          options.logger.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          options.logger.error({ err: error }, 'failed to stop cleanly');
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
  options.logger.info({ url }, 'listening');
  return { server, url, stop };
}
