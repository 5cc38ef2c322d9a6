import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { buildOnce, inputsHash } from './cache';
import { type LauncherPaths } from './paths';
import { type ManagedProcess, runningPid, startDetached, waitUntil } from './processes';
import { runCommand } from './run';
import { requireTool } from './tools';

export interface KafkaSettings {
  readonly host: string;
  readonly port: number;
  readonly controllerPort: number;
  /** Java heap; the broker is happy with 512 MiB once the log cleaner's buffer is made small. */
  readonly heap: string;
}

export function kafkaSettings(env: NodeJS.ProcessEnv = process.env): KafkaSettings {
  return {
    host: '127.0.0.1',
    port: Number(env.ZHAS_KAFKA_PORT ?? 9092),
    controllerPort: Number(env.ZHAS_KAFKA_CONTROLLER_PORT ?? 9093),
    heap: env.ZHAS_KAFKA_HEAP ?? '512m',
  };
}

export function kafkaProcess(paths: LauncherPaths): ManagedProcess {
  const dir = join(paths.dataDir, 'kafka');
  return {
    name: 'kafka',
    pidFile: join(dir, 'kafka.pid'),
    logFile: join(dir, 'kafka.log'),
    marker: join(dir, 'server.properties'),
  };
}

const pomFile = (paths: LauncherPaths) => join(paths.repoRoot, 'infra', 'kafka', 'pom.xml');

/** Resolves the broker's jars with Maven into the cache (once per version of infra/kafka/pom.xml). */
export async function ensureKafkaJars(paths: LauncherPaths, log: (line: string) => void): Promise<string> {
  const pom = pomFile(paths);
  const version =
    /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(pom, 'utf8'))?.[1] ?? 'unknown';
  const libs = join(paths.cacheDir, 'kafka', `${version}-${inputsHash([pom])}`, 'libs');
  if (!existsSync(libs)) {
    requireTool('mvn');
    log(`Resolving Apache Kafka ${version} jars with Maven (first run only; cached in ${libs})...`);
  }
  await buildOnce(libs, async (temporary) => {
    await runCommand(
      'mvn',
      [
        '-B',
        '-q',
        '-f',
        pom,
        'dependency:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${temporary}`,
      ],
      { cwd: paths.repoRoot },
    );
  });
  return libs;
}

function serverProperties(settings: KafkaSettings, logDirs: string): string {
  const { host, port, controllerPort } = settings;
  return `# Written by the launcher at each start; edit infra/launcher/src/kafka.ts instead.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${host}:${controllerPort}
listeners=PLAINTEXT://${host}:${port},CONTROLLER://${host}:${controllerPort}
advertised.listeners=PLAINTEXT://${host}:${port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${logDirs}
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
# Services create their topics at start-up; a typo in a topic name should fail, not create a topic.
auto.create.topics.enable=false
# Event topics are the record from which read models are rebuilt: no time-based deletion.
log.retention.ms=-1
# The cleaner's default 128 MiB buffer does not fit a small heap.
log.cleaner.dedupe.buffer.size=16777216
`;
}

const LOG4J = `log4j.rootLogger=INFO, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.request.logger=WARN
log4j.logger.org.apache.kafka.storage.internals.log=WARN
log4j.logger.kafka.log=WARN
`;

/** A Kafka cluster id: 16 random bytes in unpadded base64url, as `kafka-storage random-uuid` prints. */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export async function startKafka(
  paths: LauncherPaths,
  settings: KafkaSettings,
  log: (line: string) => void,
): Promise<void> {
  requireTool('java');
  const libs = await ensureKafkaJars(paths, log);
  const proc = kafkaProcess(paths);
  const dir = join(paths.dataDir, 'kafka');
  const logDirs = join(dir, 'logs');
  mkdirSync(dir, { recursive: true });
  writeFileSync(proc.marker, serverProperties(settings, logDirs));
  const log4j = join(dir, 'log4j.properties');
  writeFileSync(log4j, LOG4J);
  const classpath = `${libs}/*`;

  if (!existsSync(join(logDirs, 'meta.properties'))) {
    log('Formatting the Kafka storage (first start of this data folder)...');
    await runCommand(
      'java',
      [
        `-Dlog4j.configuration=file:${log4j}`,
        '-cp',
        classpath,
        'kafka.tools.StorageTool',
        'format',
        '-t',
        newClusterId(),
        '-c',
        proc.marker,
      ],
      { cwd: dir },
    );
  }

  writeFileSync(proc.logFile, ''); // a fresh log per start, so readiness reads this start's lines only
  startDetached(
    proc,
    'java',
    [
      `-Xms128m`,
      `-Xmx${settings.heap}`,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-Djava.awt.headless=true',
      `-Dlog4j.configuration=file:${log4j}`,
      '-cp',
      classpath,
      'kafka.Kafka',
      proc.marker,
    ],
    { cwd: dir },
  );
}

export function kafkaStartedLogged(paths: LauncherPaths): boolean {
  const { logFile } = kafkaProcess(paths);
  if (!existsSync(logFile) || statSync(logFile).size === 0) return false;
  return readFileSync(logFile, 'utf8').includes('Kafka Server started');
}

/** True when a real client can describe the cluster. */
export async function kafkaAnswers(brokers: readonly string[], timeoutMs = 3000): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'zhas-launcher',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

export async function waitForKafka(
  paths: LauncherPaths,
  brokers: readonly string[],
  timeoutMs: number,
): Promise<void> {
  const proc = kafkaProcess(paths);
  await waitUntil('Kafka', async () => kafkaStartedLogged(paths) && (await kafkaAnswers(brokers)), {
    timeoutMs,
    alive: () => runningPid(proc) !== undefined,
    logFile: proc.logFile,
  });
}
