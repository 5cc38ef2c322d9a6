import {
  context,
  type Context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type TextMapGetter,
} from '@opentelemetry/api';

/**
 * W3C trace context travels in Kafka headers (docs/architecture.md, "Events"). The outbox captures the
 * context of the change when the event is recorded, so the relay, which publishes later in a context of its
 * own, still continues the trace of the HTTP request that caused the event.
 */
export const tracer = trace.getTracer('@zhas/messaging');

export function captureTraceHeaders(active: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  return carrier;
}

const headerGetter: TextMapGetter<Record<string, string | undefined>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};

export function contextFromHeaders(headers: Record<string, string | undefined>): Context {
  return propagation.extract(context.active(), headers, headerGetter);
}

/** Kafka header values arrive as Buffers (or arrays of them); trace and CloudEvents headers are plain strings. */
export function headersToStrings(headers: Record<string, unknown> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (Buffer.isBuffer(first)) result[key] = first.toString('utf8');
    else if (typeof first === 'string') result[key] = first;
  }
  return result;
}

/** Runs `work` in a span whose parent comes from the given context; records failures on the span. */
export async function inSpan<T>(
  name: string,
  options: { kind: SpanKind; parent: Context; attributes?: Record<string, string | number> },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const span = tracer.startSpan(
    name,
    { kind: options.kind, attributes: options.attributes ?? {} },
    options.parent,
  );
  try {
    return await context.with(trace.setSpan(options.parent, span), () => work(span));
  } catch (error) {
    span.recordException(error instanceof Error ? error : new Error(String(error)));
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/** A producer span and the headers that carry its context to the consumer. */
export function startProducerSpan(
  name: string,
  parent: Context,
  attributes: Record<string, string | number>,
): { headers: Record<string, string>; end: () => void; fail: (error: unknown) => void } {
  const span = tracer.startSpan(name, { kind: SpanKind.PRODUCER, attributes }, parent);
  return {
    headers: captureTraceHeaders(trace.setSpan(parent, span)),
    end: () => span.end(),
    fail: (error) => {
      span.recordException(error instanceof Error ? error : new Error(String(error)));
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
  };
}

export { SpanKind };
