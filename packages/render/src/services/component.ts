import { servicesOn, settingsOn, type Cluster, type Platform, type Service } from '@strata/model';
import type { Component } from '../component.ts';
import type { KubeObject } from '../kube.ts';
import type { AppUnit } from '../unit.ts';
import { waves } from '../waves.ts';
import { renderDeployment } from './deployment.ts';
import { renderIngress } from './ingress.ts';
import { renderServiceMonitor } from './monitoring.ts';
import { renderEgressPolicy, renderIngressPolicy } from './network-policy.ts';
import { minimumReplicas, renderAutoscaler, renderDisruptionBudget } from './scaling.ts';
import { renderService, renderServiceAccount } from './service.ts';

/** Each service of the platform as a Kustomize folder, in its team's project. */
export const services: Component = {
  name: 'services',
  render(platform: Platform, cluster: Cluster): readonly AppUnit[] {
    return servicesOn(platform, cluster).map((service) => renderServiceUnit(platform, service, cluster));
  },
};

function renderServiceUnit(platform: Platform, service: Service, cluster: Cluster): AppUnit {
  const settings = settingsOn(service, cluster);
  const objects: (KubeObject | undefined)[] = [
    renderServiceAccount(service, cluster),
    renderDeployment(platform, service, cluster, settings),
    renderService(service, cluster, settings),
    settings.autoscaling && renderAutoscaler(service, cluster, settings.autoscaling),
    minimumReplicas(settings) > 1 ? renderDisruptionBudget(service, cluster) : undefined,
    renderServiceMonitor(service, cluster, settings),
    renderIngressPolicy(platform, service, cluster, settings),
    renderEgressPolicy(platform, service, cluster),
    settings.expose.type === 'public' ? renderIngress(platform, service, cluster, settings, settings.expose.host) : undefined,
  ];
  const { image } = settings;
  return {
    type: 'manifests',
    name: service.name,
    namespace: service.namespace,
    project: service.team,
    wave: waves.services,
    objects: objects.filter((o): o is KubeObject => o !== undefined),
    images: [image.digest !== undefined ? { name: image.repository, digest: image.digest } : { name: image.repository, newTag: image.tag ?? '' }],
  };
}
