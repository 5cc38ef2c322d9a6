import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { buildOnce, inputsHash } from './cache';
import { type LauncherPaths } from './paths';
import { type ManagedProcess, runningPid, startDetached, waitUntil } from './processes';
import { runCommand } from './run';
import { requireTool } from './tools';

export interface KafkaSettings {
  readonly host: string;
  /** The client port of the first broker; the others (cluster mode) take the next ports two by two. */
  readonly port: number;
  readonly controllerPort: number;
  /** Java heap of each broker; 512 MiB is enough once the log cleaner's buffer is made small. */
  readonly heap: string;
  /**
   * How many brokers: 1 (the default: one combined broker and controller) or a cluster of combined nodes, e.g. 3,
   * which keeps its controller quorum and every partition (replication factor 3, min.insync.replicas 2) when one of
   * them is lost.
   */
  readonly brokers: number;
}

export const MAX_KAFKA_BROKERS = 5;

/** Reads a broker count (`--kafka-brokers`, ZHAS_KAFKA_BROKER_COUNT): a whole number from 1 to 5. */
export function parseBrokerCount(text: string | undefined): number {
  const value = text?.trim() || '1';
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_KAFKA_BROKERS) {
    throw new Error(
      `the number of Kafka brokers must be a whole number from 1 to ${MAX_KAFKA_BROKERS} (3 for a cluster that survives losing one), not "${value}"`,
    );
  }
  return Number(value);
}

export function kafkaSettings(env: NodeJS.ProcessEnv = process.env): KafkaSettings {
  return {
    host: '127.0.0.1',
    port: Number(env.ZHAS_KAFKA_PORT ?? 9092),
    controllerPort: Number(env.ZHAS_KAFKA_CONTROLLER_PORT ?? 9093),
    heap: env.ZHAS_KAFKA_HEAP ?? '512m',
    brokers: parseBrokerCount(env.ZHAS_KAFKA_BROKER_COUNT),
  };
}

/** One broker of the embedded Kafka: its node id, ports and process. */
export interface KafkaNode {
  readonly id: number;
  readonly port: number;
  readonly controllerPort: number;
  readonly address: string;
  readonly process: ManagedProcess;
  /** Its folder: server.properties, log4j.properties, pid file, log and the log dirs. */
  readonly dir: string;
}

/**
 * The brokers of the configured mode. One broker keeps its historical folder `kafka/`; a cluster lives in
 * `kafka-cluster/node-<id>/` (a folder formatted for one mode cannot join the other), node i listening on the
 * first broker's client and controller ports plus 2*(i-1).
 */
export function kafkaNodes(paths: LauncherPaths, settings: KafkaSettings): KafkaNode[] {
  if (settings.brokers === 1) {
    const dir = join(paths.dataDir, 'kafka');
    return [node('kafka', 1, settings.port, settings.controllerPort, settings.host, dir)];
  }
  return Array.from({ length: settings.brokers }, (_, index) =>
    node(
      `kafka-${index + 1}`,
      index + 1,
      settings.port + 2 * index,
      settings.controllerPort + 2 * index,
      settings.host,
      join(clusterDir(paths), `node-${index + 1}`),
    ),
  );
}

const clusterDir = (paths: LauncherPaths) => join(paths.dataDir, 'kafka-cluster');

function node(
  name: string,
  id: number,
  port: number,
  controllerPort: number,
  host: string,
  dir: string,
): KafkaNode {
  return {
    id,
    port,
    controllerPort,
    address: `${host}:${port}`,
    dir,
    process: {
      name,
      pidFile: join(dir, 'kafka.pid'),
      logFile: join(dir, 'kafka.log'),
      marker: join(dir, 'server.properties'),
    },
  };
}

/** Every broker process the launcher may have started in this data folder, in either mode (for `down`). */
export function allKafkaProcesses(paths: LauncherPaths): ManagedProcess[] {
  const single = kafkaNodes(paths, { ...kafkaSettings({}), brokers: 1 })[0]!.process;
  const cluster = existsSync(clusterDir(paths))
    ? readdirSync(clusterDir(paths))
        .map((name) => /^node-(\d+)$/.exec(name)?.[1])
        .filter((id): id is string => id !== undefined)
        .map((id) => node(`kafka-${id}`, Number(id), 0, 0, '', join(clusterDir(paths), `node-${id}`)).process)
    : [];
  return [single, ...cluster];
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

/**
 * Replication that matches the cluster's size: three copies of every partition and two that must have a write
 * before it is acknowledged (acks=all) on three or more brokers, so losing one broker loses no acknowledged event
 * and stops no producer; one copy on a single broker. Services create their topics with the same rule
 * (`replicationFor` of packages/messaging); here it sets the brokers' defaults and their internal topics.
 */
export function replicationFor(brokers: number): { factor: number; minInsync: number } {
  const factor = Math.min(3, brokers);
  return { factor, minInsync: Math.max(1, factor - 1) };
}

function serverProperties(settings: KafkaSettings, nodes: readonly KafkaNode[], self: KafkaNode): string {
  const { host } = settings;
  const { factor, minInsync } = replicationFor(nodes.length);
  const voters = nodes.map((each) => `${each.id}@${host}:${each.controllerPort}`).join(',');
  return `# Written by the launcher at each start; edit infra/launcher/src/kafka.ts instead.
process.roles=broker,controller
node.id=${self.id}
controller.quorum.voters=${voters}
listeners=PLAINTEXT://${host}:${self.port},CONTROLLER://${host}:${self.controllerPort}
advertised.listeners=PLAINTEXT://${host}:${self.port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${join(self.dir, 'logs')}
num.partitions=3
default.replication.factor=${factor}
min.insync.replicas=${minInsync}
offsets.topic.replication.factor=${factor}
offsets.topic.num.partitions=${nodes.length === 1 ? 1 : 3}
transaction.state.log.replication.factor=${factor}
transaction.state.log.min.isr=${minInsync}
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

/**
 * Starts one broker of the configured mode (formatting its storage on first use). Every node of a cluster is
 * formatted with the same cluster id, kept beside the nodes' folders.
 */
export async function startKafkaNode(
  paths: LauncherPaths,
  settings: KafkaSettings,
  self: KafkaNode,
  log: (line: string) => void,
): Promise<void> {
  requireTool('java');
  const libs = await ensureKafkaJars(paths, log);
  const nodes = kafkaNodes(paths, settings);
  const proc = self.process;
  const logDirs = join(self.dir, 'logs');
  mkdirSync(self.dir, { recursive: true });
  writeFileSync(proc.marker, serverProperties(settings, nodes, self));
  const log4j = join(self.dir, 'log4j.properties');
  writeFileSync(log4j, LOG4J);
  const classpath = `${libs}/*`;

  if (!existsSync(join(logDirs, 'meta.properties'))) {
    log(`Formatting the storage of Kafka broker ${self.id} (first start of this data folder)...`);
    await runCommand(
      'java',
      [
        `-Dlog4j.configuration=file:${log4j}`,
        '-cp',
        classpath,
        'kafka.tools.StorageTool',
        'format',
        '-t',
        clusterId(paths, nodes.length),
        '-c',
        proc.marker,
      ],
      { cwd: self.dir },
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
    { cwd: self.dir },
  );
}

/** A single broker gets a fresh id; a cluster's nodes share the one kept in kafka-cluster/cluster.id. */
function clusterId(paths: LauncherPaths, brokers: number): string {
  if (brokers === 1) return newClusterId();
  const file = join(clusterDir(paths), 'cluster.id');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const id = newClusterId();
  mkdirSync(clusterDir(paths), { recursive: true });
  writeFileSync(file, `${id}\n`);
  return id;
}

function startedLogged(proc: ManagedProcess): boolean {
  const { logFile } = proc;
  if (!existsSync(logFile) || statSync(logFile).size === 0) return false;
  return readFileSync(logFile, 'utf8').includes('Kafka Server started');
}

/** True when a real client can describe the cluster (and it has at least `minBrokers` brokers). */
export async function kafkaAnswers(
  brokers: readonly string[],
  timeoutMs = 3000,
  minBrokers = 1,
): Promise<boolean> {
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
    return cluster.brokers.length >= minBrokers;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Waits until each broker we run has logged its start and the cluster shows all of its brokers. */
export async function waitForKafka(
  nodes: readonly KafkaNode[],
  ours: readonly KafkaNode[],
  timeoutMs: number,
): Promise<void> {
  const addresses = nodes.map((each) => each.address);
  await Promise.all(
    ours.map((each) =>
      waitUntil(
        nodes.length === 1 ? 'Kafka' : `Kafka broker ${each.id}`,
        async () => startedLogged(each.process) && (await kafkaAnswers([each.address], 3000, nodes.length)),
        {
          timeoutMs,
          alive: () => runningPid(each.process) !== undefined,
          logFile: each.process.logFile,
        },
      ),
    ),
  );
  await waitUntil('Kafka cluster', () => kafkaAnswers(addresses, 3000, nodes.length), { timeoutMs });
}
