import { servicesOn, type Cluster, type Platform } from '@strata/model';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import { labels, managedBy, typed, type KubeObject } from '../kube.ts';
import { releases } from './endpoints.ts';

/** The collector's OTLP ports: the chart's `ports.otlp` (gRPC) and `ports.otlp-http`, enabled by default. */
export const otlpPorts = { grpc: 4317, http: 4318 } as const;

/**
 * The port the Prometheus Operator serves its admission webhooks on
 * (kube-prometheus-stack's `prometheusOperator.tls.internalPort`, default 10250).
 */
export const operatorWebhookPort = 10250;

/**
 * Labels that the pinned upstream charts (../charts.ts) put on their pods, as read in
 * their templates. Each is the chart's own selector, so it holds while the chart keeps
 * its release name and no nameOverride is set in the values.
 */
export const chartPodLabels = {
  /** opentelemetry-collector 0.170.0, `selectorLabels`: name = the chart's name, instance = the release. */
  collector: { [labels.name]: 'opentelemetry-collector', 'app.kubernetes.io/instance': releases.collector },
  /**
   * Set by the Prometheus Operator (v0.78.1, kube-prometheus-stack 66.2.1) on the pods of
   * the Prometheus `kube-prometheus-stack-prometheus`, the stack's `<fullname>-prometheus`.
   */
  prometheus: { [labels.name]: 'prometheus', 'app.kubernetes.io/instance': `${releases.prometheusStack}-prometheus` },
  /** kube-prometheus-stack 66.2.1, `prometheus-operator.labels`: `<chart name>-prometheus-operator`. */
  prometheusOperator: { [labels.name]: 'kube-prometheus-stack-prometheus-operator', 'app.kubernetes.io/instance': releases.prometheusStack },
} as const;

/** A namespace by the name label the API server sets on every namespace. */
function namespacePeer(namespace: string): INetworkPolicyPeer {
  return { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } };
}

function policy(platform: Platform, cluster: Cluster, name: string, spec: INetworkPolicy['spec']): KubeObject {
  return typed<INetworkPolicy>({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name,
      namespace: platform.monitoringNamespace,
      labels: { [labels.managedBy]: managedBy, [labels.environment]: cluster.environment },
    },
    spec,
  });
}

/**
 * Ingress to the monitoring namespace: denied by default, then allowed
 * - between its own pods (Prometheus scraping the stack, Grafana querying Prometheus,
 *   Loki and Tempo, Alloy and the collector pushing to Loki and Tempo, Alertmanager's
 *   peers and Prometheus' alerts), on every port;
 * - to the collector on OTLP (4317 gRPC, 4318 HTTP) from the namespaces that run the
 *   platform's services, and no others: an open receiver would let any pod of the cluster
 *   write spans under any service's name. Both ports, since the collector serves both; each
 *   service's own egress policy narrows it to the one its SDK uses;
 * - to the Prometheus Operator's admission webhook (PrometheusRule validation) from
 *   anywhere, on that port only: the API server calls it from the control plane's
 *   addresses, which no namespace or pod selector matches and no CIDR in the definition names.
 *
 * Grafana is not exposed through the ingress controller (kube-prometheus-stack's
 * `grafana.ingress` stays off; people reach it with `kubectl port-forward`, which
 * NetworkPolicies do not see), so nothing admits the ingress namespace. Kubelet probes
 * come from the node and are not subject to NetworkPolicies either; node-exporter runs in
 * the host's network, where no policy applies.
 *
 * Egress stays open, deliberately: Prometheus scrapes every namespace, the nodes'
 * kubelets and node-exporters and the API server; Alertmanager posts to Slack and
 * Discord; Loki and Tempo write to S3; the collector and Alloy watch the API server. Their
 * addresses are outside the cluster or on the nodes, which selectors cannot name, so a
 * default-deny here would need 0.0.0.0/0 rules that add nothing. For the same reason this
 * namespace has no egress default-deny, which `strata verify` would require if Strata
 * rendered a workload of its own into it (the charts' pods are not in the tree).
 */
export function renderMonitoringNetworkPolicies(platform: Platform, cluster: Cluster): KubeObject[] {
  const serviceNamespaces = [...new Set(servicesOn(platform, cluster).map((s) => s.namespace))].sort();
  const policies = [
    policy(platform, cluster, 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
    policy(platform, cluster, 'allow-same-namespace', {
      podSelector: {},
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: {} }] }],
    }),
  ];
  // An empty `from` would admit every source: without services, there is no OTLP rule at all.
  if (serviceNamespaces.length > 0) {
    const otlp: INetworkPolicyIngressRule = {
      from: serviceNamespaces.map(namespacePeer),
      ports: [
        { protocol: 'TCP', port: otlpPorts.grpc },
        { protocol: 'TCP', port: otlpPorts.http },
      ],
    };
    policies.push(
      policy(platform, cluster, 'allow-otlp-from-services', {
        podSelector: { matchLabels: { ...chartPodLabels.collector } },
        policyTypes: ['Ingress'],
        ingress: [otlp],
      }),
    );
  }
  policies.push(
    policy(platform, cluster, 'allow-operator-webhook', {
      podSelector: { matchLabels: { ...chartPodLabels.prometheusOperator } },
      policyTypes: ['Ingress'],
      ingress: [{ ports: [{ protocol: 'TCP', port: operatorWebhookPort }] }],
    }),
  );
  return policies;
}
