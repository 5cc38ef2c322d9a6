import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { type Benchmark, rateResult, round } from './results';

/*
 * D1: the heaviest dashboard query at national scale. The results-framework table of a semester (every indicator's
 * actual to date, in the semester and at the previous semester's end) together with every indicator's values split
 * by all seven dimensions for a year, over the read models of 1,000,000 bids (50,000 with --quick): five yearly
 * rounds in the 20 regions, teams of 3-5, 30 % awarded, projects with tranches, reports, stipends, surveys and exits.
 *
 * Ours: the query answered from reporting's kept tally (features/figures). Baseline, same run and data: the same
 * query computed from the documents, as every query was before the tally was kept (taking the tally, then reading
 * it; the time to read the documents from the database comes on top and is left out, in the baseline's favour).
 * The measuring runs in a process of its own with a larger heap (dashboard-worker.ts): the documents are
 * generated and tallied 20,000 bids at a time.
 */

interface WorkerFigures {
  readonly bids: number;
  readonly documents: number;
  readonly observations: number;
  readonly cells: number;
  readonly tallyMs: number;
  readonly keptP50: number;
  readonly keptP99: number;
  readonly perQueryMs: number;
  readonly publicP50: number;
  readonly heapUsedMiB: number;
  readonly rssMiB: number;
}

function runWorker(bids: number, repetitions: number): Promise<WorkerFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--max-old-space-size=6144',
        join(__dirname, 'dashboard-worker.js'),
        String(bids),
        String(repetitions),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the dashboard worker exited with ${code}`));
      try {
        resolve(JSON.parse(output.trim().split('\n').at(-1) ?? '') as WorkerFigures);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

export const dashboardBenchmark: Benchmark = {
  id: 'D1',
  title: 'heaviest dashboard query (results framework + all breakdowns): ms',
  services: [],
  async run({ quick, log }) {
    const bids = quick ? 50_000 : 1_000_000;
    const started = Date.now();
    log(
      `  generating and tallying the read models of ${bids.toLocaleString('en')} bids (in a process of its own)`,
    );
    const figures = await runWorker(bids, quick ? 10 : 20);
    log(
      `  ${figures.documents.toLocaleString('en')} documents, ${figures.observations.toLocaleString('en')} ` +
        `observations in ${figures.cells.toLocaleString('en')} cells; tally ${(figures.tallyMs / 1000).toFixed(1)} s`,
    );
    return [
      rateResult({
        id: 'D1',
        title: `heaviest dashboard query at ${bids.toLocaleString('en')} bids`,
        ours: { name: 'p50 from the kept tally', value: round(figures.keptP50, 1), unit: 'ms' },
        baseline: {
          name: 'computed per query',
          what: 'the same query computed from the documents: tally taken for the query, then read (reads from the database left out)',
          value: round(figures.perQueryMs, 0),
          unit: 'ms',
        },
        higherIsBetter: false,
        target: { description: 'p50 under 1 s at 1,000,000 bids', met: (_ratio, ours) => ours < 1000 },
        measures: [
          { name: 'p99 from the kept tally', value: round(figures.keptP99, 1), unit: 'ms' },
          { name: 'public headline + map p50', value: round(figures.publicP50, 1), unit: 'ms' },
          { name: 'taking the tally', value: round(figures.tallyMs / 1000, 1), unit: 's' },
          { name: 'documents', value: figures.documents, unit: 'documents' },
          { name: 'observations', value: figures.observations, unit: 'observations' },
          { name: 'cells', value: figures.cells, unit: 'cells' },
          { name: 'heap used', value: round(figures.heapUsedMiB, 0), unit: 'MiB' },
        ],
        parameters: { bids, repetitions: quick ? 10 : 20 },
        seconds: (Date.now() - started) / 1000,
      }),
    ];
  },
};
