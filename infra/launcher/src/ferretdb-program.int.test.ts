import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { launcherPaths } from './paths';

// The Go tests of our FerretDB program (infra/ferretdb): the index it adds so that FerretDB's lookups by _id use an
// index instead of reading the whole table (checked with SQLite's query plan, not with a clock).
describe('the embedded FerretDB program', () => {
  it('passes its Go tests', () => {
    const run = spawnSync('go', ['test', '-count=1', '.'], {
      cwd: join(launcherPaths().repoRoot, 'infra', 'ferretdb'),
      encoding: 'utf8',
    });
    expect(`${run.stdout}${run.stderr}`).toMatch(/^ok\s/m);
    expect(run.status).toBe(0);
  }, 300_000);
});
