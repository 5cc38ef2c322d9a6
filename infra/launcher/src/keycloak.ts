import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { buildOnce, inputsHash } from './cache';
import { type LauncherPaths } from './paths';
import { type ManagedProcess, runningPid, startDetached, waitUntil } from './processes';
import { runCommand } from './run';
import { requireTool } from './tools';

/*
 * The embedded sign-in provider: Keycloak's Quarkus distribution from Maven Central, run in development mode
 * (`kc.sh start-dev`, its own H2 database) with the realm of infra/keycloak imported at start. The unpacked
 * distribution is cached outside the clone like the Kafka jars, already built ("augmented") for development mode,
 * so a start only boots the server. Each data folder gets a small Keycloak home of its own whose jars are links
 * into the cache: the H2 database, the realm file to import and any rebuild stay in that data folder.
 */

export const REALM = 'zhas';
export const PORTAL_CLIENT_ID = 'zhas-portal';

export interface KeycloakSettings {
  readonly host: string;
  readonly port: number;
  /** Where the portal runs: the realm allows sign-in to redirect there only. */
  readonly portalUrl: string;
  /** The portal client's secret (the realm file reads it at import). */
  readonly clientSecret: string;
  /** The password of every demo account (the realm file reads it at import). */
  readonly demoPassword: string;
  readonly heap: string;
  /**
   * When what would be imported differs from what the data folder's realm was imported with (the realm file, the
   * portal's address, the client secret or the demo password): true starts from a fresh database and imports again
   * (the accounts made since are lost: right for a throw-away data folder such as the browser tests'), false keeps
   * the realm and says how to import again (a developer's `npm start` keeps the accounts they made).
   */
  readonly reimportOnChange: boolean;
}

export const DEFAULT_KEYCLOAK_PORT = 8089;
export const DEFAULT_PORTAL_PORT = 4100;
/** Development values only; production runs its own provider (services/portal/README.md). */
const DEV_CLIENT_SECRET = 'zhas-portal-dev-secret';
const DEV_DEMO_PASSWORD = 'zhas-demo';

export function keycloakSettings(env: NodeJS.ProcessEnv, offset: number): KeycloakSettings {
  const portalPort = Number(env.PORTAL_PORT ?? DEFAULT_PORTAL_PORT + offset);
  return {
    host: '127.0.0.1',
    port: Number(env.ZHAS_KEYCLOAK_PORT ?? DEFAULT_KEYCLOAK_PORT + offset),
    portalUrl: (env.PORTAL_PUBLIC_URL ?? `http://127.0.0.1:${portalPort}`).replace(/\/+$/, ''),
    clientSecret: env.ZHAS_PORTAL_CLIENT_SECRET ?? DEV_CLIENT_SECRET,
    demoPassword: env.ZHAS_DEMO_PASSWORD ?? DEV_DEMO_PASSWORD,
    heap: env.ZHAS_KEYCLOAK_HEAP ?? '512m',
    reimportOnChange: env.ZHAS_KEYCLOAK_REIMPORT === 'on-change',
  };
}

export function issuerOf(settings: Pick<KeycloakSettings, 'host' | 'port'>): string {
  return `http://${settings.host}:${settings.port}/realms/${REALM}`;
}

export function keycloakProcess(paths: LauncherPaths): ManagedProcess {
  const dir = join(paths.dataDir, 'keycloak');
  return {
    name: 'keycloak',
    pidFile: join(dir, 'keycloak.pid'),
    logFile: join(dir, 'keycloak.log'),
    // The home's path is in the command line of kc.sh and of the java process it becomes.
    marker: join(dir, 'home'),
  };
}

const keycloakDir = (paths: LauncherPaths) => join(paths.repoRoot, 'infra', 'keycloak');

/**
 * The options `start-dev` is built with. The cached distribution is built with the same ones, so a start does
 * not rebuild; changing them here changes the cache key.
 */
const BUILD_OPTIONS = ['--db=dev-file'] as const;

/**
 * Resolves and unpacks the distribution with Maven into the cache, then builds it for development mode once
 * (about two minutes the first time on two cores). Returns the unpacked distribution's folder.
 */
export async function ensureKeycloakDist(paths: LauncherPaths, log: (line: string) => void): Promise<string> {
  const pom = join(keycloakDir(paths), 'pom.xml');
  const version =
    /<keycloak\.version>([^<]+)<\/keycloak\.version>/.exec(readFileSync(pom, 'utf8'))?.[1] ?? 'unknown';
  const target = join(paths.cacheDir, 'keycloak', `${version}-${inputsHash([pom], [...BUILD_OPTIONS])}`);
  if (!existsSync(target)) {
    requireTool('mvn');
    requireTool('java');
    log(
      `Resolving Keycloak ${version} with Maven and building it for development (first run only, a few minutes; cached in ${target})...`,
    );
  }
  await buildOnce(target, async (temporary) => {
    const unpacked = join(temporary, 'unpacked');
    await runCommand(
      'mvn',
      [
        '-B',
        '-q',
        '-f',
        pom,
        'dependency:unpack-dependencies',
        `-DoutputDirectory=${unpacked}`,
        // The plugin remembers what it unpacked in marker files; keep them out of the clone.
        `-DmarkersDirectory=${join(temporary, 'markers')}`,
      ],
      { cwd: paths.repoRoot },
    );
    const [top] = readdirSync(unpacked);
    if (top === undefined) throw new Error(`the Keycloak archive unpacked into nothing in ${unpacked}`);
    const dist = join(temporary, 'dist');
    cpSync(join(unpacked, top), dist, { recursive: true });
    rmSync(unpacked, { recursive: true, force: true });
    rmSync(join(temporary, 'markers'), { recursive: true, force: true });
    await buildForDevelopment(dist);
  });
  return join(target, 'dist');
}

/**
 * Keycloak builds itself for development mode at its first `start-dev` (there is no `build` for that mode): start
 * it once on a free port, wait until it listens, stop it, and keep the built application, not its data.
 */
async function buildForDevelopment(dist: string): Promise<void> {
  const port = await freePort();
  const child = spawn(
    'sh',
    [
      join(dist, 'bin', 'kc.sh'),
      'start-dev',
      ...BUILD_OPTIONS,
      '--http-host=127.0.0.1',
      `--http-port=${port}`,
    ],
    {
      cwd: dist,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await waitUntil(
      'Keycloak (first build)',
      () => keycloakAnswers(`http://127.0.0.1:${port}/realms/master`),
      {
        timeoutMs: 900_000,
        alive: () => child.exitCode === null,
      },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output.slice(-4000)}`);
  }
  child.kill('SIGTERM');
  await exited;
  rmSync(join(dist, 'data'), { recursive: true, force: true });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A Keycloak home for this data folder: the scripts and configuration copied, the jars linked to the cache, the
 * built application copied (a rebuild, should options ever differ, writes here, never into the shared cache).
 */
function prepareHome(dist: string, home: string): void {
  const marker = join(home, '.dist');
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== dist) {
    rmSync(join(home, 'bin'), { recursive: true, force: true });
    rmSync(join(home, 'lib'), { recursive: true, force: true });
    mkdirSync(join(home, 'lib'), { recursive: true });
    cpSync(join(dist, 'bin'), join(home, 'bin'), { recursive: true });
    if (!existsSync(join(home, 'conf'))) cpSync(join(dist, 'conf'), join(home, 'conf'), { recursive: true });
    for (const linked of ['lib/lib', 'lib/app', 'themes', 'providers']) {
      rmSync(join(home, linked), { recursive: true, force: true });
      symlinkSync(join(dist, linked), join(home, linked));
    }
    copyFileSync(join(dist, 'lib', 'quarkus-run.jar'), join(home, 'lib', 'quarkus-run.jar'));
    cpSync(join(dist, 'lib', 'quarkus'), join(home, 'lib', 'quarkus'), { recursive: true });
    writeFileSync(marker, dist);
  }
}

export async function startKeycloak(
  paths: LauncherPaths,
  settings: KeycloakSettings,
  log: (line: string) => void,
): Promise<void> {
  requireTool('java');
  const dist = await ensureKeycloakDist(paths, log);
  const proc = keycloakProcess(paths);
  const home = proc.marker;
  prepareHome(dist, home);
  const dataDir = join(home, 'data');
  const importDir = join(dataDir, 'import');
  mkdirSync(importDir, { recursive: true });
  const realmFile = join(keycloakDir(paths), 'zhas-realm.json');
  const fingerprintFile = join(dataDir, 'imported.sha256');
  const fingerprint = realmFingerprint(readFileSync(realmFile, 'utf8'), settings);
  const decision = importDecision({
    imported: existsSync(join(dataDir, 'h2')),
    importedWith: existsSync(fingerprintFile) ? readFileSync(fingerprintFile, 'utf8').trim() : undefined,
    fingerprint,
    reimportOnChange: settings.reimportOnChange,
  });
  if (decision === 'reimport') {
    log(
      `Keycloak: the realm file or the portal's address changed since the last import; importing it again.`,
    );
    rmSync(join(dataDir, 'h2'), { recursive: true, force: true });
  } else if (decision === 'keep-stale') {
    log(
      `Keycloak keeps the realm it imported first (${join(dataDir, 'h2')}), imported with another realm file or portal address (${settings.portalUrl} now), or before they were recorded; ` +
        `delete ${join(paths.dataDir, 'keycloak')} to import infra/keycloak/zhas-realm.json again, or set ZHAS_KEYCLOAK_REIMPORT=on-change (the accounts made since are lost).`,
    );
  }
  // Imported at start with Keycloak's default strategy: a realm that exists already is left as it is.
  copyFileSync(realmFile, join(importDir, 'zhas-realm.json'));
  if (decision !== 'keep-stale') writeFileSync(fingerprintFile, `${fingerprint}\n`);

  writeFileSync(proc.logFile, ''); // a fresh log per start
  startDetached(
    proc,
    'sh',
    [
      join(home, 'bin', 'kc.sh'),
      'start-dev',
      ...BUILD_OPTIONS,
      `--http-host=${settings.host}`,
      `--http-port=${settings.port}`,
      '--import-realm',
      // Dev mode would otherwise log every request's theme cache miss; warnings are enough here.
      '--log-level=warn,org.keycloak.exportimport:info,io.quarkus:info',
    ],
    {
      cwd: home,
      env: {
        ...process.env,
        JAVA_OPTS_KC_HEAP: `-Xms64m -Xmx${settings.heap}`,
        // The administration console's account (master realm), for looking around locally.
        KC_BOOTSTRAP_ADMIN_USERNAME: 'admin',
        KC_BOOTSTRAP_ADMIN_PASSWORD: settings.demoPassword,
        // Read by the realm file's ${...} placeholders at import.
        ZHAS_PORTAL_URL: settings.portalUrl,
        ZHAS_PORTAL_CLIENT_SECRET: settings.clientSecret,
        ZHAS_DEMO_PASSWORD: settings.demoPassword,
      },
    },
  );
}

/**
 * What a realm import depends on: the realm file and the values its placeholders are filled with. A rerun on another
 * portal port must import again, or Keycloak refuses the new address with "Invalid parameter: redirect_uri".
 */
export function realmFingerprint(
  realmFile: string,
  settings: Pick<KeycloakSettings, 'portalUrl' | 'clientSecret' | 'demoPassword'>,
): string {
  return createHash('sha256')
    .update(JSON.stringify([realmFile, settings.portalUrl, settings.clientSecret, settings.demoPassword]))
    .digest('hex');
}

/**
 * `import`: no realm yet (Keycloak imports the file); `keep`: the realm was imported from the same inputs;
 * `reimport`: they changed and the data folder may be reset; `keep-stale`: they changed (or are unknown, for a
 * realm imported before fingerprints were kept) and the realm stays as it is.
 */
export function importDecision(state: {
  imported: boolean;
  importedWith: string | undefined;
  fingerprint: string;
  reimportOnChange: boolean;
}): 'import' | 'keep' | 'reimport' | 'keep-stale' {
  if (!state.imported) return 'import';
  if (state.importedWith === state.fingerprint) return 'keep';
  return state.reimportOnChange ? 'reimport' : 'keep-stale';
}

/** True when the realm's OpenID configuration is served. */
export async function keycloakAnswers(issuer: string, timeoutMs = 3000): Promise<boolean> {
  try {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return false;
    const configuration = (await response.json()) as { issuer?: unknown };
    return configuration.issuer === issuer;
  } catch {
    return false;
  }
}

export async function waitForKeycloak(
  paths: LauncherPaths,
  issuer: string,
  timeoutMs: number,
): Promise<void> {
  const proc = keycloakProcess(paths);
  await waitUntil('Keycloak', () => keycloakAnswers(issuer), {
    timeoutMs,
    alive: () => runningPid(proc) !== undefined,
    logFile: proc.logFile,
  });
}

/** The demo accounts of infra/keycloak/zhas-realm.json, for `npm start` to print. */
export function demoAccounts(paths: LauncherPaths): { username: string; roles: string[]; note: string }[] {
  const realm = JSON.parse(readFileSync(join(keycloakDir(paths), 'zhas-realm.json'), 'utf8')) as {
    users: { username: string; realmRoles?: string[]; attributes?: Record<string, string[]> }[];
  };
  return realm.users
    .filter((user) => user.username.startsWith('demo-'))
    .map((user) => ({
      username: user.username,
      roles: user.realmRoles ?? [],
      note: Object.entries(user.attributes ?? {})
        .map(([name, values]) => `${name}=${values.join(',')}`)
        .join(' '),
    }));
}
