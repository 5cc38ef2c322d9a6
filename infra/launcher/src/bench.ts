import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { launcherPaths } from './paths';
import { requireTool } from './tools';

/*
 * `npm run bench`: speed is measured here, never in timed tests. Each benchmark reports a ratio against a baseline
 * measured in the same run on the same machine, because shared machines are noisy and absolute numbers are not.
 *
 * FerretDB lookup by _id: the embedded FerretDB program adds an index on the expression FerretDB 1.24 looks `_id`
 * up with (infra/ferretdb/idindex.go). Baseline: the same lookup on the same 5,000-document table without it.
 */

interface Result {
  readonly name: string;
  readonly nsPerOp: number;
}

function goBenchmarks(dir: string, pattern: string, benchtime: string): Result[] {
  requireTool('go');
  const run = spawnSync('go', ['test', '-run', '^$', '-bench', pattern, '-benchtime', benchtime, '.'], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`go test -bench failed:\n${run.stdout}${run.stderr}`);
  // e.g. "BenchmarkLookupByID/with-index-2   	    3000	     12345 ns/op"
  return [...run.stdout.matchAll(/^Benchmark(\S+?)(?:-\d+)?\s+\d+\s+([\d.]+) ns\/op/gm)].map((match) => ({
    name: match[1]!,
    nsPerOp: Number(match[2]),
  }));
}

function main(): void {
  const results = goBenchmarks(join(launcherPaths().repoRoot, 'infra', 'ferretdb'), 'LookupByID', '2000x');
  const of = (suffix: string) => results.find((result) => result.name.endsWith(suffix));
  const baseline = of('/without-index');
  const indexed = of('/with-index');
  if (!baseline || !indexed) throw new Error(`unexpected benchmark output: ${JSON.stringify(results)}`);
  const micro = (ns: number) => `${(ns / 1000).toFixed(1)} µs`;
  console.log('FerretDB lookup by _id, 5,000 documents (SQLite, as FerretDB 1.24 queries it)');
  console.log(`  baseline, FerretDB's own indexes only   ${micro(baseline.nsPerOp)} per lookup`);
  console.log(`  with the added _id lookup index         ${micro(indexed.nsPerOp)} per lookup`);
  console.log(
    `  speed-up                                ${(baseline.nsPerOp / indexed.nsPerOp).toFixed(1)}x`,
  );
}

main();
