import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ferretProcess, ferretSettings, mongoAnswers, startFerret, waitForFerret } from './ferretdb';
import {
  allKafkaProcesses,
  kafkaAnswers,
  type KafkaNode,
  kafkaNodes,
  kafkaSettings,
  startKafkaNode,
  waitForKafka,
} from './kafka';
import {
  issuerOf,
  keycloakAnswers,
  keycloakProcess,
  keycloakSettings,
  startKeycloak,
  waitForKeycloak,
} from './keycloak';
import { withLock } from './lock';
import {
  mailpitAnswers,
  mailpitProcess,
  mailpitSettings,
  mailpitUrls,
  startMailpit,
  waitForMailpit,
} from './mailpit';
import { type LauncherPaths, launcherPaths } from './paths';
import { type ManagedProcess, portIsOpen, runningPid, stopManaged } from './processes';
import { portOffset } from './services';

/** Where the services find Kafka and the MongoDB-compatible server, and which of them this call started. */
export interface Infrastructure {
  readonly kafkaBrokers: string;
  readonly mongoUrl: string;
  readonly kafka: ServerState;
  readonly mongo: ServerState;
  /** The sign-in provider, when asked for (`withKeycloak`). */
  readonly oidc?: { readonly issuer: string; readonly state: ServerState };
  /** Where e-mail goes, when asked for (`withMailCatcher`): the mail catcher, or NOTIFY_SMTP_URL. */
  readonly mail?: { readonly smtpUrl: string; readonly webUrl?: string; readonly state: ServerState };
}

/**
 * `external`: given by KAFKA_BROKERS / MONGO_URL, never started or stopped here.
 * `started`: this call started it. `running`: it was already running (started by an earlier `up`).
 * `shared`: a server of the right kind already answered on the port without this launcher's pid file (another
 * clone's launcher, say): it is used, and never stopped from here.
 */
export type ServerState = 'external' | 'started' | 'running' | 'shared';

export interface LauncherOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly paths?: LauncherPaths;
  readonly log?: (line: string) => void;
  readonly timeoutMs?: number;
  /**
   * Also the sign-in provider (npm start, the browser tests): Keycloak unless OIDC_ISSUER names a provider of
   * your own. The jest suites do without it.
   */
  readonly withKeycloak?: boolean;
  /**
   * Also the mail catcher (npm start, the browser tests): Mailpit, an SMTP server that keeps every message and shows
   * it, unless NOTIFY_SMTP_URL names a mail server of your own.
   */
  readonly withMailCatcher?: boolean;
}

const defaults = (options: LauncherOptions) => {
  const env = options.env ?? process.env;
  return {
    env,
    paths: options.paths ?? launcherPaths(env),
    log: options.log ?? ((line: string) => console.error(line)),
    timeoutMs: options.timeoutMs ?? 120_000,
  };
};

export function embeddedAddresses(env: NodeJS.ProcessEnv = process.env) {
  const nodes = kafkaNodes(launcherPaths(env), kafkaSettings(env));
  const mongo = ferretSettings(env);
  return {
    kafkaBrokers: nodes.map((node) => node.address).join(','),
    mongoUrl: `mongodb://${mongo.host}:${mongo.port}/`,
  };
}

/**
 * Brings up what is not configured from outside: Kafka unless KAFKA_BROKERS is set, FerretDB unless MONGO_URL is
 * set. Running it twice is harmless: a server already started by the launcher is reused, and a broker of a cluster
 * that has stopped (or was killed) is started again.
 */
export async function up(options: LauncherOptions = {}): Promise<Infrastructure> {
  const { env, paths, log, timeoutMs } = defaults(options);
  const embedded = embeddedAddresses(env);
  const externalKafka = env.KAFKA_BROKERS?.trim();
  const externalMongo = env.MONGO_URL?.trim();
  const externalIssuer = env.OIDC_ISSUER?.trim();
  const wantKeycloak = options.withKeycloak === true && !externalIssuer;
  const oidcFromOutside =
    options.withKeycloak === true && externalIssuer
      ? { oidc: { issuer: externalIssuer, state: 'external' as const } }
      : {};
  const externalSmtp = env.NOTIFY_SMTP_URL?.trim();
  const wantMail = options.withMailCatcher === true && !externalSmtp;
  const mailFromOutside =
    options.withMailCatcher === true && externalSmtp
      ? { mail: { smtpUrl: externalSmtp, state: 'external' as const } }
      : {};
  if (externalKafka && externalMongo && !wantKeycloak && !wantMail) {
    return {
      kafkaBrokers: externalKafka,
      mongoUrl: externalMongo,
      kafka: 'external',
      mongo: 'external',
      ...oidcFromOutside,
      ...mailFromOutside,
    };
  }
  mkdirSync(paths.dataDir, { recursive: true });

  return withLock(join(paths.dataDir, 'launcher.lock'), async () => {
    // Start both before waiting for either: Kafka's JVM and FerretDB come up in parallel.
    let kafka: ServerState = 'external';
    let mongo: ServerState = 'external';
    let kafkaNodesToWaitFor: KafkaNode[] = [];
    const settings = kafkaSettings(env);
    const nodes = kafkaNodes(paths, settings);
    if (!externalKafka) {
      const states: ServerState[] = [];
      for (const node of nodes) {
        states.push(
          await ensureStarted(
            node.process,
            settings.host,
            [node.port, node.controllerPort],
            'ZHAS_KAFKA_PORT',
            () => kafkaAnswers([node.address]),
            () => startKafkaNode(paths, settings, node, log),
          ),
        );
      }
      kafka = states.includes('started')
        ? 'started'
        : states.every((state) => state === 'shared')
          ? 'shared'
          : 'running';
      kafkaNodesToWaitFor = nodes.filter(
        (_, index) => states[index] === 'started' || states[index] === 'running',
      );
    }
    if (!externalMongo) {
      const ferret = ferretSettings(env);
      mongo = await ensureStarted(
        ferretProcess(paths),
        ferret.host,
        [ferret.port],
        'ZHAS_MONGO_PORT',
        () => mongoAnswers(embedded.mongoUrl),
        () => startFerret(paths, ferret, log),
      );
    }
    let keycloak: ServerState = 'external';
    const keycloakConfig = keycloakSettings(env, portOffset(env));
    const issuer = issuerOf(keycloakConfig);
    if (wantKeycloak) {
      keycloak = await ensureStarted(
        keycloakProcess(paths),
        keycloakConfig.host,
        [keycloakConfig.port],
        'ZHAS_KEYCLOAK_PORT',
        () => keycloakAnswers(issuer),
        () => startKeycloak(paths, keycloakConfig, log),
      );
    }
    let mail: ServerState = 'external';
    const mailConfig = mailpitSettings(env, portOffset(env));
    if (wantMail) {
      mail = await ensureStarted(
        mailpitProcess(paths),
        mailConfig.host,
        [mailConfig.smtpPort, mailConfig.httpPort],
        'ZHAS_SMTP_PORT and ZHAS_MAIL_UI_PORT',
        () => mailpitAnswers(mailConfig),
        () => startMailpit(paths, mailConfig, log),
      );
    }
    if (kafkaNodesToWaitFor.length > 0) await waitForKafka(nodes, kafkaNodesToWaitFor, timeoutMs);
    if (mongo === 'started' || mongo === 'running') await waitForFerret(paths, embedded.mongoUrl, timeoutMs);
    // Keycloak boots in about half a minute, several on a busy machine: more time than the others.
    if (mail === 'started' || mail === 'running') await waitForMailpit(paths, mailConfig, timeoutMs);
    if (keycloak === 'started' || keycloak === 'running')
      await waitForKeycloak(paths, issuer, Math.max(timeoutMs, 600_000));
    return {
      kafkaBrokers: externalKafka || embedded.kafkaBrokers,
      mongoUrl: externalMongo || embedded.mongoUrl,
      kafka,
      mongo,
      ...(wantKeycloak ? { oidc: { issuer, state: keycloak } } : oidcFromOutside),
      ...(wantMail ? { mail: { ...mailpitUrls(mailConfig), state: mail } } : mailFromOutside),
    };
  });
}

async function ensureStarted(
  proc: ManagedProcess,
  host: string,
  ports: readonly number[],
  portVariable: string,
  answers: () => Promise<boolean>,
  start: () => Promise<void>,
): Promise<ServerState> {
  if (runningPid(proc) !== undefined) return 'running';
  // The same kind of server already listening (say, the launcher of another clone): use it, never stop it.
  if (await answers()) return 'shared';
  for (const port of ports) {
    if (await portIsOpen(host, port)) {
      throw new Error(
        `${host}:${port} is already in use by a process this launcher did not start, so the embedded ${proc.name} cannot listen there. ` +
          `Stop that process, move the embedded server with ${portVariable}, or point the platform at your own servers with KAFKA_BROKERS and MONGO_URL.`,
      );
    }
  }
  await start();
  return 'started';
}

/**
 * Stops the embedded servers this launcher started (by their pid files), or only the ones named; `kafka` means
 * every broker, of the single node and of a cluster.
 */
export async function down(
  options: LauncherOptions & { only?: readonly ('kafka' | 'mongo' | 'keycloak' | 'mailpit')[] } = {},
): Promise<string[]> {
  const { paths } = defaults(options);
  const only = options.only ?? ['kafka', 'mongo', 'keycloak', 'mailpit'];
  const stopped: string[] = [];
  const targets = [
    ...(only.includes('kafka') ? allKafkaProcesses(paths) : []),
    ...(only.includes('mongo') ? [ferretProcess(paths)] : []),
    ...(only.includes('keycloak') ? [keycloakProcess(paths)] : []),
    ...(only.includes('mailpit') ? [mailpitProcess(paths)] : []),
  ];
  // Stopped together: each takes a few seconds to shut down cleanly.
  await Promise.all(
    targets.map(async (proc) => {
      if (await stopManaged(proc)) stopped.push(proc.name);
    }),
  );
  return stopped;
}

export interface ServerStatus {
  readonly name: string;
  readonly address: string;
  readonly source: 'external' | 'embedded';
  readonly pid?: number;
  readonly answers: boolean;
}

export async function status(options: LauncherOptions = {}): Promise<ServerStatus[]> {
  const { env, paths } = defaults(options);
  const embedded = embeddedAddresses(env);
  const kafkaBrokers = env.KAFKA_BROKERS?.trim() || embedded.kafkaBrokers;
  const mongoUrl = env.MONGO_URL?.trim() || embedded.mongoUrl;
  const kafka: ServerStatus[] = env.KAFKA_BROKERS?.trim()
    ? [
        {
          name: 'kafka',
          address: kafkaBrokers,
          source: 'external',
          answers: await kafkaAnswers(kafkaBrokers.split(',')),
        },
      ]
    : await Promise.all(
        kafkaNodes(paths, kafkaSettings(env)).map(async (node) => ({
          name: node.process.name,
          address: node.address,
          source: 'embedded' as const,
          ...pidOf(node.process),
          answers: await kafkaAnswers([node.address]),
        })),
      );
  const issuer = env.OIDC_ISSUER?.trim() || issuerOf(keycloakSettings(env, portOffset(env)));
  const mail = mailpitSettings(env, portOffset(env));
  return [
    ...kafka,
    {
      name: 'mongo',
      address: mongoUrl,
      source: env.MONGO_URL?.trim() ? 'external' : 'embedded',
      ...pidOf(ferretProcess(paths)),
      answers: await mongoAnswers(mongoUrl),
    },
    {
      name: 'keycloak',
      address: issuer,
      source: env.OIDC_ISSUER?.trim() ? 'external' : 'embedded',
      ...pidOf(keycloakProcess(paths)),
      answers: await keycloakAnswers(issuer),
    },
    ...(env.NOTIFY_SMTP_URL?.trim()
      ? []
      : [
          {
            name: 'mailpit',
            address: mailpitUrls(mail).webUrl,
            source: 'embedded' as const,
            ...pidOf(mailpitProcess(paths)),
            answers: await mailpitAnswers(mail),
          },
        ]),
  ];
}

function pidOf(proc: ManagedProcess): { pid?: number } {
  const pid = runningPid(proc);
  return pid === undefined ? {} : { pid };
}
