import { dashboardBenchmark } from './dashboard.bench';
import { ferretIndexBenchmark } from './ferretdb.bench';
import { freshnessBenchmark } from './freshness.bench';
import { rebuildBenchmark } from './rebuild.bench';
import { relayBenchmark } from './relay.bench';
import { type Benchmark } from './results';
import { writesBenchmark } from './writes.bench';

/**
 * Every entry of `npm run bench`, in the order they run. To add one, write a `<name>.bench.ts` exporting a
 * Benchmark (see results.ts) and list it here; `npm run bench -- --only <id>` runs it alone.
 */
export const benchmarks: readonly Benchmark[] = [
  writesBenchmark,
  freshnessBenchmark,
  relayBenchmark,
  rebuildBenchmark,
  dashboardBenchmark,
  ferretIndexBenchmark,
];
