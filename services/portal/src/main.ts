import { MongoClient } from 'mongodb';
import { ConfigError, createLogger, listen } from '@zhas/service-kit';
import { createPortalApp } from './app';
import { loadPortalConfig } from './config';
import { sweepExpiredSessions } from './sessions';

async function main(): Promise<void> {
  const config = loadPortalConfig();
  const logger = createLogger({ service: 'portal', level: config.LOG_LEVEL });
  const mongo = new MongoClient(config.MONGO_URL, { serverSelectionTimeoutMS: 5_000 });
  await mongo.connect();
  const app = createPortalApp(config, { mongo, logger });
  const stopSweep = sweepExpiredSessions(config, mongo, logger);
  await listen(app, {
    host: config.HOST,
    port: config.PORT,
    logger,
    onStop: [() => Promise.resolve(stopSweep()), () => mongo.close()],
  });
  logger.info({ publicUrl: config.PORTAL_PUBLIC_URL, issuer: config.OIDC_ISSUER }, 'portal ready');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
