import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { down, launcherPaths, SERVICES, up } from '@zhas/launcher';
import { issueLocalToken, type Role } from '@zhas/service-kit';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';

/** As `NODE_OPTIONS` in infra/helm/zhas-grants/templates/configmaps.yaml (a 512 MiB container). */
const DEPLOYED_HEAP = '--max-old-space-size=384';

/*
 * The platform a benchmark run measures: embedded Kafka and FerretDB of its own (own ports, own data folder,
 * wiped at the start of each run, stopped at the end) and the services as `npm start` runs them, each its own
 * Node process. It never uses the servers of `npm start` or of the tests: their data and load would mix with
 * the run's.
 */

export type ServiceName = (typeof SERVICES)[number]['name'];

export interface PlatformSettings {
  readonly kafkaPort: number;
  readonly kafkaControllerPort: number;
  readonly mongoPort: number;
  readonly portOffset: number;
  readonly dataDir: string;
}

/**
 * The bench's own ports: the variables `npm start` reads if set (so each engineer's run stays on their ports),
 * else defaults away from `npm start`'s and the tests' (Kafka 9192/9193, FerretDB 27117, services 5101-5104).
 */
export function platformSettings(env: NodeJS.ProcessEnv = process.env): PlatformSettings {
  const number = (name: string, fallback: number) => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    if (!/^\d{1,5}$/.test(text)) throw new Error(`${name} must be a port number, not "${text}"`);
    return Number(text);
  };
  return {
    kafkaPort: number('ZHAS_KAFKA_PORT', 9192),
    kafkaControllerPort: number('ZHAS_KAFKA_CONTROLLER_PORT', 9193),
    mongoPort: number('ZHAS_MONGO_PORT', 27117),
    portOffset: number('ZHAS_PORT_OFFSET', 1000),
    dataDir: env.ZHAS_BENCH_DATA_DIR ?? join(launcherPaths().repoRoot, '.data', 'bench'),
  };
}

export interface TokenClaims {
  readonly subject: string;
  readonly roles: Role[];
  readonly participantId?: string;
  readonly hostOrgId?: string;
  readonly regions?: string[];
}

export class Platform {
  readonly kafka: Kafka;
  readonly kafkaBrokers: string;
  readonly mongoUrl: string;
  private mongoClient: MongoClient | undefined;
  private readonly children = new Map<ServiceName, ChildProcess>();
  private readonly tokens = new Map<string, Promise<string>>();
  private readonly launcherEnv: NodeJS.ProcessEnv;

  private constructor(readonly settings: PlatformSettings) {
    this.kafkaBrokers = `127.0.0.1:${settings.kafkaPort}`;
    this.mongoUrl = `mongodb://127.0.0.1:${settings.mongoPort}/`;
    this.kafka = new Kafka({
      clientId: 'bench',
      brokers: [this.kafkaBrokers],
      logLevel: logLevel.NOTHING,
      retry: { retries: 8 },
    });
    this.launcherEnv = {
      ...process.env,
      KAFKA_BROKERS: '',
      MONGO_URL: '',
      ZHAS_DATA_DIR: join(settings.dataDir, 'infra'),
      ZHAS_KAFKA_PORT: String(settings.kafkaPort),
      ZHAS_KAFKA_CONTROLLER_PORT: String(settings.kafkaControllerPort),
      ZHAS_MONGO_PORT: String(settings.mongoPort),
    };
  }

  /** Starts fresh embedded servers (the data folder is wiped first); refuses servers it did not start. */
  static async start(settings: PlatformSettings, log: (line: string) => void): Promise<Platform> {
    const platform = new Platform(settings);
    await down({ env: platform.launcherEnv }); // a run that was interrupted left them running
    rmSync(settings.dataDir, { recursive: true, force: true });
    mkdirSync(join(settings.dataDir, 'logs'), { recursive: true });
    const infra = await up({ env: platform.launcherEnv, log });
    for (const [name, state] of [
      ['Kafka', infra.kafka],
      ['FerretDB', infra.mongo],
    ] as const) {
      if (state !== 'started') {
        await platform.stop();
        throw new Error(
          `${name} on the bench's port was not started by the bench (${state}): move the bench with ZHAS_KAFKA_PORT, ZHAS_KAFKA_CONTROLLER_PORT, ZHAS_MONGO_PORT`,
        );
      }
    }
    return platform;
  }

  get mongo(): MongoClient {
    this.mongoClient ??= new MongoClient(this.mongoUrl, { maxPoolSize: 32 });
    return this.mongoClient;
  }

  url(service: ServiceName): string {
    const port = SERVICES.find((entry) => entry.name === service)!.port + this.settings.portOffset;
    return `http://127.0.0.1:${port}`;
  }

  get authKeyDir(): string {
    return join(this.settings.dataDir, 'auth');
  }

  /** Starts services (those not running yet) and waits until each answers `/health/ready`. */
  async startServices(names: readonly ServiceName[], extraEnv: Record<string, string> = {}): Promise<void> {
    const { repoRoot } = launcherPaths();
    for (const name of names) {
      if (this.children.has(name)) continue;
      const port = SERVICES.find((entry) => entry.name === name)!.port + this.settings.portOffset;
      const logFile = createWriteStream(join(this.settings.dataDir, 'logs', `${name}.log`), { flags: 'a' });
      // The heap the deployment chart gives a service (NODE_OPTIONS in infra/helm), so that B4's peak memory is
      // the one a deployed reporting would reach; without it V8 collects lazily with gigabytes of room.
      // ZHAS_BENCH_NODE_ARGS, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles`, to see where a service spends its time.
      const nodeArgs = [
        DEPLOYED_HEAP,
        ...(process.env.ZHAS_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
      ];
      const child = spawn(
        process.execPath,
        [...nodeArgs, join(repoRoot, 'services', name, 'dist', 'main.js')],
        {
          cwd: repoRoot,
          env: {
            ...process.env,
            PORT: String(port),
            KAFKA_BROKERS: this.kafkaBrokers,
            MONGO_URL: this.mongoUrl,
            AUTH_LOCAL_KEY_DIR: this.authKeyDir,
            OTEL_EXPORTER_OTLP_ENDPOINT: '',
            // The load comes from this machine, acting for many people: the per-address volume limits would
            // measure themselves (as for `npm start` and seed:demo; the per-account limits still apply).
            RATE_LIMIT_EXEMPT_ADDRESSES: '127.0.0.1',
            // That limit counts a request until it is answered (only a non-401 answer takes it back), so more than
            // 20 slow requests in flight at once, as under B2's open-loop load, are refused as if their tokens failed.
            RATE_LIMIT_AUTH_FAILURES_PER_ADDRESS: '0',
            ...extraEnv,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child.stdout?.pipe(logFile);
      child.stderr?.pipe(logFile);
      this.children.set(name, child);
    }
    await Promise.all(names.map((name) => this.waitReady(name)));
  }

  private async waitReady(name: ServiceName): Promise<void> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const child = this.children.get(name);
      if (!child || child.exitCode !== null)
        throw new Error(`${name} exited; see ${join(this.settings.dataDir, 'logs', `${name}.log`)}`);
      try {
        const response = await fetch(`${this.url(name)}/health/ready`, { signal: AbortSignal.timeout(3000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${name} was not ready after 120 s`);
      await sleep(250); // polling readiness
    }
  }

  /** The pid of a service this run started. */
  servicePid(name: ServiceName): number | undefined {
    return this.children.get(name)?.pid;
  }

  /**
   * The database statements a service has sent so far, by command (`zhas.db.statements` from its /metrics): the
   * difference over a phase, divided by its requests, is the database work of one request.
   */
  async databaseStatements(name: ServiceName): Promise<Record<string, number>> {
    const text = await (await fetch(`${this.url(name)}/metrics`)).text();
    const counts: Record<string, number> = {};
    for (const match of text.matchAll(/^zhas_db_statements_total\{[^}]*command="([^"]+)"[^}]*\} (\S+)/gm)) {
      counts[match[1]!] = (counts[match[1]!] ?? 0) + Number(match[2]);
    }
    return counts;
  }

  /** The pid of the run's FerretDB or Kafka (from the launcher's pid file). */
  serverPid(server: 'ferretdb' | 'kafka'): number | undefined {
    try {
      return Number(
        readFileSync(join(this.settings.dataDir, 'infra', server, `${server}.pid`), 'utf8').trim(),
      );
    } catch {
      return undefined;
    }
  }

  pid(name: ServiceName): number {
    const pid = this.children.get(name)?.pid;
    if (pid === undefined) throw new Error(`${name} is not running`);
    return pid;
  }

  async stopService(name: ServiceName): Promise<void> {
    const child = this.children.get(name);
    if (!child) return;
    this.children.delete(name);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    // A service stops within seconds; a busy machine and a CPU profile being written (ZHAS_BENCH_NODE_ARGS) can take
    // longer, and a killed process writes no profile.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    await exited;
    clearTimeout(timer);
  }

  /** A token signed with the run's local key (the services trust it through AUTH_LOCAL_KEY_DIR). */
  token(claims: TokenClaims): Promise<string> {
    const key = JSON.stringify(claims);
    let token = this.tokens.get(key);
    if (!token) {
      token = issueLocalToken(
        { AUTH_LOCAL_KEY_DIR: this.authKeyDir, AUTH_ISSUER: 'zhas-local', AUTH_AUDIENCE: 'zhas-grants' },
        { ...claims, ttlSeconds: 8 * 3600 },
      );
      this.tokens.set(key, token);
    }
    return token;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.children.keys()].map((name) => this.stopService(name)));
    await this.mongoClient?.close().catch(() => undefined);
    await down({ env: this.launcherEnv });
  }
}

/** CPU time a process has used so far, in seconds (Linux /proc: user and system). */
export function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Resident memory of a process now and at its peak so far, in MiB (Linux /proc). */
export function memoryOf(pid: number): { rssMiB: number; peakMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}

/**
 * CPU seconds used by each of the processes since the meter was made: steadier than wall time on a shared machine,
 * so it shows the work a figure cost even when the machine's load moves the rate.
 */
export function cpuMeter(pids: Readonly<Record<string, number | undefined>>): () => Record<string, number> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSecondsOf(pid)]));
  return () =>
    Object.fromEntries(
      Object.entries(pids).map(([name, pid]) => [name, cpuSecondsOf(pid) - (before[name] ?? Number.NaN)]),
    );
}
