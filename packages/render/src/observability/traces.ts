import { environmentOf, type Cluster, type ObjectStorage, type Platform } from '@strata/model';
import { endpoints } from './endpoints.ts';
import { sizing } from './sizing.ts';

/** The latency buckets of the telemetry contract (OpenTelemetry's defaults), for span metrics. */
const durationBuckets = ['5ms', '10ms', '25ms', '50ms', '75ms', '100ms', '250ms', '500ms', '750ms', '1s', '2.5s', '5s', '7.5s', '10s'];

/** Port of the collector's Prometheus exporter, which serves the span metrics. */
const spanMetricsPort = 8889;

/** Tempo in single-binary mode: local volume without a bucket, S3 with one. */
export function renderTempoValues(platform: Platform, cluster: Cluster): Record<string, unknown> {
  const size = sizing[environmentOf(platform, cluster).profile];
  const storage: ObjectStorage = platform.addons.observability.traces[cluster.name] ?? { type: 'filesystem' };
  const trace =
    storage.type === 's3'
      ? { backend: 's3', s3: { bucket: storage.bucket, endpoint: `s3.${storage.region}.amazonaws.com`, region: storage.region } }
      : { backend: 'local' };
  return {
    tempo: { retention: size.traceRetention, storage: { trace } },
    persistence: { enabled: true, size: size.tempoStorage },
  };
}

/**
 * The OpenTelemetry Collector as a gateway: OTLP in (4317 gRPC, 4318 HTTP), Kubernetes
 * attributes added, batched, traces to Tempo, OTLP logs to Loki, and span metrics (RED
 * per service and route) and service-graph metrics (requests between services, which
 * Grafana's Tempo service map draws) exposed to Prometheus through a ServiceMonitor.
 *
 * The service graph pairs the client and the server span of each call in memory, so both
 * must reach the same replica: with two (prod), the spans of a trace can land on
 * different ones and those edges expire unpaired, until a load-balancing exporter routes
 * spans by trace id in front of this gateway.
 */
export function renderCollectorValues(platform: Platform, cluster: Cluster): Record<string, unknown> {
  const environment = environmentOf(platform, cluster);
  const { tempoOtlpGrpc, lokiUrl } = endpoints(platform.monitoringNamespace);
  const processors = ['memory_limiter', 'batch'];
  return {
    mode: 'deployment',
    // The contrib distribution: the k8s one has no Prometheus exporter, which span and
    // service-graph metrics leave through. The binary is named after the distribution.
    image: { repository: 'otel/opentelemetry-collector-contrib' },
    command: { name: 'otelcol-contrib' },
    replicaCount: environment.name === 'prod' ? 2 : 1,
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } },
    // Adds the k8sattributes processor to every pipeline, with the RBAC it needs.
    presets: { kubernetesAttributes: { enabled: true } },
    ports: {
      'jaeger-compact': { enabled: false },
      'jaeger-thrift': { enabled: false },
      'jaeger-grpc': { enabled: false },
      zipkin: { enabled: false },
      metrics: { enabled: true },
      spanmetrics: { enabled: true, containerPort: spanMetricsPort, servicePort: spanMetricsPort, protocol: 'TCP' },
    },
    serviceMonitor: { enabled: true, metricsEndpoints: [{ port: 'metrics' }, { port: 'spanmetrics' }] },
    config: {
      // Receivers of the chart's defaults that nothing here sends to; null removes them.
      receivers: { jaeger: null, zipkin: null, prometheus: null },
      connectors: {
        spanmetrics: {
          // Pinned: the connector's default unit may change; the dashboards read *_milliseconds_*.
          histogram: { unit: 'ms', explicit: { buckets: durationBuckets } },
          dimensions: [{ name: 'http.request.method' }, { name: 'http.route' }, { name: 'http.response.status_code' }],
          exemplars: { enabled: true },
        },
        servicegraph: {
          latency_histogram_buckets: durationBuckets,
          // The database spans of service-kit name their database `db.namespace` (current conventions).
          database_name_attributes: ['db.namespace', 'db.name'],
          // A call to something untraced (an external API) becomes an edge to its address.
          virtual_node_peer_attributes: ['peer.service', 'server.address'],
          // SDKs export in batches every 5 s, so a call's two spans can arrive that far apart (default TTL 2 s).
          store: { ttl: '10s', max_items: 10000 },
          metrics_flush_interval: '15s',
        },
      },
      exporters: {
        'otlp/tempo': { endpoint: tempoOtlpGrpc, tls: { insecure: true } },
        'otlphttp/loki': { endpoint: `${lokiUrl}/otlp` },
        prometheus: { endpoint: `\${env:MY_POD_IP}:${spanMetricsPort}`, resource_to_telemetry_conversion: { enabled: true } },
      },
      service: {
        pipelines: {
          traces: { receivers: ['otlp'], processors, exporters: ['otlp/tempo', 'spanmetrics', 'servicegraph'] },
          metrics: { receivers: ['otlp', 'spanmetrics', 'servicegraph'], processors, exporters: ['prometheus'] },
          logs: { receivers: ['otlp'], processors, exporters: ['otlphttp/loki'] },
        },
      },
    },
  };
}
