import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { type RecordedSpan } from '@zhas/service-kit/telemetry';
import { eventually, testBrokers, testMongoUrl, uniqueName } from '@zhas/testing';
import mongoose from 'mongoose';

const harness = join(__dirname, 'dist', 'harness', 'trace-service.js');

describe('tracing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhas-trace-'));
  const traceFile = join(dir, 'spans.jsonl');
  const dbName = uniqueName('trace');
  let child: ChildProcess | undefined;

  afterAll(async () => {
    if (child?.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    const connection = await mongoose.createConnection(testMongoUrl(), { dbName }).asPromise();
    await connection.dropDatabase();
    await connection.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('one trace id spans the HTTP request, the event it produced and the consumer that handled it', async () => {
    if (!existsSync(harness)) throw new Error(`${harness} is missing: run npm run build (npm test does)`);
    child = spawn(process.execPath, [harness], {
      env: {
        ...process.env,
        KAFKA_BROKERS: testBrokers().join(','),
        MONGO_URL: testMongoUrl(),
        MONGO_DB: dbName,
        TOPIC_PREFIX: uniqueName('t'),
        ZHAS_TRACE_FILE: traceFile,
        OTEL_EXPORTER_OTLP_ENDPOINT: '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      child?.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /READY (\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child?.once('exit', (code) => reject(new Error(`the harness exited with ${code}`)));
    });

    const roundId = uniqueName('round');
    const response = await fetch(`${url}/rounds/${roundId}/close`, { method: 'POST' });
    expect(response.status).toBe(202);

    const spans = await eventually(
      'the consumer span was recorded',
      () => {
        if (!existsSync(traceFile)) return Promise.resolve(undefined);
        const recorded = readFileSync(traceFile, 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as RecordedSpan);
        return Promise.resolve(
          recorded.some((span) => span.name.startsWith('process ')) ? recorded : undefined,
        );
      },
      { timeoutMs: 30_000 },
    );
    const server = spans.find(
      (span) =>
        span.kind === SpanKind.SERVER &&
        String(span.attributes['http.route'] ?? span.name).includes('/rounds/'),
    );
    const producer = spans.find((span) => span.kind === SpanKind.PRODUCER);
    const consumer = spans.find((span) => span.kind === SpanKind.CONSUMER);
    expect(server).toBeDefined();
    expect(producer?.name).toBe('publish competitions.round.closed.v1');
    expect(consumer?.name).toBe('process competitions.round.closed.v1');
    expect(producer?.traceId).toBe(server?.traceId);
    expect(consumer?.traceId).toBe(server?.traceId);
    expect(consumer?.parentSpanId).toBe(producer?.spanId);
    // The consumer's own database write is part of the same trace.
    expect(
      spans.some((span) => span.traceId === server?.traceId && span.parentSpanId === consumer?.spanId),
    ).toBe(true);
  });
});
