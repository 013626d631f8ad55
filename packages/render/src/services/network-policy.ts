import type { Cluster, Platform, Service, ServiceSettings } from '@strata/model';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import { labels, typed, type KubeObject } from '../kube.ts';
import { selectorLabels, serviceMeta } from './metadata.ts';

function peer(namespace: string, podLabels?: Record<string, string>): INetworkPolicyPeer {
  return {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
    ...(podLabels ? { podSelector: { matchLabels: podLabels } } : {}),
  };
}

function ports(settings: ServiceSettings, names?: readonly string[]): INetworkPolicyPort[] {
  return settings.ports.filter((p) => names === undefined || names.includes(p.name)).map((p) => ({ protocol: p.protocol, port: p.port }));
}

const callersByPlatform = new WeakMap<Platform, ReadonlyMap<string, readonly Service[]>>();

/** Who calls each service, computed once per platform (services × calls, not services²). */
function callersOf(platform: Platform): ReadonlyMap<string, readonly Service[]> {
  let callers = callersByPlatform.get(platform);
  if (callers === undefined) {
    const map = new Map<string, Service[]>();
    for (const caller of platform.services) {
      for (const callee of caller.calls) map.set(callee, [...(map.get(callee) ?? []), caller]);
    }
    callers = map;
    callersByPlatform.set(platform, callers);
  }
  return callers;
}

/**
 * Ingress to the service: from each declared caller on the service's ports, from
 * Prometheus on the metrics port, and from the ingress controller when public.
 */
export function renderIngressPolicy(platform: Platform, service: Service, cluster: Cluster, settings: ServiceSettings): KubeObject {
  const callers = callersOf(platform).get(service.name) ?? [];
  const rules: INetworkPolicyIngressRule[] = callers.map((caller) => ({
    from: [peer(caller.namespace, { [labels.name]: caller.name })],
    ports: ports(settings),
  }));
  rules.push({ from: [peer(platform.monitoringNamespace)], ports: ports(settings, [settings.metrics.port]) });
  if (settings.expose.type === 'public') {
    rules.push({ from: [peer(platform.ingressNamespace)], ports: ports(settings, [settings.ports[0]?.name ?? '']) });
  }
  return typed<INetworkPolicy>({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: serviceMeta(service, cluster, `${service.name}-ingress`),
    spec: { podSelector: { matchLabels: selectorLabels(service) }, policyTypes: ['Ingress'], ingress: rules },
  });
}

/** Egress from the service to exactly the services it calls, on their ports. */
export function renderEgressPolicy(platform: Platform, service: Service, cluster: Cluster): KubeObject | undefined {
  const callees = platform.services.filter((s) => service.calls.includes(s.name));
  if (callees.length === 0) return undefined;
  return typed<INetworkPolicy>({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: serviceMeta(service, cluster, `${service.name}-egress`),
    spec: {
      podSelector: { matchLabels: selectorLabels(service) },
      policyTypes: ['Egress'],
      egress: callees.map((callee) => {
        const settings = callee.environments[cluster.environment];
        return {
          to: [peer(callee.namespace, { [labels.name]: callee.name })],
          ports: settings ? ports(settings) : [],
        };
      }),
    },
  });
}
