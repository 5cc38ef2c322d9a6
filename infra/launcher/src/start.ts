#!/usr/bin/env node
/**
 * npm start [-- --kafka-brokers 3]: brings the infrastructure up if needed, starts every service, waits until each
 * is ready and prints where to look. Ctrl-C stops the services, then the embedded servers if this run started them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { envWithArgs } from './args';
import { down, type ServerState, up } from './infrastructure';
import { launcherPaths } from './paths';
import { portOffset, SERVICES } from './services';
import { MissingToolError } from './tools';

const READY_TIMEOUT_MS = 90_000;

async function main(): Promise<void> {
  const env = envWithArgs(process.argv.slice(2));
  const paths = launcherPaths(env);
  const offset = portOffset(env);
  const portOf = (service: (typeof SERVICES)[number]) => service.port + offset;
  const started = Date.now();
  console.log('Zhas Grants Platform: starting...');
  const infra = await up({ env });
  console.log(`  Kafka    ${infra.kafkaBrokers}  (${describe(infra.kafka)})`);
  console.log(`  MongoDB  ${infra.mongoUrl}  (${describe(infra.mongo)})`);

  const children = new Map<string, ChildProcess>();
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the services...');
    await Promise.all([...children.values()].map((child) => stopChild(child)));
    const ours = [
      ...(infra.kafka === 'started' ? (['kafka'] as const) : []),
      ...(infra.mongo === 'started' ? (['mongo'] as const) : []),
    ];
    if (ours.length > 0 && env.ZHAS_KEEP_INFRA !== '1') {
      console.log('Stopping the embedded infrastructure this run started...');
      await down({ env, only: ours });
    }
    console.log('Stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  for (const service of SERVICES) {
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', join(paths.repoRoot, 'services', service.name, 'dist', 'main.js')],
      {
        cwd: paths.repoRoot,
        env: {
          ...env,
          PORT: String(portOf(service)),
          KAFKA_BROKERS: infra.kafkaBrokers,
          MONGO_URL: infra.mongoUrl,
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    children.set(service.name, child);
    child.once('exit', (code, signal) => {
      children.delete(service.name);
      if (!stopping) {
        console.error(
          `The ${service.name} service exited (${signal ?? `code ${code}`}); stopping everything.`,
        );
        void stopAll(1);
      }
    });
  }

  await Promise.all(
    SERVICES.map((service) => waitReady(`http://127.0.0.1:${portOf(service)}/health/ready`, () => stopping)),
  );
  if (stopping) return;

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\nReady in ${seconds} s. Services:`);
  for (const service of SERVICES) {
    const base = `http://127.0.0.1:${portOf(service)}`;
    console.log(`  ${service.name.padEnd(13)} ${base}  (${service.owns})`);
    console.log(
      `  ${''.padEnd(13)} API docs ${base}/docs   OpenAPI ${base}/openapi.json   health ${base}/health/ready`,
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

async function waitReady(url: string, cancelled: () => boolean): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!cancelled()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} was not ready after ${READY_TIMEOUT_MS / 1000} s`);
    await sleep(250);
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

main().catch((error: unknown) => {
  console.error(error instanceof MissingToolError ? error.message : error);
  process.exit(1);
});
