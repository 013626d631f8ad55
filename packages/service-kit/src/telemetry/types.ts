import type { TextMapPropagator, Tracer } from '@opentelemetry/api';
import type { Histogram, Registry } from 'prom-client';

/** Label names of the telemetry contract (ARCHITECTURE.md), in Prometheus form. */
export type HttpServerLabel = 'http_request_method' | 'http_route' | 'http_response_status_code';
export type HttpClientLabel = 'http_request_method' | 'server_address' | 'http_response_status_code' | 'error_type';
export type DbClientLabel = 'db_system_name' | 'db_operation_name' | 'error_type';

/** The histograms every service records, named after OpenTelemetry's semantic conventions. */
export interface ServiceMetrics {
  /** `http_server_request_duration_seconds`: one observation per answered request. */
  readonly httpServerDuration: Histogram<HttpServerLabel>;
  /** `http_client_request_duration_seconds`: one per outgoing attempt (retries count apart). */
  readonly httpClientDuration: Histogram<HttpClientLabel>;
  /** `db_client_operation_duration_seconds`: one per database query. */
  readonly dbClientDuration: Histogram<DbClientLabel>;
}

/**
 * A service's telemetry: its own tracer, propagator and metric registry (nothing global,
 * so several services can share one process in tests). When `enabled` is false the tracer
 * is a no-op and nothing should be observed: that is the baseline of `npm run bench:shop`.
 */
export interface Telemetry {
  readonly enabled: boolean;
  readonly serviceName: string;
  readonly tracer: Tracer;
  readonly propagator: TextMapPropagator;
  readonly registry: Registry;
  readonly metrics: ServiceMetrics;
  /** Flushes and stops span export. */
  shutdown(): Promise<void>;
}
