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
 * per service and route) exposed to Prometheus through a ServiceMonitor.
 */
export function renderCollectorValues(platform: Platform, cluster: Cluster): Record<string, unknown> {
  const environment = environmentOf(platform, cluster);
  const { tempoOtlpGrpc, lokiUrl } = endpoints(platform.monitoringNamespace);
  const processors = ['memory_limiter', 'batch'];
  return {
    mode: 'deployment',
    image: { repository: 'otel/opentelemetry-collector-k8s' },
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
          histogram: { explicit: { buckets: durationBuckets } },
          dimensions: [{ name: 'http.request.method' }, { name: 'http.route' }, { name: 'http.response.status_code' }],
          exemplars: { enabled: true },
        },
      },
      exporters: {
        'otlp/tempo': { endpoint: tempoOtlpGrpc, tls: { insecure: true } },
        'otlphttp/loki': { endpoint: `${lokiUrl}/otlp` },
        prometheus: { endpoint: `\${env:MY_POD_IP}:${spanMetricsPort}`, resource_to_telemetry_conversion: { enabled: true } },
      },
      service: {
        pipelines: {
          traces: { receivers: ['otlp'], processors, exporters: ['otlp/tempo', 'spanmetrics'] },
          metrics: { receivers: ['otlp', 'spanmetrics'], processors, exporters: ['prometheus'] },
          logs: { receivers: ['otlp'], processors, exporters: ['otlphttp/loki'] },
        },
      },
    },
  };
}
