/**
 * The metric and label names the dashboards read, each from where it is produced.
 * The SLO series come from render/slo (`sloSeries`); these are the others.
 */

/** What @strata/service-kit exports (ARCHITECTURE.md, "Telemetry"), scraped with the target label `service`. */
export const serviceMetrics = {
  /** Histogram; labels `http_request_method`, `http_route`, `http_response_status_code`. */
  httpServerDuration: 'http_server_request_duration_seconds',
  /** Histogram, per attempt; labels `http_request_method`, `server_address`, `http_response_status_code`, `error_type`. */
  httpClientDuration: 'http_client_request_duration_seconds',
  /** Histogram; labels `db_system_name`, `db_operation_name`, `error_type`. */
  dbClientDuration: 'db_client_operation_duration_seconds',
  /** Gauge; labels `db_client_connection_state` (`idle`, `used`), `db_client_connection_pool_name`. */
  dbConnectionCount: 'db_client_connection_count',
  /** Gauge; label `db_client_connection_pool_name`. */
  dbPendingRequests: 'db_client_connection_pending_requests',
} as const;

/** prom-client's default metrics, which service-kit collects unless `processMetrics: false`. */
export const processMetrics = {
  cpuSeconds: 'process_cpu_seconds_total',
  residentMemory: 'process_resident_memory_bytes',
  heapUsed: 'nodejs_heap_size_used_bytes',
  eventLoopLagP99: 'nodejs_eventloop_lag_p99_seconds',
  /** Histogram; label `kind`. */
  gcDuration: 'nodejs_gc_duration_seconds',
} as const;

/**
 * The collector's `spanmetrics` connector (render/observability/traces.ts) through its
 * Prometheus exporter: namespace `traces.span.metrics`; labels `service_name`,
 * `span_name`, `span_kind` (`SPAN_KIND_SERVER`, …), `status_code` (`STATUS_CODE_ERROR`, …)
 * and the configured dimensions. The duration histogram is in milliseconds: the
 * connector's default unit until its gate `connector.spanmetrics.useSecondAsDefaultMetricsUnit`
 * is enabled (alpha up to collector 0.158); traces.ts sets no `histogram.unit`.
 */
export const spanMetrics = {
  calls: 'traces_span_metrics_calls_total',
  duration: 'traces_span_metrics_duration_milliseconds',
  durationUnit: 'ms',
  serverKind: 'SPAN_KIND_SERVER',
  errorStatus: 'STATUS_CODE_ERROR',
} as const;

/**
 * The collector's `servicegraph` connector: one series per edge, labels `client`,
 * `server`, `connection_type`, `failed`; latencies in seconds.
 */
export const serviceGraphMetrics = {
  requests: 'traces_service_graph_request_total',
  failedRequests: 'traces_service_graph_request_failed_total',
  serverDuration: 'traces_service_graph_request_server_seconds',
  clientDuration: 'traces_service_graph_request_client_seconds',
} as const;
