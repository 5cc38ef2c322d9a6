#!/usr/bin/env node
/*
 * npm run bench [-- --quick] [--events N] [--only B3,B4] [--out file]
 *
 * Runs the platform on servers and ports of its own (platform.ts), runs each benchmark with its baseline measured
 * in the same run, prints a table of ratios and writes bench/results.json. Speed is measured here, never in tests.
 */
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { launcherPaths } from '@zhas/launcher';
import { benchmarks } from './benchmarks';
import { Platform, platformSettings } from './platform';
import { type BenchmarkResult } from './results';

const USAGE = `npm run bench [-- options]
  --quick          CI-sized: smaller data (under five minutes in all)
  --events N       events of the generated stream for the rebuild (default 200000; 20000 with --quick)
  --only B3,B4     run only these benchmarks
  --out FILE       where to write the results (default bench/results.json)
Ports: ZHAS_KAFKA_PORT, ZHAS_KAFKA_CONTROLLER_PORT, ZHAS_MONGO_PORT, ZHAS_PORT_OFFSET (defaults 9192, 9193, 27117,
1000); data in .data/bench (ZHAS_BENCH_DATA_DIR), wiped at the start of each run.`;

interface Arguments {
  readonly quick: boolean;
  readonly events: number;
  readonly only: readonly string[] | undefined;
  readonly out: string;
}

export function parseArguments(argv: readonly string[]): Arguments | 'help' {
  let quick = false;
  let events: number | undefined;
  let only: string[] | undefined;
  let out = join(launcherPaths().repoRoot, 'bench', 'results.json');
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    const value = () => {
      const next = argv[index + 1];
      if (next === undefined) throw new Error(`${argument} needs a value`);
      index += 1;
      return next;
    };
    if (argument === '--help' || argument === '-h') return 'help';
    else if (argument === '--quick') quick = true;
    else if (argument === '--events') {
      events = Number(value().replace(/_/g, ''));
      if (!Number.isInteger(events) || events < 1_000)
        throw new Error('--events must be a whole number >= 1000');
    } else if (argument === '--only')
      only = value()
        .split(',')
        .map((id) => id.trim().toUpperCase());
    else if (argument === '--out') out = value();
    else throw new Error(`unknown argument ${argument}`);
  }
  return { quick, events: events ?? (quick ? 20_000 : 200_000), only, out };
}

function table(results: readonly BenchmarkResult[]): string {
  const fmt = (value: number) =>
    value >= 100 ? Math.round(value).toLocaleString('en') : value >= 10 ? value.toFixed(1) : value.toFixed(2);
  const rows = results.map((result) => [
    result.id,
    result.title,
    `${fmt(result.primary.value)} ${result.primary.unit}`,
    `${fmt(result.baseline.value)} ${result.baseline.unit} (${result.baseline.name})`,
    `${result.ratio.toFixed(2)}`,
    result.target ? `${result.target.met ? 'met' : 'NOT met'}: ${result.target.description}` : '',
  ]);
  const header = ['id', 'what', 'this project', 'baseline, same run', 'ratio', 'target'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

async function main(): Promise<number> {
  let args: Arguments | 'help';
  try {
    args = parseArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  const selected = benchmarks.filter((benchmark) => !args.only || args.only.includes(benchmark.id));
  const log = (line: string) => console.log(line);
  const settings = platformSettings();
  const startedAt = new Date();
  log(`Zhas bench${args.quick ? ' (quick)' : ''}: ${selected.map((benchmark) => benchmark.id).join(', ')}`);
  log(
    `  own servers: Kafka 127.0.0.1:${settings.kafkaPort}, FerretDB 127.0.0.1:${settings.mongoPort}, data ${settings.dataDir}`,
  );
  const platform = await Platform.start(settings, log);
  const results: BenchmarkResult[] = [];
  const failures: { id: string; error: string }[] = [];
  try {
    for (const benchmark of selected) {
      log(`${benchmark.id} ${benchmark.title}`);
      try {
        await platform.startServices(benchmark.services);
        for (const result of await benchmark.run({ platform, quick: args.quick, events: args.events, log })) {
          results.push(result);
          log(
            `  ${result.id}: ${result.primary.value.toFixed(1)} ${result.primary.unit} vs ${result.baseline.value.toFixed(1)} (${result.baseline.name}), ratio ${result.ratio.toFixed(2)}`,
          );
        }
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        failures.push({ id: benchmark.id, error: message });
        log(`  ${benchmark.id} failed: ${message}`);
      }
    }
  } finally {
    await platform.stop();
  }
  log('');
  log(table(results));
  const report = {
    description:
      'npm run bench: each figure with a baseline measured in the same run on the same machine; ratio > 1 means faster than the baseline',
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    arguments: { quick: args.quick, events: args.events, only: args.only ?? null },
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      loadAverageAtEnd: loadavg(),
      node: process.version,
      platform: process.platform,
    },
    infrastructure: {
      kafka: `embedded Apache Kafka 3.9 (single node, KRaft) at ${platform.kafkaBrokers}`,
      database: `embedded FerretDB 1.24 (SQLite backend) at ${platform.mongoUrl}`,
    },
    results,
    failures,
  };
  writeFileSync(args.out, `${JSON.stringify(report, null, 2)}\n`);
  log(`\nWritten to ${args.out}`);
  return failures.length > 0 ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
