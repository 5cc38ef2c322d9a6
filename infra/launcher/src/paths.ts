import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where the launcher finds the repository, keeps local data and caches what it builds. */
export interface LauncherPaths {
  /** The repository root (this file lives in infra/launcher/{src,dist}). */
  readonly repoRoot: string;
  /** Kafka log dirs, FerretDB's SQLite files, pid files and logs. Git-ignored; survives restarts. */
  readonly dataDir: string;
  /**
   * Built artefacts (Kafka jars, the FerretDB binary). Outside the clone so that a fresh clone on the same machine
   * does not build again; each entry is keyed by a hash of its inputs.
   */
  readonly cacheDir: string;
}

export function launcherPaths(env: NodeJS.ProcessEnv = process.env): LauncherPaths {
  const repoRoot = resolve(__dirname, '..', '..', '..');
  const dataDir = env.ZHAS_DATA_DIR ? resolve(env.ZHAS_DATA_DIR) : join(repoRoot, '.data');
  const cacheBase = env.XDG_CACHE_HOME ? resolve(env.XDG_CACHE_HOME) : join(homedir(), '.cache');
  const cacheDir = env.ZHAS_CACHE_DIR ? resolve(env.ZHAS_CACHE_DIR) : join(cacheBase, 'zhas-grants');
  return { repoRoot, dataDir, cacheDir };
}
