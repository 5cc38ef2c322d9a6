import { type Platform } from './platform';

/*
 * What every benchmark gives back. `bench/results.json` holds a list of these with the run's settings and machine,
 * so that a later reader (a capacity model, a before/after table) needs nothing else to interpret a figure.
 */

export interface Measure {
  /** What was measured, e.g. "rebuild events/s", "p50 latency". */
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

export interface BenchmarkResult {
  /** "B4", "B5.1", ... */
  readonly id: string;
  readonly title: string;
  /** The figure the ratio is taken of: ours and the baseline's, measured in this run. */
  readonly primary: Measure;
  readonly baseline: Measure & { readonly what: string };
  /** ours / baseline for rates, baseline / ours for times: above 1 means faster than the baseline. */
  readonly ratio: number;
  readonly higherIsBetter: boolean;
  /** The target for this figure, when it has one, and whether it was met. */
  readonly target?: { readonly description: string; readonly met: boolean };
  /** Every other figure of the benchmark (percentiles, peak memory, counts), self-describing. */
  readonly measures: readonly Measure[];
  /** The sizes this run used (events, requests, concurrency, ...). */
  readonly parameters: Readonly<Record<string, number | string | boolean>>;
  readonly seconds: number;
}

export interface BenchmarkContext {
  readonly platform: Platform;
  readonly quick: boolean;
  /** Events of the generated stream (B4): `--events`, 200,000 by default, 20,000 with --quick. */
  readonly events: number;
  readonly log: (line: string) => void;
}

/**
 * One entry of `npm run bench`. To add one: write a module exporting a Benchmark, put it in the list of
 * bench/src/benchmarks.ts, and return the figure with the baseline measured in the same run.
 */
export interface Benchmark {
  readonly id: string;
  readonly title: string;
  /** Services it needs running (started before it runs, left running for the next). */
  readonly services: readonly ('competitions' | 'applications' | 'tracking' | 'reporting')[];
  run(context: BenchmarkContext): Promise<BenchmarkResult[]>;
}

export function rateResult(options: {
  id: string;
  title: string;
  ours: Measure;
  baseline: Measure & { what: string };
  target?: { description: string; met: (ratio: number, ours: number) => boolean };
  measures?: Measure[];
  parameters: Record<string, number | string | boolean>;
  seconds: number;
  higherIsBetter?: boolean;
}): BenchmarkResult {
  const higherIsBetter = options.higherIsBetter ?? true;
  const ratio = higherIsBetter
    ? options.ours.value / options.baseline.value
    : options.baseline.value / options.ours.value;
  return {
    id: options.id,
    title: options.title,
    primary: options.ours,
    baseline: options.baseline,
    ratio,
    higherIsBetter,
    ...(options.target
      ? {
          target: {
            description: options.target.description,
            met: options.target.met(ratio, options.ours.value),
          },
        }
      : {}),
    measures: options.measures ?? [],
    parameters: options.parameters,
    seconds: options.seconds,
  };
}

/** The value at quantile q (0..1) of the samples, nearest rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));
