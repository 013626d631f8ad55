import type { Cluster, Service, ServiceSettings } from '@strata/model';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { typed, type KubeObject } from '../kube.ts';
import { selectorLabels, serviceMeta } from './metadata.ts';

export function renderService(service: Service, cluster: Cluster, settings: ServiceSettings): KubeObject {
  return typed<IService>({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: serviceMeta(service, cluster),
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(service),
      ports: settings.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.name, protocol: p.protocol })),
    },
  });
}

/** The pod identity; no API token, since services do not call the Kubernetes API. */
export function renderServiceAccount(service: Service, cluster: Cluster): KubeObject {
  return typed<IServiceAccount>({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: serviceMeta(service, cluster),
    automountServiceAccountToken: false,
  });
}
