import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Processes the launcher starts run detached, with a pid file beside their data. A pid is only trusted when the
 * process's command line still contains a marker (a path unique to this data folder), so a recycled pid never
 * gets a signal meant for the server we started.
 */
export interface ManagedProcess {
  readonly name: string;
  readonly pidFile: string;
  readonly logFile: string;
  /** A string that appears in the command line of the process we started (a path unique to it). */
  readonly marker: string;
}

export function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of the managed process if it is running, else undefined (a stale pid file is removed). */
export function runningPid(proc: ManagedProcess): number | undefined {
  const pid = readPid(proc.pidFile);
  if (pid === undefined) return undefined;
  if (isAlive(pid)) {
    const cmdline = commandLineOf(pid);
    // Without /proc (not Linux) we cannot check the marker; trust the pid file.
    if (cmdline === undefined || cmdline.includes(proc.marker)) return pid;
  }
  rmSync(proc.pidFile, { force: true });
  return undefined;
}

export function startDetached(
  proc: ManagedProcess,
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): number {
  const log = openSync(proc.logFile, 'a');
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', log, log],
    });
    if (child.pid === undefined) throw new Error(`could not start ${proc.name} (${command})`);
    writeFileSync(proc.pidFile, `${child.pid}\n`);
    child.unref();
    return child.pid;
  } finally {
    closeSync(log);
  }
}

/** Sends SIGTERM, waits for the process to end, and SIGKILLs it after the grace period. */
export async function stopManaged(proc: ManagedProcess, graceMs = 30_000): Promise<boolean> {
  const pid = runningPid(proc);
  if (pid === undefined) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(100);
  rmSync(proc.pidFile, { force: true });
  return true;
}

export function tailOf(file: string, lines = 30): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

export function portIsOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls `probe` until it resolves true; fails early when `alive` says the process has died. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  options: { timeoutMs: number; alive?: () => boolean; logFile?: string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await probe()) return;
    const tail = options.logFile ? `\nLast lines of ${options.logFile}:\n${tailOf(options.logFile)}` : '';
    if (options.alive && !options.alive()) throw new Error(`${what}: the process exited.${tail}`);
    if (Date.now() > deadline)
      throw new Error(`${what}: not ready after ${options.timeoutMs / 1000} s.${tail}`);
    await sleep(250);
  }
}
