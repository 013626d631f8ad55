import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, TracerProvider, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DbClientLabel, HttpClientLabel, HttpServerLabel, Telemetry } from './types.ts';

/** OpenTelemetry's default explicit bucket boundaries for durations, in seconds. */
export const durationBuckets: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

export interface TelemetryOptions {
  readonly serviceName: string;
  readonly serviceVersion: string;
  /** `deployment.environment.name`, e.g. `prod`. */
  readonly environment: string;
  /** More resource attributes (OTEL_RESOURCE_ATTRIBUTES); the three above win over them. */
  readonly resourceAttributes?: Readonly<Record<string, string>>;
  /** @default true */
  readonly enabled?: boolean;
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans go nowhere when unset. */
  readonly otlpEndpoint?: string;
  /** Extra exporter, exported synchronously: tests pass an InMemorySpanExporter. */
  readonly spanExporter?: SpanExporter;
  /** Process metrics (event loop, heap, GC). @default true */
  readonly processMetrics?: boolean;
}

let contextManagerInstalled = false;

/** One AsyncLocalStorage context manager per process, shared by every service in it. */
function installContextManager(): void {
  if (contextManagerInstalled) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  contextManagerInstalled = true;
}

/** Parses OpenTelemetry's `key=value,key2=value2` form (values may be percent-encoded). */
export function parseResourceAttributes(text: string | undefined): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const pair of (text ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    attributes[pair.slice(0, at).trim()] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return attributes;
}

export function createTelemetry(options: TelemetryOptions): Telemetry {
  installContextManager();
  const enabled = options.enabled ?? true;
  const processors: SpanProcessor[] = [];
  if (enabled && options.otlpEndpoint !== undefined) {
    const url = `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
    processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }) }));
  }
  if (enabled && options.spanExporter !== undefined) processors.push(new SimpleSpanProcessor({ exporter: options.spanExporter }));
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      ...options.resourceAttributes,
      'service.name': options.serviceName,
      'service.version': options.serviceVersion,
      'deployment.environment.name': options.environment,
    }),
    spanProcessors: processors,
  });
  const tracer = enabled ? provider.getTracer('@strata/service-kit', options.serviceVersion) : trace.getTracer('noop');

  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[]): Histogram<L> =>
    new Histogram<L>({ name, help, labelNames, buckets: [...durationBuckets], registers: [registry] });

  return {
    enabled,
    serviceName: options.serviceName,
    tracer,
    propagator: new W3CTraceContextPropagator(),
    registry,
    metrics: {
      httpServerDuration: histogram<HttpServerLabel>(
        'http_server_request_duration_seconds',
        'Duration of HTTP server requests.',
        ['http_request_method', 'http_route', 'http_response_status_code'],
      ),
      httpClientDuration: histogram<HttpClientLabel>(
        'http_client_request_duration_seconds',
        'Duration of HTTP client requests, per attempt.',
        ['http_request_method', 'server_address', 'http_response_status_code', 'error_type'],
      ),
      dbClientDuration: histogram<DbClientLabel>(
        'db_client_operation_duration_seconds',
        'Duration of database client operations.',
        ['db_system_name', 'db_operation_name', 'error_type'],
      ),
    },
    shutdown: () => provider.shutdown(),
  };
}
