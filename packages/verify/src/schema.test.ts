import { describe, expect, it } from 'vitest';
import { formatFinding } from './finding.ts';
import { checkSchemas } from './schema.ts';
import type { KubeObject } from './tree.ts';
import { widget, widgetDefinition } from './test-support/widget.ts';

const file = 'deploy/clusters/dev-local/orders/manifests.yaml';
const labels = { 'app.kubernetes.io/name': 'orders', 'app.kubernetes.io/part-of': 'shop' };

function check(...objects: KubeObject[]): string[] {
  return checkSchemas(objects.map((object, index) => ({ file, index, object }))).map(formatFinding);
}

function deployment(podSpec: Record<string, unknown> = {}, deploymentSpec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'orders', namespace: 'shop', labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels, annotations: { 'prometheus.io/scrape': 'true' } },
        spec: {
          serviceAccountName: 'orders',
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [
            {
              name: 'app',
              image: 'ghcr.io/acme/orders:1.4.2',
              ports: [{ name: 'http', containerPort: 8080 }],
              env: [{ name: 'LOG_LEVEL', value: 'info' }],
              resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
              readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
          ...podSpec,
        },
      },
      ...deploymentSpec,
    },
  };
}

const service: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'orders', namespace: 'shop', labels },
  spec: { selector: labels, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
};

const serviceAccount: KubeObject = {
  apiVersion: 'v1',
  kind: 'ServiceAccount',
  metadata: { name: 'orders', namespace: 'shop' },
  automountServiceAccountToken: false,
};

const horizontalPodAutoscaler: KubeObject = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'orders', namespace: 'shop' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'orders' },
    minReplicas: 2,
    maxReplicas: 6,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
  },
};

const podDisruptionBudget: KubeObject = {
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'orders', namespace: 'shop' },
  spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
};

const networkPolicy: KubeObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'orders', namespace: 'shop' },
  spec: {
    podSelector: { matchLabels: labels },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'storefront' } } }],
        ports: [{ protocol: 'TCP', port: 'http' }],
      },
    ],
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }], ports: [{ port: 5432 }] }],
  },
};

const namespace: KubeObject = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'shop', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
};

const resourceQuota: KubeObject = {
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name: 'shop', namespace: 'shop' },
  spec: { hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.memory': '16Gi', pods: '40' } },
};

const limitRange: KubeObject = {
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name: 'shop', namespace: 'shop' },
  spec: {
    limits: [{ type: 'Container', default: { memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } }],
  },
};

const configMap: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'orders', namespace: 'shop' },
  data: { 'application.yaml': 'server:\n  port: 8080\n', LOG_LEVEL: 'info' },
};

const ingress: KubeObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  metadata: { name: 'orders', namespace: 'shop', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } },
  spec: {
    ingressClassName: 'nginx',
    tls: [{ hosts: ['orders.example.com'], secretName: 'orders-tls' }],
    rules: [
      {
        host: 'orders.example.com',
        http: {
          paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'orders', port: { name: 'http' } } } }],
        },
      },
    ],
  },
};

const applicationMetadata = {
  name: 'orders',
  namespace: 'argocd',
  finalizers: ['resources-finalizer.argocd.argoproj.io'],
};

function application(syncPolicy: Record<string, unknown> = { automated: { prune: true, selfHeal: true } }): KubeObject {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: applicationMetadata,
    spec: {
      project: 'shop',
      destination: { server: 'https://kubernetes.default.svc', namespace: 'shop' },
      sources: [
        {
          repoURL: 'https://charts.example.com',
          chart: 'orders',
          targetRevision: '1.4.2',
          helm: { releaseName: 'orders', valueFiles: ['$values/deploy/orders/values.yaml'] },
        },
        { repoURL: 'https://git.example.com/acme/deploy.git', targetRevision: 'main', ref: 'values' },
      ],
      syncPolicy: { ...syncPolicy, syncOptions: ['CreateNamespace=false', 'ServerSideApply=true'] },
    },
  };
}

const appProject: KubeObject = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AppProject',
  metadata: { name: 'shop', namespace: 'argocd' },
  spec: {
    description: 'The shop team',
    sourceRepos: ['https://git.example.com/acme/deploy.git', 'https://charts.example.com'],
    destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'shop' }],
    clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
    namespaceResourceBlacklist: [{ group: '', kind: 'ResourceQuota' }],
  },
};

const serviceMonitor: KubeObject = {
  apiVersion: 'monitoring.coreos.com/v1',
  kind: 'ServiceMonitor',
  metadata: { name: 'orders', namespace: 'shop', labels },
  spec: {
    selector: { matchLabels: labels },
    endpoints: [{ port: 'http', path: '/metrics', interval: '30s' }],
  },
};

describe('checkSchemas', () => {
  it('GIVEN valid built-in, Argo CD and prometheus-operator objects WHEN checked THEN there are no findings', () => {
    expect(
      check(
        deployment(),
        service,
        serviceAccount,
        horizontalPodAutoscaler,
        podDisruptionBudget,
        networkPolicy,
        namespace,
        resourceQuota,
        limitRange,
        configMap,
        ingress,
        application(),
        appProject,
        serviceMonitor,
      ),
    ).toEqual([]);
  });

  it('GIVEN a Deployment whose replicas is the string "3" WHEN checked THEN the field must be integer', () => {
    expect(check(deployment({}, { replicas: '3' }))).toEqual([
      `error schema ${file} Deployment/shop/orders: spec.replicas must be integer`,
    ]);
  });

  it('GIVEN a container without a name and a bad protocol WHEN checked THEN both paths are named with indices', () => {
    const container = { image: 'ghcr.io/acme/orders:1.4.2', ports: [{ containerPort: 8080, protocol: 'tcp' }] };
    expect(check(deployment({ containers: [container] }))).toEqual([
      `error schema ${file} Deployment/shop/orders: spec.template.spec.containers[0].name is required`,
      `error schema ${file} Deployment/shop/orders: spec.template.spec.containers[0].ports[0].protocol must be one of "SCTP", "TCP", "UDP"`,
    ]);
  });

  it('GIVEN a Service targetPort that is neither a number nor a name WHEN checked THEN both allowed types are named', () => {
    const broken = { ...service, spec: { selector: labels, ports: [{ port: 80, targetPort: true }] } };
    expect(check(broken)).toEqual([
      `error schema ${file} Service/shop/orders: spec.ports[0].targetPort must be string or integer`,
    ]);
  });

  it('GIVEN a pod spec with the typo securityContex WHEN checked THEN it is an unknown field with a hint', () => {
    expect(check(deployment({ securityContex: { runAsNonRoot: true } }))).toEqual([
      `error schema ${file} Deployment/shop/orders: unknown field "spec.template.spec.securityContex" (did you mean "securityContext"?)`,
    ]);
  });

  it('GIVEN metadata.lables WHEN checked THEN it is an unknown field with a hint', () => {
    const object = { ...configMap, metadata: { name: 'orders', namespace: 'shop', lables: labels } };
    expect(check(object)).toEqual([
      `error schema ${file} ConfigMap/shop/orders: unknown field "metadata.lables" (did you mean "labels"?)`,
    ]);
  });

  it('GIVEN an unknown field far from any known one WHEN checked THEN there is no hint', () => {
    expect(check({ ...serviceAccount, sidecar: true })).toEqual([
      `error schema ${file} ServiceAccount/shop/orders: unknown field "sidecar"`,
    ]);
  });

  it('GIVEN an Argo CD Application with syncPolicy.automatic WHEN checked THEN it is an unknown field with a hint', () => {
    expect(check(application({ automatic: { prune: true } }))).toEqual([
      `error schema ${file} Application/argocd/orders: unknown field "spec.syncPolicy.automatic" (did you mean "automated"?)`,
    ]);
  });

  it('GIVEN a ServiceMonitor endpoint with a typo WHEN checked THEN it is an unknown field with a hint', () => {
    const object = { ...serviceMonitor, spec: { selector: { matchLabels: labels }, endpoints: [{ port: 'http', pth: '/m' }] } };
    expect(check(object)).toEqual([
      `error schema ${file} ServiceMonitor/shop/orders: unknown field "spec.endpoints[0].pth" (did you mean "path"?)`,
    ]);
  });

  it('GIVEN free-form Helm valuesObject, label maps and a status WHEN checked THEN none of their keys are unknown fields', () => {
    const app = application();
    const spec = app.spec as { sources: Record<string, unknown>[] };
    const source = { ...spec.sources[0], helm: { valuesObject: { replicas: 3, anything: { goes: true } } } };
    expect(check({ ...app, spec: { ...spec, sources: [source] }, status: { whatever: 1 } })).toEqual([]);
  });

  it('GIVEN a custom kind whose CustomResourceDefinition is in the tree WHEN checked THEN there are no findings', () => {
    expect(check(widgetDefinition, widget)).toEqual([]);
  });

  it('GIVEN a custom kind without its CustomResourceDefinition WHEN checked THEN the kind is unknown', () => {
    expect(check(widget)).toEqual([
      `error schema ${file} Widget/shop/blue: unknown kind "example.com/v1 Widget": no schema for it`,
    ]);
  });

  it('GIVEN a custom kind with its CustomResourceDefinition but no name WHEN checked THEN metadata.name is required', () => {
    expect(check(widgetDefinition, { ...widget, metadata: { namespace: 'shop' } })).toEqual([
      `error schema ${file} Widget/shop/?: metadata.name is required`,
    ]);
  });

  it('GIVEN a nested type name used as a kind WHEN checked THEN the kind is unknown', () => {
    expect(check({ apiVersion: 'v1', kind: 'PodSpec', metadata: { name: 'orders' } })).toEqual([
      `error schema ${file} PodSpec/orders: unknown kind "v1 PodSpec": no schema for it`,
    ]);
  });

  it('GIVEN an object without apiVersion and kind WHEN checked THEN both are required', () => {
    expect(check({ metadata: { name: 'orders' } })).toEqual([
      `error schema ${file} ?/orders: apiVersion is required`,
      `error schema ${file} ?/orders: kind is required`,
    ]);
  });
});
