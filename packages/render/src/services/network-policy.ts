import { settingsOn, type Cluster, type Platform, type Service, type ServiceSettings } from '@strata/model';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyEgressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyEgressRule';
import type { INetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import { labels, typed, type KubeObject } from '../kube.ts';
import { chartPodLabels, otlpPorts } from '../observability/network-policy.ts';
import { selectorLabels, serviceMeta } from './metadata.ts';

/**
 * The pod label that the server of a service's database must carry, with the service's
 * name as its value, in the service's namespace: the service's egress policy reaches it
 * there. Strata renders no database server yet (`database` in the definition is only its
 * engine and size; DATABASE_URL comes from a Secret), so whatever runs it (an operator's
 * cluster resource, a StatefulSet) must set this label on its pods and admit the service
 * on {@link postgresPort} in its own ingress policy. A database outside the cluster (RDS)
 * is not reached by this rule: it would need an ipBlock the definition does not model.
 */
export const databaseOfLabel = 'strata.dev/database-of';

/** PostgreSQL's port, the only engine the definition offers. */
export const postgresPort = 5432;

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
 * Prometheus on the metrics port, and from the ingress controller when public. Only
 * Prometheus' pods are admitted from the monitoring namespace: the metrics port is often
 * the API's port too, which Grafana, Alloy or the collector have no business calling.
 */
export function renderIngressPolicy(platform: Platform, service: Service, cluster: Cluster, settings: ServiceSettings): KubeObject {
  const callers = callersOf(platform).get(service.name) ?? [];
  const rules: INetworkPolicyIngressRule[] = callers.map((caller) => ({
    from: [peer(caller.namespace, { [labels.name]: caller.name })],
    ports: ports(settings),
  }));
  rules.push({ from: [peer(platform.monitoringNamespace, { ...chartPodLabels.prometheus })], ports: ports(settings, [settings.metrics.port]) });
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

/**
 * Egress from the service: to exactly the services it calls, on their ports; to the
 * OpenTelemetry Collector on OTLP/HTTP, where its Deployment sends traces (see
 * telemetry.ts); and to its database's pods on PostgreSQL's port when it declares one.
 * If the definition points OTEL_EXPORTER_OTLP_ENDPOINT elsewhere, that path stays closed.
 */
export function renderEgressPolicy(platform: Platform, service: Service, cluster: Cluster): KubeObject {
  const callees = platform.services.filter((s) => service.calls.includes(s.name));
  // settingsOn throws rather than leave `ports` empty, which would mean every port.
  const rules: INetworkPolicyEgressRule[] = callees.map((callee) => ({
    to: [peer(callee.namespace, { [labels.name]: callee.name })],
    ports: ports(settingsOn(callee, cluster)),
  }));
  rules.push({
    to: [peer(platform.monitoringNamespace, { ...chartPodLabels.collector })],
    ports: [{ protocol: 'TCP', port: otlpPorts.http }],
  });
  if (service.database !== undefined) {
    rules.push({ to: [peer(service.namespace, { [databaseOfLabel]: service.name })], ports: [{ protocol: 'TCP', port: postgresPort }] });
  }
  return typed<INetworkPolicy>({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: serviceMeta(service, cluster, `${service.name}-egress`),
    spec: { podSelector: { matchLabels: selectorLabels(service) }, policyTypes: ['Egress'], egress: rules },
  });
}
