import type { Cluster, Platform, Service, ServiceSettings } from '@strata/model';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { typed, type KubeObject } from '../kube.ts';
import { serviceMeta } from './metadata.ts';

/** Public exposure through the platform's ingress controller, over TLS. */
export function renderIngress(platform: Platform, service: Service, cluster: Cluster, settings: ServiceSettings, host: string): KubeObject {
  const port = settings.ports[0];
  return typed<IIngress>({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: serviceMeta(service, cluster),
    spec: {
      ingressClassName: platform.ingressClassName,
      tls: [{ hosts: [host], secretName: `${service.name}-tls` }],
      rules: [
        {
          host,
          http: {
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service.name, port: { name: port?.name ?? 'http' } } } }],
          },
        },
      ],
    },
  });
}
