import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, inputsHash } from './cache';
import { type LauncherPaths } from './paths';
import { type ManagedProcess, runningPid, startDetached, stopManaged, waitUntil } from './processes';
import { runCommand } from './run';
import { requireTool } from './tools';

/**
 * The local mail catcher: Mailpit, a real SMTP server that keeps every message it receives and shows them in a
 * web UI and a REST API. The services send their e-mail to it locally and in tests; nothing leaves the machine.
 *
 * Mailpit is a Go program; its module is on the Go module proxy, but the web UI's JavaScript is built by its own
 * release process and is not in the module. So the first run builds both (infra/mailpit/README.md): the UI from
 * the module's sources with the npm packages locked in infra/mailpit/package-lock.json, then the binary with
 * `go build`. The result is cached like the FerretDB program.
 */
export const MAILPIT_MODULE = 'github.com/axllent/mailpit';
export const MAILPIT_VERSION = 'v1.33.1';

export interface MailpitSettings {
  readonly host: string;
  readonly smtpPort: number;
  readonly httpPort: number;
}

/** SMTP on 1025 and the web UI on 8025 (Mailpit's own defaults), moved by ZHAS_PORT_OFFSET or set one by one. */
export function mailpitSettings(env: NodeJS.ProcessEnv = process.env, offset = 0): MailpitSettings {
  return {
    host: '127.0.0.1',
    smtpPort: Number(env.ZHAS_SMTP_PORT ?? 1025 + offset),
    httpPort: Number(env.ZHAS_MAIL_UI_PORT ?? 8025 + offset),
  };
}

export function mailpitUrls(settings: MailpitSettings): { smtpUrl: string; webUrl: string } {
  return {
    smtpUrl: `smtp://${settings.host}:${settings.smtpPort}`,
    webUrl: `http://${settings.host}:${settings.httpPort}`,
  };
}

export function mailpitProcess(paths: LauncherPaths): ManagedProcess {
  const dir = join(paths.dataDir, 'mailpit');
  return {
    name: 'mailpit',
    pidFile: join(dir, 'mailpit.pid'),
    logFile: join(dir, 'mailpit.log'),
    marker: join(dir, 'mailpit.db'),
  };
}

/** Builds Mailpit (web UI and binary) once per version and per set of UI packages. */
export async function ensureMailpitBinary(
  paths: LauncherPaths,
  log: (line: string) => void,
): Promise<string> {
  const recipe = join(paths.repoRoot, 'infra', 'mailpit');
  const hash = inputsHash(
    [join(recipe, 'package.json'), join(recipe, 'package-lock.json')],
    [MAILPIT_VERSION, BUILD_STEPS_VERSION],
  );
  const binary = join(paths.cacheDir, 'mailpit', hash, 'mailpit');
  await buildOnce(binary, async (temporary) => {
    requireTool('go');
    log(
      `Building the local mail catcher (Mailpit ${MAILPIT_VERSION}: its web UI, then the Go program; first run only, a few minutes; cached in ${binary})...`,
    );
    const work = mkdtempSync(join(tmpdir(), 'zhas-mailpit-build-'));
    try {
      const source = join(work, 'mailpit');
      cpSync(await downloadModule(work), source, { recursive: true });
      // The module cache is read-only; the copy is ours to build in.
      spawnSync('chmod', ['-R', 'u+w', source]);
      copyFileSync(join(recipe, 'package.json'), join(source, 'package.json'));
      copyFileSync(join(recipe, 'package-lock.json'), join(source, 'package-lock.json'));
      onlyTheMailboxUi(join(source, 'esbuild.config.mjs'));
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      await runCommand(npm, ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-save'], {
        cwd: source,
      });
      await runCommand(process.execPath, ['esbuild.config.mjs'], {
        cwd: source,
        env: { ...process.env, MINIFY: 'true' },
      });
      const ldflags = `-s -w -X ${MAILPIT_MODULE}/config.Version=${MAILPIT_VERSION}`;
      await runCommand('go', ['build', '-trimpath', '-ldflags', ldflags, '-o', temporary, '.'], {
        cwd: source,
      });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
  return binary;
}

/** Changes to the steps below that change the binary; part of the cache key. */
const BUILD_STEPS_VERSION = 'ui-app-only-3';

/** The module's sources, through the Go module proxy (and Go's module cache). */
async function downloadModule(work: string): Promise<string> {
  const output = await runCommand(
    'go',
    ['mod', 'download', '-json', `${MAILPIT_MODULE}@${MAILPIT_VERSION}`],
    {
      // Outside any module, so no go.mod is read or changed.
      cwd: work,
      env: { ...process.env, GOFLAGS: '-mod=mod' },
    },
  );
  const { Dir: dir, Error: error } = JSON.parse(output) as { Dir?: string; Error?: string };
  if (!dir) throw new Error(`go mod download ${MAILPIT_MODULE}@${MAILPIT_VERSION}: ${error ?? output}`);
  return dir;
}

/**
 * Mailpit's build also bundles its API documentation page, whose package (rapidoc 12) is not on the npm registry
 * we use; the mailbox UI does without it, so only that entry point is built.
 */
function onlyTheMailboxUi(configFile: string): void {
  const config = readFileSync(configFile, 'utf8');
  const both = 'entryPoints: ["server/ui-src/app.js", "server/ui-src/docs.js"]';
  if (!config.includes(both)) {
    throw new Error(`${configFile} no longer lists the entry points this build expects (${both})`);
  }
  writeFileSync(configFile, config.replace(both, 'entryPoints: ["server/ui-src/app.js"]'));
}

function mailpitArgs(settings: MailpitSettings, database: string): string[] {
  return [
    '--smtp',
    `${settings.host}:${settings.smtpPort}`,
    '--listen',
    `${settings.host}:${settings.httpPort}`,
    '--database',
    database,
    // Plain SMTP without a password, as a local relay accepts it.
    '--smtp-auth-accept-any',
    '--smtp-auth-allow-insecure',
    // Like the large mailbox providers, a message whose Message-ID is already in the mailbox is dropped: the
    // platform resends with the same Message-ID when it cannot know whether a send reached the server.
    '--ignore-duplicate-ids',
    // Lets a test make the SMTP server refuse messages (Mailpit's "chaos"), to see retries and failures.
    '--enable-chaos',
    '--quiet',
  ];
}

/** Starts the platform's mail catcher (npm start, infra:up), data under the data folder. */
export async function startMailpit(
  paths: LauncherPaths,
  settings: MailpitSettings,
  log: (line: string) => void,
): Promise<void> {
  const cached = await ensureMailpitBinary(paths, log);
  const proc = mailpitProcess(paths);
  const dir = join(paths.dataDir, 'mailpit');
  mkdirSync(dir, { recursive: true });
  const binary = join(dir, 'mailpit');
  copyFileSync(cached, binary);
  chmodSync(binary, 0o755);
  startDetached(proc, binary, mailpitArgs(settings, proc.marker), { cwd: dir });
}

/** True when Mailpit's API answers on the port. */
export async function mailpitAnswers(settings: MailpitSettings, timeoutMs = 2000): Promise<boolean> {
  try {
    const response = await fetch(`${mailpitUrls(settings).webUrl}/api/v1/info`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.ok;
  } catch {
    return false;
  }
}

export async function waitForMailpit(
  paths: LauncherPaths,
  settings: MailpitSettings,
  timeoutMs: number,
): Promise<void> {
  const proc = mailpitProcess(paths);
  await waitUntil('Mailpit', () => mailpitAnswers(settings), {
    timeoutMs,
    alive: () => runningPid(proc) !== undefined,
    logFile: proc.logFile,
  });
}

/** A mail catcher of a test's own: free ports, a database in a temporary folder, stopped by `stop`. */
export interface MailCatcher {
  readonly smtpUrl: string;
  readonly webUrl: string;
  stop(): Promise<void>;
}

export async function startMailCatcher(
  options: { paths: LauncherPaths; log?: (line: string) => void; timeoutMs?: number } & Partial<
    Pick<MailpitSettings, 'smtpPort' | 'httpPort'>
  >,
): Promise<MailCatcher> {
  const cached = await ensureMailpitBinary(options.paths, options.log ?? ((line) => console.error(line)));
  const dir = mkdtempSync(join(tmpdir(), 'zhas-mail-catcher-'));
  const settings: MailpitSettings = {
    host: '127.0.0.1',
    smtpPort: options.smtpPort ?? (await freePort()),
    httpPort: options.httpPort ?? (await freePort()),
  };
  const proc: ManagedProcess = {
    name: 'mailpit',
    pidFile: join(dir, 'mailpit.pid'),
    logFile: join(dir, 'mailpit.log'),
    marker: join(dir, 'mailpit.db'),
  };
  startDetached(proc, cached, mailpitArgs(settings, proc.marker), { cwd: dir });
  await waitUntil('Mailpit', () => mailpitAnswers(settings), {
    timeoutMs: options.timeoutMs ?? 30_000,
    alive: () => runningPid(proc) !== undefined,
    logFile: proc.logFile,
  });
  return {
    ...mailpitUrls(settings),
    stop: async () => {
      await stopManaged(proc, 5_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
