import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { down, type Infrastructure, up } from './infrastructure';
import { keycloakSettings } from './keycloak';
import { type LauncherPaths, launcherPaths } from './paths';
import { PORTAL, portOffset, SERVICES } from './services';

/*
 * The whole platform on one machine: the infrastructure (Kafka, FerretDB, Keycloak), the four services and the
 * portal, each started as a child process and waited for until it answers /health/ready. `npm start` uses it, and
 * so do the browser tests, with their own ports, topic prefix and database names.
 */

export interface PlatformOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly paths?: LauncherPaths;
  readonly log?: (line: string) => void;
  /** Prepended to every topic name (TOPIC_PREFIX) and database name: a test run beside a developer's data. */
  readonly namePrefix?: string;
  /** `inherit`: the processes write to this terminal (npm start); `files`: to <data>/logs/<name>.log (tests). */
  readonly output?: 'inherit' | 'files';
  /** Called when a process exits by itself (not through `stop`). */
  readonly onExit?: (name: string, description: string) => void;
}

export interface RunningPlatform {
  readonly infra: Infrastructure;
  readonly portalUrl: string;
  readonly serviceUrls: Record<(typeof SERVICES)[number]['name'], string>;
  readonly issuer: string;
  readonly clientSecret: string;
  readonly demoPassword: string;
  /** Stops the services and the portal; the embedded servers keep running (a test may still clean up in them). */
  stopProcesses(): Promise<void>;
  /** Stops the processes, then the embedded servers this call started (unless ZHAS_KEEP_INFRA=1). */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;

export async function startPlatform(options: PlatformOptions = {}): Promise<RunningPlatform> {
  const env = options.env ?? process.env;
  const paths = options.paths ?? launcherPaths(env);
  const log = options.log ?? ((line: string) => console.log(line));
  const offset = portOffset(env);
  const prefix = options.namePrefix ?? '';
  const infra = await up({ env, paths, log, withKeycloak: true, withMailCatcher: true });
  const keycloak = keycloakSettings(env, offset);
  const issuer = infra.oidc?.issuer ?? '';
  const clientSecret = env.OIDC_CLIENT_SECRET ?? keycloak.clientSecret;
  const jwksUrl = await jwksUriOf(issuer);

  const serviceUrls = Object.fromEntries(
    SERVICES.map((service) => [service.name, `http://127.0.0.1:${service.port + offset}`]),
  ) as RunningPlatform['serviceUrls'];
  const portalPort = Number(env.PORTAL_PORT ?? PORTAL.port + offset);
  const portalUrl = keycloak.portalUrl;

  const common: NodeJS.ProcessEnv = {
    ...env,
    KAFKA_BROKERS: infra.kafkaBrokers,
    MONGO_URL: infra.mongoUrl,
    ...(prefix ? { TOPIC_PREFIX: prefix } : {}),
    // The services that send e-mail send it here; links in messages lead to the portal.
    ...(infra.mail ? { NOTIFY_SMTP_URL: infra.mail.smtpUrl } : {}),
    NOTIFY_PORTAL_URL: env.NOTIFY_PORTAL_URL ?? keycloak.portalUrl,
  };
  const processes: { name: string; port: number; env: NodeJS.ProcessEnv }[] = [
    ...SERVICES.map((service) => ({
      name: service.name,
      port: service.port + offset,
      env: {
        ...common,
        PORT: String(service.port + offset),
        ...(prefix ? { MONGO_DB: `${prefix}zhas-${service.name}` } : {}),
        // The services trust the sign-in provider's tokens, and outside production `npm run token`'s too.
        AUTH_JWKS_URL: jwksUrl,
        AUTH_ISSUER: issuer,
        // The portal and seed:demo act for many people from this machine: the per-address volume limits skip it
        // (token failures and the per-account limits still apply). Set the variable to '' to try them locally.
        RATE_LIMIT_EXEMPT_ADDRESSES: env.RATE_LIMIT_EXEMPT_ADDRESSES ?? '127.0.0.1',
      },
    })),
    {
      name: PORTAL.name,
      port: portalPort,
      env: {
        ...common,
        PORT: String(portalPort),
        PORTAL_PUBLIC_URL: portalUrl,
        ...(prefix ? { MONGO_DB: `${prefix}zhas-portal` } : {}),
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: env.OIDC_CLIENT_ID ?? 'zhas-portal',
        OIDC_CLIENT_SECRET: clientSecret,
        COMPETITIONS_URL: serviceUrls.competitions,
        APPLICATIONS_URL: serviceUrls.applications,
        TRACKING_URL: serviceUrls.tracking,
        REPORTING_URL: serviceUrls.reporting,
      },
    },
  ];

  const children = new Map<string, ChildProcess>();
  let stopping = false;
  const logDir = join(paths.dataDir, 'logs');
  if (options.output === 'files') mkdirSync(logDir, { recursive: true });
  for (const proc of processes) {
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', join(paths.repoRoot, 'services', proc.name, 'dist', 'main.js')],
      {
        cwd: paths.repoRoot,
        env: proc.env,
        stdio: options.output === 'files' ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
      },
    );
    if (options.output === 'files') {
      const file = createWriteStream(join(logDir, `${proc.name}.log`), { flags: 'a' });
      child.stdout?.pipe(file);
      child.stderr?.pipe(file);
    }
    children.set(proc.name, child);
    child.once('exit', (code, signal) => {
      children.delete(proc.name);
      if (!stopping) options.onExit?.(proc.name, signal ?? `code ${code}`);
    });
  }

  const stopProcesses = async () => {
    stopping = true;
    await Promise.all([...children.values()].map((child) => stopChild(child)));
  };

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopProcesses();
    const ours = [
      ...(infra.kafka === 'started' ? (['kafka'] as const) : []),
      ...(infra.mongo === 'started' ? (['mongo'] as const) : []),
      ...(infra.oidc?.state === 'started' ? (['keycloak'] as const) : []),
      ...(infra.mail?.state === 'started' ? (['mailpit'] as const) : []),
    ];
    if (ours.length > 0 && env.ZHAS_KEEP_INFRA !== '1') {
      log('Stopping the embedded infrastructure this run started...');
      await down({ env, paths, only: ours });
    }
  };

  try {
    await Promise.all(
      processes.map((proc) =>
        waitReady(`http://127.0.0.1:${proc.port}/health/ready`, () => stopping || !children.has(proc.name)),
      ),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  if (children.size < processes.length) {
    await stop();
    throw new Error('a process of the platform exited while starting; see its output above');
  }
  return {
    infra,
    portalUrl,
    serviceUrls,
    issuer,
    clientSecret,
    demoPassword: keycloak.demoPassword,
    stopProcesses,
    stop,
  };
}

/** The provider's JWKS address, from its OpenID configuration. */
async function jwksUriOf(issuer: string): Promise<string> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`${issuer} serves no OpenID configuration (${response.status})`);
  const configuration = (await response.json()) as { jwks_uri?: unknown };
  if (typeof configuration.jwks_uri !== 'string') throw new Error(`${issuer} names no jwks_uri`);
  return configuration.jwks_uri;
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
