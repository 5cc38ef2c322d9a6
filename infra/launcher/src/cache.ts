import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** A short, stable hash of the files and strings a cached artefact is built from. */
export function inputsHash(files: readonly string[], extra: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(file));
  for (const value of extra) hash.update(value);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds `target` once: `build` writes into a temporary path that is renamed into place only when it succeeded,
 * so an interrupted build never leaves a half-built artefact that looks finished.
 */
export async function buildOnce(
  target: string,
  build: (temporaryPath: string) => Promise<void>,
): Promise<'cached' | 'built'> {
  if (existsSync(target)) return 'cached';
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.partial-${process.pid}`;
  rmSync(temporary, { recursive: true, force: true });
  try {
    await build(temporary);
    renameSync(temporary, target);
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
  return 'built';
}
