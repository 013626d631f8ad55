import { describe, expect, it } from 'vitest';
import { formatFinding } from './finding.ts';
import { checkNetworkPolicies } from './network-policy.ts';
import type { TreeObject } from './tree.ts';

type Fields = Record<string, unknown>;

const root = 'deploy/clusters/dev-local';
const nameLabel = 'app.kubernetes.io/name';
const databaseOf = 'strata.dev/database-of';
const httpAndMetrics: readonly Fields[] = [
  { name: 'http', containerPort: 8080 },
  { name: 'metrics', containerPort: 9090 },
];

interface WorkloadOptions {
  readonly calls?: readonly string[];
  /** Pod labels besides `app.kubernetes.io/name`. */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default http 8080 and metrics 9090 */
  readonly ports?: readonly Fields[];
  /** The container's env. @default none */
  readonly env?: readonly Fields[];
}

function deployment(namespace: string, name: string, options: WorkloadOptions = {}): TreeObject {
  const labels = { [nameLabel]: name, ...options.labels };
  const annotations = options.calls === undefined ? {} : { annotations: { 'strata.dev/calls': options.calls.join(',') } };
  return {
    file: `${root}/${name}/deployment.yaml`,
    index: 0,
    object: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace, labels: { [nameLabel]: name }, ...annotations },
      spec: {
        selector: { matchLabels: { [nameLabel]: name } },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'app',
                image: `registry.example.com/${name}:1.0.0`,
                ports: options.ports ?? httpAndMetrics,
                ...(options.env === undefined ? {} : { env: options.env }),
              },
            ],
          },
        },
      },
    },
  };
}

/** `file deployment.yaml Kind/namespace/name`, as findings on a Deployment of {@link deployment} print it. */
function at(namespace: string, name: string): string {
  return `${root}/${name}/deployment.yaml Deployment/${namespace}/${name}`;
}

function namespace(name: string, labels: Readonly<Record<string, string>> = {}): TreeObject {
  return { file: `${root}/namespaces/${name}.yaml`, index: 0, object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } } };
}

function networkPolicy(namespace: string, name: string, spec: Fields): TreeObject {
  return {
    file: `${root}/${namespace}/network-policies.yaml`,
    index: 0,
    object: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec },
  };
}

function defaultDeny(namespace: string, policyTypes: readonly string[] = ['Ingress', 'Egress']): TreeObject {
  return networkPolicy(namespace, 'default-deny', { podSelector: {}, policyTypes });
}

function allowDns(namespace: string): TreeObject {
  return networkPolicy(namespace, 'allow-dns', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
        ],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
    ],
  });
}

/** A peer as the renderer writes it: a namespace by name, optionally narrowed to one service. */
function peer(namespace: string, service?: string): Fields {
  return {
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
    ...(service === undefined ? {} : { podSelector: { matchLabels: { [nameLabel]: service } } }),
  };
}

const tcp8080And9090 = [
  { protocol: 'TCP', port: 8080 },
  { protocol: 'TCP', port: 9090 },
];

/** Ingress to a service from each caller (`namespace/name`) on its ports, and from Prometheus on the metrics port. */
function ingressPolicy(namespace: string, name: string, callers: readonly string[], extraRules: readonly Fields[] = []): TreeObject {
  const rules = callers.map((caller) => {
    const [callerNamespace = '', callerName] = caller.split('/');
    return { from: [peer(callerNamespace, callerName)], ports: tcp8080And9090 };
  });
  return networkPolicy(namespace, `${name}-ingress`, {
    podSelector: { matchLabels: { [nameLabel]: name } },
    policyTypes: ['Ingress'],
    ingress: [...rules, { from: [peer('monitoring')], ports: [{ protocol: 'TCP', port: 'metrics' }] }, ...extraRules],
  });
}

/** Egress from a service to each callee (`namespace/name`) on its ports. */
function egressPolicy(namespace: string, name: string, callees: readonly string[]): TreeObject {
  return networkPolicy(namespace, `${name}-egress`, {
    podSelector: { matchLabels: { [nameLabel]: name } },
    policyTypes: ['Egress'],
    egress: callees.map((callee) => {
      const [calleeNamespace = '', calleeName] = callee.split('/');
      return { to: [peer(calleeNamespace, calleeName)], ports: tcp8080And9090 };
    }),
  });
}

/** storefront → orders → inventory in namespace shop, with exactly the policies those calls need. */
function compliantShop(): TreeObject[] {
  return [
    namespace('shop', { 'strata.dev/team': 'shop' }),
    namespace('monitoring'),
    defaultDeny('shop'),
    allowDns('shop'),
    deployment('shop', 'storefront', { calls: ['orders'] }),
    ingressPolicy('shop', 'storefront', [], [{ from: [peer('ingress-nginx')], ports: [{ protocol: 'TCP', port: 'http' }] }]),
    egressPolicy('shop', 'storefront', ['shop/orders']),
    deployment('shop', 'orders', { calls: ['inventory'] }),
    ingressPolicy('shop', 'orders', ['shop/storefront']),
    egressPolicy('shop', 'orders', ['shop/inventory']),
    deployment('shop', 'inventory'),
    ingressPolicy('shop', 'inventory', ['shop/orders']),
  ];
}

function without(objects: readonly TreeObject[], policyName: string): TreeObject[] {
  return objects.filter((tree) => tree.object.kind !== 'NetworkPolicy' || tree.object.metadata?.name !== policyName);
}

function check(objects: readonly TreeObject[]): string[] {
  return checkNetworkPolicies(objects).map(formatFinding);
}

describe('checkNetworkPolicies', () => {
  it('GIVEN storefront → orders → inventory with default-deny, DNS, matching policies and a metrics rule WHEN checked THEN there are no findings', () => {
    expect(check(compliantShop())).toEqual([]);
  });

  it('GIVEN no workloads WHEN checked THEN namespaces without policies are not judged', () => {
    expect(check([namespace('monitoring'), namespace('shop')])).toEqual([]);
  });

  describe('default-deny', () => {
    it('GIVEN a namespace without a default-deny WHEN checked THEN its first workload carries the finding, once', () => {
      expect(check(without(compliantShop(), 'default-deny'))).toEqual([
        `error network/default-deny ${at('shop', 'storefront')}: namespace "shop" has no default-deny NetworkPolicy for ingress and egress`,
      ]);
    });

    it('GIVEN a default-deny for Ingress only WHEN checked THEN egress is reported missing', () => {
      const objects = [...without(compliantShop(), 'default-deny'), defaultDeny('shop', ['Ingress'])];
      expect(check(objects)).toEqual([
        `error network/default-deny ${at('shop', 'storefront')}: namespace "shop" has no default-deny NetworkPolicy for egress`,
      ]);
    });

    it('GIVEN a policy with no policyTypes and no rules WHEN checked THEN it denies ingress only, as the API defaults it', () => {
      const objects = [...without(compliantShop(), 'default-deny'), networkPolicy('shop', 'deny', { podSelector: {} })];
      expect(check(objects)).toEqual([
        `error network/default-deny ${at('shop', 'storefront')}: namespace "shop" has no default-deny NetworkPolicy for egress`,
      ]);
    });

    it('GIVEN one deny policy per direction WHEN checked THEN the namespace counts as denying both', () => {
      const objects = [
        ...without(compliantShop(), 'default-deny'),
        networkPolicy('shop', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
        networkPolicy('shop', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'], egress: [] }),
      ];
      expect(check(objects)).toEqual([]);
    });

    it('GIVEN deny policies that select some pods or carry rules WHEN checked THEN they are no default-deny', () => {
      const objects = [
        ...without(compliantShop(), 'default-deny'),
        networkPolicy('shop', 'deny-orders', { podSelector: { matchLabels: { [nameLabel]: 'orders' } }, policyTypes: ['Ingress', 'Egress'] }),
        networkPolicy('shop', 'allow-all-ingress', { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{}] }),
      ];
      // allow-all-ingress is a default-deny for egress only; it admits every caller, but egress still allows only declared calls.
      expect(check(objects)).toEqual([
        `error network/default-deny ${at('shop', 'storefront')}: namespace "shop" has no default-deny NetworkPolicy for ingress`,
      ]);
    });
  });

  describe('declared calls', () => {
    it('GIVEN the callee has no ingress policy under default-deny WHEN checked THEN the call is blocked at ingress', () => {
      expect(check(without(compliantShop(), 'orders-ingress'))).toEqual([
        `error network/call-blocked ${at('shop', 'storefront')}: call to "orders" (Deployment/shop/orders) is not allowed by network policies: ingress to "orders" is denied`,
      ]);
    });

    it('GIVEN the caller has no egress policy under default-deny WHEN checked THEN the call is blocked at egress', () => {
      expect(check(without(compliantShop(), 'storefront-egress'))).toEqual([
        `error network/call-blocked ${at('shop', 'storefront')}: call to "orders" (Deployment/shop/orders) is not allowed by network policies: egress from "storefront" is denied`,
      ]);
    });

    it('GIVEN neither side allows the call WHEN checked THEN both directions are named', () => {
      const objects = without(without(compliantShop(), 'storefront-egress'), 'orders-ingress');
      expect(check(objects)).toEqual([
        `error network/call-blocked ${at('shop', 'storefront')}: call to "orders" (Deployment/shop/orders) is not allowed by network policies: egress from "storefront" and ingress to "orders" are denied`,
      ]);
    });

    it('GIVEN a callee name that matches no workload WHEN checked THEN it is reported, and the known callee still checked', () => {
      const objects = [
        ...compliantShop().filter((tree) => tree.object.metadata?.name !== 'storefront' || tree.object.kind !== 'Deployment'),
        deployment('shop', 'storefront', { calls: ['orders', ' payments', 'orders'] }),
      ];
      expect(check(objects)).toEqual([
        `error network/unknown-callee ${at('shop', 'storefront')}: calls "payments", which is not a workload of this cluster`,
      ]);
    });

    it('GIVEN a callee in another namespace WHEN policies allow it across namespaces THEN the call is allowed', () => {
      const invoices = [
        defaultDeny('billing'),
        deployment('billing', 'invoices', { calls: ['orders'] }),
        egressPolicy('billing', 'invoices', ['shop/orders']),
      ];
      expect(check([...compliantShop(), ...invoices])).toEqual([
        `error network/call-blocked ${at('billing', 'invoices')}: call to "orders" (Deployment/shop/orders) is not allowed by network policies: ingress to "orders" is denied`,
      ]);
      const objects = [
        ...without(compliantShop(), 'orders-ingress'),
        ingressPolicy('shop', 'orders', ['shop/storefront', 'billing/invoices']),
        ...invoices,
      ];
      expect(check(objects)).toEqual([]);
    });

    it('GIVEN a CronJob calling a service WHEN its pod template labels are allowed THEN the call is allowed', () => {
      const cronJob: TreeObject = {
        file: `${root}/inventory/cronjob.yaml`,
        index: 0,
        object: {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'inventory-sync', namespace: 'shop', annotations: { 'strata.dev/calls': 'inventory' } },
          spec: {
            schedule: '0 * * * *',
            jobTemplate: { spec: { template: { metadata: { labels: { [nameLabel]: 'inventory-sync' } }, spec: { containers: [] } } } },
          },
        },
      };
      const objects = [
        ...without(compliantShop(), 'inventory-ingress'),
        cronJob,
        ingressPolicy('shop', 'inventory', ['shop/orders', 'shop/inventory-sync']),
      ];
      expect(check(objects)).toEqual([
        `error network/call-blocked ${root}/inventory/cronjob.yaml CronJob/shop/inventory-sync: call to "inventory" (Deployment/shop/inventory) is not allowed by network policies: egress from "inventory-sync" is denied`,
      ]);
      expect(check([...objects, egressPolicy('shop', 'inventory-sync', ['shop/inventory'])])).toEqual([]);
    });
    it('GIVEN a call to a workload without container ports WHEN checked THEN it cannot be allowed and says why', () => {
      const objects = [
        ...compliantShop(),
        deployment('shop', 'reports', { calls: ['inventory-sync'] }),
        deployment('shop', 'inventory-sync', { ports: [] }),
      ];
      expect(check(objects)).toEqual([
        `error network/call-blocked ${at('shop', 'reports')}: call to "inventory-sync" (Deployment/shop/inventory-sync) cannot be checked: "inventory-sync" declares no container ports`,
      ]);
    });

    it('GIVEN a Rollout that borrows its pod template through workloadRef WHEN called THEN it is judged with the Deployment\'s labels and ports', () => {
      const rollout: TreeObject = {
        file: `${root}/orders/rollout.yaml`,
        index: 0,
        object: {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Rollout',
          metadata: { name: 'orders', namespace: 'shop', annotations: { 'strata.dev/calls': 'inventory' } },
          spec: { workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'orders' } },
        },
      };
      expect(check([...compliantShop(), rollout])).toEqual([]);
      expect(check([...without(compliantShop(), 'orders-ingress'), rollout])).toEqual([
        `error network/call-blocked ${at('shop', 'storefront')}: call to "orders" (Deployment/shop/orders) is not allowed by network policies: ingress to "orders" is denied`,
        `error network/call-blocked ${at('shop', 'storefront')}: call to "orders" (Rollout/shop/orders) is not allowed by network policies: ingress to "orders" is denied`,
      ]);
    });
  });

  describe('undeclared paths', () => {
    it('GIVEN over-broad egress alone WHEN the callee ingress is narrow THEN no path opens', () => {
      const objects = [...compliantShop(), networkPolicy('shop', 'inventory-egress', {
        podSelector: { matchLabels: { [nameLabel]: 'inventory' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: {} }] }],
      })];
      expect(check(objects)).toEqual([]);
    });

    it('GIVEN an ingress policy admitting every namespace WHEN a non-caller may egress THEN the path is reported on the callee', () => {
      const objects = [
        ...without(compliantShop(), 'orders-ingress'),
        networkPolicy('shop', 'inventory-egress', {
          podSelector: { matchLabels: { [nameLabel]: 'inventory' } },
          policyTypes: ['Egress'],
          egress: [{ to: [{ namespaceSelector: {} }] }],
        }),
        networkPolicy('shop', 'orders-ingress', {
          podSelector: { matchLabels: { [nameLabel]: 'orders' } },
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ namespaceSelector: {} }] }],
        }),
      ];
      expect(check(objects)).toEqual([
        `error network/undeclared-path ${at('shop', 'orders')}: "inventory" (Deployment/shop/inventory) can reach "orders" on ports 8080, 9090 but does not declare a call to it`,
      ]);
    });

    it('GIVEN a namespace without any policy WHEN checked THEN default-deny and every undeclared path are reported, isolated namespaces untouched', () => {
      const objects = [
        ...compliantShop(),
        deployment('legacy', 'web', { calls: ['api'] }),
        deployment('legacy', 'api', { ports: [{ name: 'http', containerPort: 8080 }] }),
        deployment('legacy', 'worker', { ports: [{ name: 'dns', containerPort: 5353, protocol: 'UDP' }] }),
      ];
      expect(check(objects)).toEqual([
        `error network/default-deny ${at('legacy', 'web')}: namespace "legacy" has no default-deny NetworkPolicy for ingress and egress`,
        `error network/undeclared-path ${at('legacy', 'web')}: "api" (Deployment/legacy/api) can reach "web" on ports 8080, 9090 but does not declare a call to it`,
        `error network/undeclared-path ${at('legacy', 'web')}: "worker" (Deployment/legacy/worker) can reach "web" on ports 8080, 9090 but does not declare a call to it`,
        `error network/undeclared-path ${at('legacy', 'api')}: "worker" (Deployment/legacy/worker) can reach "api" on port 8080 but does not declare a call to it`,
        `error network/undeclared-path ${at('legacy', 'worker')}: "web" (Deployment/legacy/web) can reach "worker" on port 5353/UDP but does not declare a call to it`,
        `error network/undeclared-path ${at('legacy', 'worker')}: "api" (Deployment/legacy/api) can reach "worker" on port 5353/UDP but does not declare a call to it`,
      ]);
    });
  });

  describe('databases', () => {
    /** orders-db: a server labelled as orders' database, admitting all of shop on 5432; orders and inventory may egress to it. */
    function shopWithDatabase(): TreeObject[] {
      const toDatabase = { to: [{ podSelector: { matchLabels: { [databaseOf]: 'orders' } } }], ports: [{ protocol: 'TCP', port: 5432 }] };
      return [
        ...without(without(compliantShop(), 'orders-egress'), 'inventory-egress'),
        deployment('shop', 'orders-db', { labels: { [databaseOf]: 'orders' }, ports: [{ name: 'postgres', containerPort: 5432 }] }),
        networkPolicy('shop', 'orders-db-ingress', {
          podSelector: { matchLabels: { [databaseOf]: 'orders' } },
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ podSelector: {} }], ports: [{ protocol: 'TCP', port: 5432 }] }],
        }),
        networkPolicy('shop', 'orders-egress', {
          podSelector: { matchLabels: { [nameLabel]: 'orders' } },
          policyTypes: ['Egress'],
          egress: [{ to: [peer('shop', 'inventory')], ports: tcp8080And9090 }, toDatabase],
        }),
        networkPolicy('shop', 'inventory-egress', { podSelector: { matchLabels: { [nameLabel]: 'inventory' } }, policyTypes: ['Egress'], egress: [toDatabase] }),
      ];
    }

    it('GIVEN a database server labelled strata.dev/database-of: orders WHEN orders and inventory can reach it THEN only inventory\'s path is undeclared', () => {
      expect(check(shopWithDatabase())).toEqual([
        `error network/undeclared-path ${at('shop', 'orders-db')}: "inventory" (Deployment/shop/inventory) can reach "orders-db" on port 5432 but does not declare a call to it`,
      ]);
    });
  });

  describe('telemetry', () => {
    const collector = 'http://opentelemetry-collector.monitoring.svc.cluster.local:4318';
    const collectorPods = { 'app.kubernetes.io/name': 'opentelemetry-collector', 'app.kubernetes.io/instance': 'opentelemetry-collector' };
    const toCollector = { to: [{ ...peer('monitoring'), podSelector: { matchLabels: collectorPods } }], ports: [{ protocol: 'TCP', port: 4318 }] };

    /** inventory sends OTLP to `endpoint`; its egress policy has `rules`. */
    function inventorySending(endpoint: string, rules: readonly Fields[]): TreeObject[] {
      return [
        ...compliantShop().filter((tree) => tree.object.kind !== 'Deployment' || tree.object.metadata?.name !== 'inventory'),
        deployment('shop', 'inventory', { env: [{ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: endpoint }] }),
        networkPolicy('shop', 'inventory-egress', { podSelector: { matchLabels: { [nameLabel]: 'inventory' } }, policyTypes: ['Egress'], egress: rules }),
      ];
    }

    /** The monitoring namespace's ingress as Strata renders it: deny, then OTLP to the collector from `from`. */
    function monitoringIngress(from: readonly Fields[] | undefined): TreeObject[] {
      return [
        defaultDeny('monitoring', ['Ingress']),
        networkPolicy('monitoring', 'allow-same-namespace', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] }),
        ...(from === undefined
          ? []
          : [
            networkPolicy('monitoring', 'allow-otlp-from-services', {
              podSelector: { matchLabels: collectorPods },
              policyTypes: ['Ingress'],
              ingress: [{ from, ports: [{ protocol: 'TCP', port: 4317 }, { protocol: 'TCP', port: 4318 }] }],
            }),
          ]),
      ];
    }

    const blocked = (what: string) =>
      `error network/telemetry-blocked ${at('shop', 'inventory')}: sends telemetry to ${collector} (OTEL_EXPORTER_OTLP_ENDPOINT), but ${what}`;

    it('GIVEN egress to the collector on 4318 and OTLP ingress from shop WHEN checked THEN there are no findings', () => {
      expect(check([...inventorySending(collector, [toCollector]), ...monitoringIngress([peer('shop')])])).toEqual([]);
    });

    it('GIVEN no egress rule to monitoring WHEN checked THEN the blocked egress is reported with the endpoint', () => {
      expect(check(inventorySending(collector, []))).toEqual([blocked('egress from "inventory" to namespace "monitoring" on port 4318 is denied')]);
    });

    it('GIVEN egress to the collector on 4317 only WHEN the endpoint is on 4318 THEN egress is denied', () => {
      const grpcOnly = { ...toCollector, ports: [{ protocol: 'TCP', port: 4317 }] };
      expect(check(inventorySending(collector, [grpcOnly]))).toEqual([blocked('egress from "inventory" to namespace "monitoring" on port 4318 is denied')]);
    });

    it('GIVEN monitoring denies ingress and admits OTLP from another namespace only WHEN checked THEN ingress is denied', () => {
      expect(check([...inventorySending(collector, [toCollector]), ...monitoringIngress([peer('billing')])])).toEqual([
        blocked('ingress to namespace "monitoring" from "inventory" on port 4318 is denied'),
      ]);
    });

    it('GIVEN neither side allows it WHEN checked THEN both directions are named', () => {
      expect(check([...inventorySending(collector, []), ...monitoringIngress(undefined)])).toEqual([
        blocked('egress from "inventory" to namespace "monitoring" and ingress to namespace "monitoring" from "inventory" on port 4318 are denied'),
      ]);
    });

    it('GIVEN an egress peer selecting the namespace by a label of its Namespace object WHEN checked THEN it reaches the collector', () => {
      const byRole = { to: [{ namespaceSelector: { matchLabels: { 'strata.dev/role': 'monitoring' } } }], ports: [{ protocol: 'TCP', port: 4318 }] };
      const objects = inventorySending(collector, [byRole]).filter((tree) => tree.object.kind !== 'Namespace' || tree.object.metadata?.name !== 'monitoring');
      expect(check([...objects, namespace('monitoring', { 'strata.dev/role': 'monitoring' })])).toEqual([]);
      expect(check(objects)).toEqual([blocked('egress from "inventory" to namespace "monitoring" on port 4318 is denied')]);
    });

    it('GIVEN a short Service name WHEN checked THEN it is judged in the workload\'s own namespace', () => {
      const sameNamespace = { to: [{ podSelector: { matchLabels: { [nameLabel]: 'collector' } } }], ports: [{ protocol: 'TCP', port: 4318 }] };
      const collectorIngress = networkPolicy('shop', 'collector-ingress', {
        podSelector: { matchLabels: { [nameLabel]: 'collector' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { [nameLabel]: 'inventory' } } }], ports: [{ protocol: 'TCP', port: 4318 }] }],
      });
      const sent = (what: string) =>
        `error network/telemetry-blocked ${at('shop', 'inventory')}: sends telemetry to http://collector:4318 (OTEL_EXPORTER_OTLP_ENDPOINT), but ${what}`;
      expect(check([...inventorySending('http://collector:4318', [sameNamespace]), collectorIngress])).toEqual([]);
      expect(check(inventorySending('http://collector:4318', [sameNamespace]))).toEqual([
        sent('ingress to namespace "shop" from "inventory" on port 4318 is denied'),
      ]);
      expect(check([...inventorySending('http://collector:4318', [toCollector]), collectorIngress])).toEqual([
        sent('egress from "inventory" to namespace "shop" on port 4318 is denied'),
      ]);
    });

    it.each(['https://otlp.example.com', 'http://localhost:4318', 'http://10.0.0.7:4318', 'not a url'])(
      'GIVEN an endpoint that names no in-cluster Service (%s) WHEN checked THEN it is not judged',
      (endpoint) => {
        expect(check(inventorySending(endpoint, []))).toEqual([]);
      },
    );

    it('GIVEN an https endpoint without a port WHEN checked THEN port 443 is judged', () => {
      expect(check(inventorySending('https://opentelemetry-collector.monitoring.svc', [toCollector]))).toEqual([
        `error network/telemetry-blocked ${at('shop', 'inventory')}: sends telemetry to https://opentelemetry-collector.monitoring.svc (OTEL_EXPORTER_OTLP_ENDPOINT), but egress from "inventory" to namespace "monitoring" on port 443 is denied`,
      ]);
    });
  });

  it('GIVEN twelve workloads that can all reach an open target WHEN checked THEN ten paths are listed and the rest counted', () => {
    const callers = Array.from({ length: 12 }, (_, i) => deployment('open', `caller-${String(i).padStart(2, '0')}`, { ports: [] }));
    const findings = check([deployment('open', 'target', { ports: [{ name: 'http', containerPort: 8080 }] }), ...callers]).filter((l) =>
      l.includes(at('open', 'target')),
    );
    expect(findings).toHaveLength(12);
    expect(findings[1]).toBe(
      `error network/undeclared-path ${at('open', 'target')}: "caller-00" (Deployment/open/caller-00) can reach "target" on port 8080 but does not declare a call to it`,
    );
    expect(findings[11]).toBe(`error network/undeclared-path ${at('open', 'target')}: 2 more workloads can reach "target" without declaring a call to it`);
  });

  describe('selectors', () => {
    /** orders admits the pods its ingress rule selects; every pod of shop may egress to orders. */
    function ordersAdmitting(from: readonly Fields[]): TreeObject[] {
      return [
        defaultDeny('shop'),
        deployment('shop', 'orders', { ports: [{ name: 'http', containerPort: 8080 }] }),
        deployment('shop', 'storefront', { labels: { tier: 'web' } }),
        deployment('shop', 'canary', { labels: { tier: 'web', track: 'canary' } }),
        deployment('shop', 'admin', { labels: { tier: 'internal' } }),
        deployment('shop', 'inventory'),
        networkPolicy('shop', 'egress-to-orders', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{ to: [{ podSelector: { matchLabels: { [nameLabel]: 'orders' } } }], ports: [{ port: 8080 }] }],
        }),
        networkPolicy('shop', 'orders-ingress', {
          podSelector: { matchExpressions: [{ key: nameLabel, operator: 'In', values: ['orders'] }] },
          policyTypes: ['Ingress'],
          ingress: [{ from }],
        }),
      ];
    }

    function sourcesReachingOrders(from: readonly Fields[]): string[] {
      const prefix = `error network/undeclared-path ${at('shop', 'orders')}: "`;
      return check(ordersAdmitting(from)).map((line) => (line.startsWith(prefix) ? line.slice(prefix.length).split('"')[0] ?? '' : line));
    }

    it.each([
      { expression: { key: 'tier', operator: 'In', values: ['web'] }, sources: ['storefront', 'canary'] },
      { expression: { key: 'tier', operator: 'NotIn', values: ['web'] }, sources: ['admin', 'inventory'] },
      { expression: { key: 'track', operator: 'Exists' }, sources: ['canary'] },
      { expression: { key: 'tier', operator: 'DoesNotExist' }, sources: ['inventory'] },
      { expression: { key: 'tier', operator: 'Matches', values: ['web'] }, sources: [] },
    ])('GIVEN a podSelector expression $expression.operator WHEN checked THEN exactly $sources reach orders', ({ expression, sources }) => {
      expect(sourcesReachingOrders([{ podSelector: { matchExpressions: [expression] } }])).toEqual(sources);
    });

    it('GIVEN matchLabels and matchExpressions together WHEN checked THEN both must hold', () => {
      const selector = { matchLabels: { tier: 'web' }, matchExpressions: [{ key: 'track', operator: 'DoesNotExist' }] };
      expect(sourcesReachingOrders([{ podSelector: selector }])).toEqual(['storefront']);
    });

    it('GIVEN an empty podSelector, an ipBlock and an empty from WHEN checked THEN they admit the namespace, nobody and everyone', () => {
      expect(sourcesReachingOrders([{ podSelector: {} }])).toEqual(['storefront', 'canary', 'admin', 'inventory']);
      expect(sourcesReachingOrders([{ ipBlock: { cidr: '10.0.0.0/8' } }])).toEqual([]);
      expect(sourcesReachingOrders([])).toEqual(['storefront', 'canary', 'admin', 'inventory']);
    });

    it('GIVEN namespaceSelectors WHEN checked THEN Namespace labels and the implicit name label select, for namespaces without objects too', () => {
      const openEgress = (ns: string) =>
        networkPolicy(ns, 'allow-all-egress', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] });
      const objects = [
        namespace('shop'),
        namespace('edge', { 'strata.dev/zone': 'dmz' }),
        defaultDeny('shop'),
        deployment('shop', 'orders', { ports: [{ name: 'http', containerPort: 8080 }] }),
        defaultDeny('edge'),
        openEgress('edge'),
        deployment('edge', 'gateway'),
        defaultDeny('batch'),
        openEgress('batch'),
        deployment('batch', 'nightly', { labels: { tier: 'jobs' } }),
        deployment('batch', 'cleanup'),
        networkPolicy('shop', 'orders-ingress', {
          podSelector: { matchLabels: { [nameLabel]: 'orders' } },
          policyTypes: ['Ingress'],
          ingress: [
            { from: [{ namespaceSelector: { matchExpressions: [{ key: 'strata.dev/zone', operator: 'In', values: ['dmz'] }] } }] },
            { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'batch' } }, podSelector: { matchLabels: { tier: 'jobs' } } }] },
          ],
        }),
      ];
      expect(check(objects)).toEqual([
        `error network/undeclared-path ${at('shop', 'orders')}: "gateway" (Deployment/edge/gateway) can reach "orders" on port 8080 but does not declare a call to it`,
        `error network/undeclared-path ${at('shop', 'orders')}: "nightly" (Deployment/batch/nightly) can reach "orders" on port 8080 but does not declare a call to it`,
      ]);
    });
  });

  describe('ports', () => {
    /** storefront calls orders (http 8080, grpc 9000, metrics 9090) with the given port rules on each side. */
    function callWithPorts(egressPorts: readonly Fields[], ingressPorts: readonly Fields[]): string[] {
      const ports = [
        { name: 'http', containerPort: 8080 },
        { name: 'grpc', containerPort: 9000 },
        { name: 'metrics', containerPort: 9090 },
      ];
      return check([
        defaultDeny('shop'),
        deployment('shop', 'storefront', { calls: ['orders'] }),
        deployment('shop', 'orders', { ports }),
        networkPolicy('shop', 'storefront-egress', {
          podSelector: { matchLabels: { [nameLabel]: 'storefront' } },
          policyTypes: ['Egress'],
          egress: [{ to: [peer('shop', 'orders')], ports: egressPorts }],
        }),
        networkPolicy('shop', 'orders-ingress', {
          podSelector: { matchLabels: { [nameLabel]: 'orders' } },
          policyTypes: ['Ingress'],
          ingress: [{ from: [peer('shop', 'storefront')], ports: ingressPorts }],
        }),
      ]);
    }

    it('GIVEN both sides name the callee container port WHEN checked THEN the call is allowed', () => {
      expect(callWithPorts([{ port: 'grpc' }], [{ protocol: 'TCP', port: 'grpc' }])).toEqual([]);
    });

    it('GIVEN a name by one side and the number by the other WHEN checked THEN they meet on that port', () => {
      expect(callWithPorts([{ port: 'http' }], [{ port: 8080 }])).toEqual([]);
    });

    it('GIVEN a port range by number WHEN checked THEN ports within it are allowed', () => {
      expect(callWithPorts([{ port: 8000, endPort: 8999 }], [])).toEqual([]);
    });

    it('GIVEN each side allowing a different port WHEN checked THEN no common port is reported', () => {
      expect(callWithPorts([{ port: 'http' }], [{ port: 'grpc' }])).toEqual([
        `error network/call-blocked ${at('shop', 'storefront')}: call to "orders" (Deployment/shop/orders) is not allowed by network policies: egress from "storefront" and ingress to "orders" are allowed on no common port`,
      ]);
    });

    it('GIVEN a port name the callee does not have, or another protocol WHEN checked THEN that side is denied', () => {
      expect(callWithPorts([{ port: 'https' }], [])).toEqual([
        `error network/call-blocked ${at('shop', 'storefront')}: call to "orders" (Deployment/shop/orders) is not allowed by network policies: egress from "storefront" is denied`,
      ]);
      expect(callWithPorts([], [{ protocol: 'UDP', port: 8080 }])).toEqual([
        `error network/call-blocked ${at('shop', 'storefront')}: call to "orders" (Deployment/shop/orders) is not allowed by network policies: ingress to "orders" is denied`,
      ]);
    });
  });

  it('GIVEN 2,500 services in 50 namespaces with realistic policies (~10,000 objects) WHEN checked THEN no finding (timing: npm run bench:synth)', () => {
    const objects: TreeObject[] = [];
    const names = Array.from({ length: 2500 }, (_, i) => `svc-${i}`);
    const home = (i: number) => `team-${i % 50}`;
    const callees = (i: number) => [(i + 1) % 2500, (i + 37) % 2500, (i + 1201) % 2500];
    const callers = new Map<number, number[]>();
    for (let i = 0; i < 2500; i++) for (const c of callees(i)) callers.set(c, [...(callers.get(c) ?? []), i]);
    for (let n = 0; n < 50; n++) objects.push(namespace(`team-${n}`), defaultDeny(`team-${n}`), allowDns(`team-${n}`));
    names.forEach((name, i) => {
      objects.push(
        deployment(home(i), name, { calls: callees(i).map((c) => names[c] ?? '') }),
        { file: `${root}/${name}/service.yaml`, index: 0, object: { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: home(i) } } },
        ingressPolicy(home(i), name, (callers.get(i) ?? []).map((c) => `${home(c)}/${names[c]}`)),
        egressPolicy(home(i), name, callees(i).map((c) => `${home(c)}/${names[c]}`)),
      );
    });
    expect(objects.length).toBe(10150);
    expect(checkNetworkPolicies(objects)).toEqual([]);
  });
});
