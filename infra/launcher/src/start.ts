#!/usr/bin/env node
/**
 * npm start [-- --kafka-brokers 3]: brings the infrastructure up if needed (Kafka, FerretDB, Keycloak, the mail catcher), starts every
 * service and the portal, waits until each is ready and prints where to look. Ctrl-C stops them, then the embedded servers if this
 * run started them.
 */
import { envWithArgs } from './args';
import { type ServerState } from './infrastructure';
import { demoAccounts } from './keycloak';
import { launcherPaths } from './paths';
import { startPlatform, type RunningPlatform } from './platform';
import { SERVICES } from './services';
import { MissingToolError } from './tools';

async function main(): Promise<void> {
  const env = envWithArgs(process.argv.slice(2));
  const paths = launcherPaths(env);
  const started = Date.now();
  console.log('Zhas Grants Platform: starting...');
  const running: { platform?: RunningPlatform } = {};
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the services...');
    await running.platform?.stop();
    console.log('Stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const platform = await startPlatform({
    env,
    paths,
    log: (line) => console.log(line),
    output: 'inherit',
    onExit: (name, description) => {
      console.error(`The ${name} process exited (${description}); stopping everything.`);
      void stopAll(1);
    },
  });
  running.platform = platform;
  if (stopping) {
    await platform.stop();
    return;
  }
  const { infra } = platform;

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\nReady in ${seconds} s.`);
  console.log(`  Kafka     ${infra.kafkaBrokers}  (${describe(infra.kafka)})`);
  console.log(`  MongoDB   ${infra.mongoUrl}  (${describe(infra.mongo)})`);
  console.log(`  Sign-in   ${platform.issuer}  (${describe(infra.oidc?.state ?? 'external')})`);
  if (infra.mail?.webUrl) {
    console.log(
      `  Mail      ${infra.mail.webUrl}  (every e-mail the platform sends is caught and shown here; SMTP ${infra.mail.smtpUrl})`,
    );
  } else if (infra.mail) {
    console.log(`  Mail      ${infra.mail.smtpUrl}  (from the environment)`);
  }
  console.log('\nServices:');
  for (const service of SERVICES) {
    const base = platform.serviceUrls[service.name];
    console.log(`  ${service.name.padEnd(13)} ${base}  (${service.owns})`);
    console.log(
      `  ${''.padEnd(13)} API docs ${base}/docs   OpenAPI ${base}/openapi.json   health ${base}/health/ready`,
    );
  }
  console.log(`
Portal: ${platform.portalUrl}   (open it in a browser; new applicants register from its sign-in page)`);
  if (infra.oidc?.state !== 'external') {
    console.log(`Demo accounts (password "${platform.demoPassword}"):`);
    for (const account of demoAccounts(paths)) {
      console.log(`  ${account.username.padEnd(17)} ${account.roles.join(', ').padEnd(12)} ${account.note}`);
    }
    console.log(
      `Keycloak administration: ${platform.issuer.replace(/\/realms\/.*$/, '/admin/')}  (admin / ${platform.demoPassword})`,
    );
  }
  console.log(`
A token for calling the APIs:  npm run -s token -- --role coordinator | tail -n1
Demo data (a 2019-sized round, about 15 minutes): npm run seed:demo   (smaller: npm run seed:demo -- --youth 300, about 1.5 minutes)
Infrastructure: npm run infra:status. Press Ctrl-C to stop the services.`);
}

function describe(state: ServerState): string {
  switch (state) {
    case 'external':
      return 'from the environment';
    case 'started':
      return 'embedded, started now';
    case 'running':
      return 'embedded, already running';
    case 'shared':
      return 'already listening, started elsewhere';
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof MissingToolError ? error.message : error);
  process.exit(1);
});
