import type { Cluster, Service } from '@strata/model';
import { labels, managedBy, type ObjectMeta } from '../kube.ts';

/** The labels that select a service's pods; stable across releases. */
export function selectorLabels(service: Service): Record<string, string> {
  return { [labels.name]: service.name };
}

export function serviceMeta(service: Service, cluster: Cluster, name = service.name): ObjectMeta {
  return {
    name,
    namespace: service.namespace,
    labels: {
      ...selectorLabels(service),
      [labels.managedBy]: managedBy,
      [labels.team]: service.team,
      [labels.environment]: cluster.environment,
    },
  };
}
