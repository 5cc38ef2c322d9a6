import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { buildOnce, inputsHash } from './cache';
import { type LauncherPaths } from './paths';
import { type ManagedProcess, runningPid, startDetached, waitUntil } from './processes';
import { runCommand } from './run';
import { requireTool } from './tools';

export interface FerretSettings {
  readonly host: string;
  readonly port: number;
}

export function ferretSettings(env: NodeJS.ProcessEnv = process.env): FerretSettings {
  return { host: '127.0.0.1', port: Number(env.ZHAS_MONGO_PORT ?? 27017) };
}

export function ferretProcess(paths: LauncherPaths): ManagedProcess {
  const dir = join(paths.dataDir, 'ferretdb');
  return {
    name: 'ferretdb',
    pidFile: join(dir, 'ferretdb.pid'),
    logFile: join(dir, 'ferretdb.log'),
    marker: join(dir, 'db'),
  };
}

/** Builds our FerretDB program (infra/ferretdb) once per version of its sources and of Go. */
export async function ensureFerretBinary(paths: LauncherPaths, log: (line: string) => void): Promise<string> {
  const source = join(paths.repoRoot, 'infra', 'ferretdb');
  // Every input of `go build`: the module files and the program's Go sources (its tests are not part of the binary).
  const sources = readdirSync(source).filter((file) => file.endsWith('.go') && !file.endsWith('_test.go'));
  const files = ['go.mod', 'go.sum', ...sources.sort()].map((file) => join(source, file));
  // The Go version is part of the key only when a build is needed; reading it costs a process start.
  const goVersion = () => spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' }).stdout.trim();
  const hash = inputsHash(files);
  const binary = join(paths.cacheDir, 'ferretdb', hash, 'ferretdb');
  await buildOnce(binary, async (temporary) => {
    requireTool('go');
    log(
      `Building the embedded FerretDB server with ${goVersion()} (first run only, about a minute; cached in ${binary})...`,
    );
    await runCommand('go', ['build', '-trimpath', '-o', temporary, '.'], { cwd: source });
  });
  return binary;
}

export async function startFerret(
  paths: LauncherPaths,
  settings: FerretSettings,
  log: (line: string) => void,
): Promise<void> {
  const cached = await ensureFerretBinary(paths, log);
  const proc = ferretProcess(paths);
  const dir = join(paths.dataDir, 'ferretdb');
  mkdirSync(proc.marker, { recursive: true });
  // Run a copy inside the data folder, so that the process's command line names this data folder (the pid marker)
  // and a rebuild of the cached binary never replaces a running executable.
  const binary = join(dir, 'ferretdb');
  copyFileSync(cached, binary);
  chmodSync(binary, 0o755);
  startDetached(
    proc,
    binary,
    ['-listen-addr', `${settings.host}:${settings.port}`, '-data-dir', proc.marker, '-log-level', 'warn'],
    {
      cwd: dir,
    },
  );
}

/** True when a real client can ping the server. */
export async function mongoAnswers(url: string, timeoutMs = 2000): Promise<boolean> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs });
  try {
    await client.connect();
    const reply = await client.db('admin').command({ ping: 1 });
    return reply.ok === 1;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

export async function waitForFerret(paths: LauncherPaths, url: string, timeoutMs: number): Promise<void> {
  const proc = ferretProcess(paths);
  await waitUntil('FerretDB', () => mongoAnswers(url), {
    timeoutMs,
    alive: () => runningPid(proc) !== undefined,
    logFile: proc.logFile,
  });
}
