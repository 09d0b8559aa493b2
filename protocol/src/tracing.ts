import type * as OtlpHttp from '@opentelemetry/exporter-trace-otlp-http';
import type * as Resources from '@opentelemetry/resources';
import type * as TraceNode from '@opentelemetry/sdk-trace-node';
import type * as Conventions from '@opentelemetry/semantic-conventions';
import { context, propagation, ROOT_CONTEXT, trace, type Context, type Tracer } from '@opentelemetry/api';

/** What a process must do before it exits, so the last spans leave it. */
export interface Tracing {
  shutdown(): Promise<void>;
}

let started = false;

/**
 * Whether this process exports spans. When it does not, the span code is skipped
 * rather than run as the API's no-op: a span, a context and a response listener
 * per request, call and statement were about 1.5 % of each process's CPU under
 * the overview bench, for nothing.
 */
export function tracingOn(): boolean {
  return started;
}

/**
 * OpenTelemetry for one process, exporting over OTLP/HTTP only when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set;
 * otherwise nothing is registered, every span is the API's no-op and nothing
 * is sent anywhere. The exporter reads the standard `OTEL_*` settings itself.
 * Automatic instrumentation (http, express, graphql, pg) was weighed and refused:
 * it would trust a client's `traceparent` header, and the spans oneplan needs
 * (request, subgraph call, SQL statement) are three, made where they happen.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv): Tracing | undefined {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return undefined;
  // Loaded only when tracing is on: otherwise the SDK and its exporter would be about 13 MB of
  // every process's memory for nothing. (The API above is tiny, and its no-op is what runs.)
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof OtlpHttp;
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof Resources;
  const { BatchSpanProcessor, NodeTracerProvider } = require('@opentelemetry/sdk-trace-node') as typeof TraceNode;
  const { ATTR_SERVICE_NAME } = require('@opentelemetry/semantic-conventions') as typeof Conventions;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // Sets the global tracer provider, the AsyncLocalStorage context manager and the W3C propagator.
  provider.register();
  started = true;
  return { shutdown: () => provider.shutdown() };
}

export function tracer(): Tracer {
  return trace.getTracer('oneplan');
}

const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The active span's W3C `traceparent`, to carry inside the signed envelope; none when nothing is traced. */
export function activeTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent && TRACEPARENT.test(carrier.traceparent) ? carrier.traceparent : undefined;
}

export function isTraceparent(value: unknown): value is string {
  return typeof value === 'string' && TRACEPARENT.test(value);
}

/** The context a signed envelope's `traceparent` continues: the gateway's span as parent. */
export function contextOfTraceparent(traceparent: string | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}
