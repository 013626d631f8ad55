import type { Autoscaling, Cluster, Service, ServiceSettings } from '@strata/model';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { typed, type KubeObject } from '../kube.ts';
import { selectorLabels, serviceMeta } from './metadata.ts';

export function renderAutoscaler(service: Service, cluster: Cluster, autoscaling: Autoscaling): KubeObject {
  return typed<IHorizontalPodAutoscaler>({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: serviceMeta(service, cluster),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: service.name },
      minReplicas: autoscaling.minReplicas,
      maxReplicas: autoscaling.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: autoscaling.targetCpuUtilizationPercent } },
        },
      ],
    },
  });
}

/** The fewest replicas the service runs with. */
export function minimumReplicas(settings: ServiceSettings): number {
  return settings.autoscaling?.minReplicas ?? settings.replicas;
}

/** Keeps all but one replica up through node drains; only when there is more than one. */
export function renderDisruptionBudget(service: Service, cluster: Cluster): KubeObject {
  return typed<IPodDisruptionBudget>({
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: serviceMeta(service, cluster),
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(service) } },
  });
}
