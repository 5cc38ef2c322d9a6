import { createServer } from 'node:net';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startPlatform } from '@zhas/launcher';

/**
 * Starts the whole platform for the browser tests, unless PORTAL_URL names one already running: Kafka and the
 * MongoDB-compatible server are found or started like the jest suites do (shared when one answers), while Keycloak,
 * the services and the portal run on free ports of their own, with their own data folder, topic prefix and
 * database names, so a developer's `npm start` is never touched.
 */
export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.PORTAL_URL) return undefined;
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const offset = await freeOffset();
  const prefix = `browser-${Date.now().toString(36)}-`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ZHAS_PORT_OFFSET: String(offset),
    ZHAS_DATA_DIR: process.env.ZHAS_BROWSER_DATA_DIR ?? path.join(repoRoot, '.data', 'browser-tests'),
    LOG_LEVEL: 'warn',
    // Each run may get another portal port, which the realm must allow as the redirect: its Keycloak data is
    // throw-away, so it is imported again whenever the port or the realm file changed.
    ZHAS_KEYCLOAK_REIMPORT: 'on-change',
  };
  const started = Date.now();
  const platform = await startPlatform({
    env,
    namePrefix: prefix,
    output: 'files',
    log: (line) => console.log(line),
  });
  console.log(
    `Platform for the browser tests at ${platform.portalUrl} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  process.env.PORTAL_URL = platform.portalUrl;
  process.env.ZHAS_DEMO_PASSWORD = platform.demoPassword;
  process.env.ZHAS_OIDC_ISSUER = platform.issuer;
  process.env.ZHAS_SERVICE_URLS = JSON.stringify(platform.serviceUrls);
  // The mail catcher of this platform: the notification tests read the e-mail people get through its API.
  if (platform.infra.mail?.webUrl) process.env.ZHAS_MAIL_URL = platform.infra.mail.webUrl;
  // Where tests may write the events other services would publish (the results dashboards' programme).
  process.env.ZHAS_BROWSER_KAFKA_BROKERS = platform.infra.kafkaBrokers;
  process.env.ZHAS_BROWSER_TOPIC_PREFIX = prefix;
  return async () => {
    // The run's databases go while the database server still runs (this run may have started it and stops it
    // below); its topics stay (Kafka keeps event topics by design) and are named by the prefix.
    await platform.stopProcesses();
    const mongo = new MongoClient(platform.infra.mongoUrl);
    try {
      const { databases } = await mongo.db('admin').admin().listDatabases({ nameOnly: true });
      for (const { name } of databases) if (name.startsWith(prefix)) await mongo.db(name).dropDatabase();
    } finally {
      await mongo.close();
      await platform.stop();
    }
  };
}

/** A port offset whose portal, services and Keycloak ports are all free. */
async function freeOffset(): Promise<number> {
  for (let offset = 3000; offset < 20_000; offset += 100) {
    const ports = [4100, 4101, 4102, 4103, 4104, 8089, 1025, 8025].map((port) => port + offset);
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return offset;
  }
  throw new Error('no free port offset for the browser tests');
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
