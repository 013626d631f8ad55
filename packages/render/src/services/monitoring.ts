import type { Cluster, Service, ServiceSettings } from '@strata/model';
import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { typed, type KubeObject } from '../kube.ts';
import { selectorLabels, serviceMeta } from './metadata.ts';

/**
 * Scrapes the service. Its target labels (namespace, service, job) identify the
 * service in every metric, as the telemetry contract requires.
 */
export function renderServiceMonitor(service: Service, cluster: Cluster, settings: ServiceSettings): KubeObject {
  return typed<IServiceMonitor>({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: serviceMeta(service, cluster),
    spec: {
      selector: { matchLabels: selectorLabels(service) },
      namespaceSelector: { matchNames: [service.namespace] },
      endpoints: [{ port: settings.metrics.port, path: settings.metrics.path, interval: '30s' }],
    },
  });
}
