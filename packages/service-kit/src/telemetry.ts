/**
 * OpenTelemetry for a service (docs/architecture.md, "Observability"). Import this module, and nothing else
 * of the service, first: the instrumentations patch http, express, mongodb and pino when those are first
 * loaded, so the SDK must start before them. Each service's `src/instrument.ts` does exactly that and
 * `main.ts` imports it first.
 *
 * - Traces: OTLP over HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set; ZHAS_TRACE_FILE writes finished spans as JSON
 *   lines (tests read them). Kafka spans come from @zhas/messaging, which carries the context in message headers.
 * - Metrics: served in Prometheus format at /metrics by the app, and pushed over OTLP when the endpoint is set.
 * - Logs: pino lines get trace_id and span_id.
 */
import { appendFileSync } from 'node:fs';
import { type Attributes, metrics, type SpanKind } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { type MetricReader, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { RequestHandler } from 'express';

/** One finished span, as ZHAS_TRACE_FILE records it. */
export interface RecordedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string | undefined;
  readonly name: string;
  readonly kind: SpanKind;
  readonly service: string;
  readonly attributes: Attributes;
}

/** Appends finished spans to a file as JSON lines, synchronously, so nothing is lost when the process stops. */
class JsonLinesSpanExporter implements SpanExporter {
  constructor(
    private readonly file: string,
    private readonly service: string,
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const lines = spans.map((span) => {
      const record: RecordedSpan = {
        traceId: span.spanContext().traceId,
        spanId: span.spanContext().spanId,
        parentSpanId: span.parentSpanContext?.spanId,
        name: span.name,
        kind: span.kind,
        service: this.service,
        attributes: span.attributes,
      };
      return `${JSON.stringify(record)}\n`;
    });
    appendFileSync(this.file, lines.join(''));
    done({ code: ExportResultCode.SUCCESS });
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export interface Telemetry {
  /** Serves the current metrics in Prometheus text format (mounted at /metrics). */
  readonly metricsHandler: RequestHandler;
  shutdown(): Promise<void>;
}

let started: Telemetry | undefined;

export function startTelemetry(options: { serviceName: string; env?: NodeJS.ProcessEnv }): Telemetry {
  if (started) return started;
  const env = options.env ?? process.env;
  const spanProcessors: SpanProcessor[] = [];
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  if (env.ZHAS_TRACE_FILE)
    spanProcessors.push(
      new SimpleSpanProcessor(new JsonLinesSpanExporter(env.ZHAS_TRACE_FILE, options.serviceName)),
    );

  const prometheus = new PrometheusExporter({ preventServerStart: true });
  const metricReaders: MetricReader[] = [prometheus];
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    metricReaders.push(
      new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter(), exportIntervalMillis: 15_000 }),
    );
  }

  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors,
    metricReaders,
    instrumentations: [
      new HttpInstrumentation({
        // Health probes every few seconds would drown the traces that matter.
        ignoreIncomingRequestHook: (request) =>
          request.url?.startsWith('/health') === true || request.url === '/metrics',
      }),
      new ExpressInstrumentation(),
      new MongoDBInstrumentation({
        enhancedDatabaseReporting: false,
        // The statement as the names of its fields, never values: the default walks every value of the command
        // (every document of a bulk insert), which was 8 % of reporting's CPU while it rebuilt.
        dbStatementSerializer: describeStatement,
      }),
      new PinoInstrumentation(),
    ],
  });
  sdk.start();

  started = {
    metricsHandler: (req, res) => {
      prometheus.getMetricsRequestHandler(req, res);
    },
    shutdown: async () => {
      await sdk.shutdown();
      started = undefined;
    },
  };
  return started;
}

/** The telemetry started in this process, if any (the app factory mounts its /metrics). */
export function currentTelemetry(): Telemetry | undefined {
  return started;
}

export { metrics };

/** A database command's shape for a span: its top-level keys, and the field names of its filter or query. */
export function describeStatement(command: Record<string, unknown>): string {
  const filter = (command.filter ?? command.query ?? command.q) as Record<string, unknown> | undefined;
  const keys = Object.keys(command).slice(0, 12).join(',');
  return filter && typeof filter === 'object'
    ? `${keys} filter:${Object.keys(filter).slice(0, 12).join(',')}`
    : keys;
}
