import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { launcherPaths } from '@zhas/launcher';
import { type Benchmark, rateResult } from './results';

/*
 * F1: a lookup by _id in FerretDB's SQLite table of 5,000 documents, with the index our FerretDB program adds
 * (infra/ferretdb/idindex.go) against the same table without it. Go benchmarks in infra/ferretdb; needs Go, so it
 * is left out of --quick.
 */
export const ferretIndexBenchmark: Benchmark = {
  id: 'F1',
  title: 'FerretDB lookup by _id, 5,000 documents',
  services: [],
  run({ quick, log }) {
    if (quick) {
      log('  left out of --quick (a Go build)');
      return Promise.resolve([]);
    }
    const started = performance.now();
    const run = spawnSync('go', ['test', '-run', '^$', '-bench', 'LookupByID', '-benchtime', '2000x', '.'], {
      cwd: join(launcherPaths().repoRoot, 'infra', 'ferretdb'),
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`go test -bench failed:\n${run.stdout}${run.stderr}`);
    // e.g. "BenchmarkLookupByID/with-index-2   	    2000	     12345 ns/op"
    const results = [...run.stdout.matchAll(/^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns\/op/gm)];
    const nsOf = (suffix: string) => Number(results.find((match) => match[1]!.endsWith(suffix))?.[2]);
    const baseline = nsOf('/without-index');
    const indexed = nsOf('/with-index');
    if (!(baseline > 0 && indexed > 0)) throw new Error(`unexpected benchmark output:\n${run.stdout}`);
    return Promise.resolve([
      rateResult({
        id: 'F1',
        title: 'FerretDB lookup by _id, 5,000 documents',
        ours: { name: 'with the added index', value: indexed / 1000, unit: 'µs' },
        baseline: {
          name: "FerretDB's own indexes",
          what: 'the same SQLite query on the same table without the added index',
          value: baseline / 1000,
          unit: 'µs',
        },
        higherIsBetter: false,
        parameters: { documents: 5_000, lookups: 2_000 },
        seconds: (performance.now() - started) / 1000,
      }),
    ]);
  },
};
