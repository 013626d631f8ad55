import type { Cluster, Platform, Service, ServiceSettings } from '@strata/model';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import { releases } from '../observability/endpoints.ts';
import { otlpPorts } from '../observability/network-policy.ts';

/**
 * The collector's OTLP/HTTP base URL, as service-kit's OTEL_EXPORTER_OTLP_ENDPOINT wants
 * it (the kit appends `/v1/traces`). The chart names its Service after the release, since
 * the release name contains the chart's name (its `fullname` helper).
 */
export function collectorOtlpEndpoint(platform: Platform): string {
  return `http://${releases.collector}.${platform.monitoringNamespace}.svc.cluster.local:${otlpPorts.http}`;
}

/**
 * OpenTelemetry's standard variables, which service-kit reads (and any other SDK):
 * traces over OTLP/HTTP with protobuf to the collector, the service's name, and resource
 * attributes of the semantic conventions. The kit sets `service.version` from its own
 * package, over the image tag given here; the collector's k8sattributes processor adds the
 * pod, node and workload, but cannot know the cluster's name.
 */
export function renderTelemetryEnv(platform: Platform, service: Service, cluster: Cluster, settings: ServiceSettings): IEnvVar[] {
  const version = settings.image.tag ?? settings.image.digest ?? 'unknown';
  const attributes = {
    'service.version': version,
    'deployment.environment.name': cluster.environment,
    'k8s.namespace.name': service.namespace,
    'k8s.cluster.name': cluster.name,
  };
  return [
    { name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: collectorOtlpEndpoint(platform) },
    // The kit only speaks http/protobuf; other SDKs may default to gRPC, which egress does not allow.
    { name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: 'http/protobuf' },
    { name: 'OTEL_RESOURCE_ATTRIBUTES', value: Object.entries(attributes).map(([key, value]) => `${key}=${value}`).join(',') },
    { name: 'OTEL_SERVICE_NAME', value: service.name },
  ];
}
