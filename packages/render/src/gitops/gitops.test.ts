import { describe, expect, it } from 'vitest';
import { load as parse } from 'js-yaml';
import type { Platform } from '@strata/model';
import { platformWith } from '../test-support/reference.ts';
import { charts } from '../charts.ts';
import { defaultComponents } from '../index.ts';
import { renderTree, type Tree } from './tree.ts';

function render(platform: Platform): Tree {
  return renderTree(platform, defaultComponents).tree;
}

type Fields = Record<string, unknown>;

/** The single YAML document of a file of the tree. */
function read(tree: Tree, path: string): Fields {
  const content = tree.get(path);
  if (content === undefined) throw new Error(`no ${path} in the tree`);
  return parse(content) as Fields;
}

function waveOf(application: Fields): number {
  const metadata = application.metadata as { annotations?: Record<string, string> };
  return Number(metadata.annotations?.['argocd.argoproj.io/sync-wave']);
}

const clusters = ['dev-local', 'prod-eu', 'prod-us', 'stage-eu'];
const units = [
  'alloy', 'argocd', 'dashboards', 'inventory', 'kube-prometheus-stack', 'loki', 'monitoring-namespace', 'monitoring-rules',
  'opentelemetry-collector', 'orders', 'prometheus-operator-crds', 'storefront', 'tempo', 'tenancy',
];
const repoURL = 'https://github.com/strata-platform/strata.git';
const tree = render(platformWith());

describe('renderTree', () => {
  it('GIVEN the reference platform WHEN rendered THEN there is one bootstrap root Application per cluster, syncing its apps folder', () => {
    expect([...tree.keys()].filter((p) => p.startsWith('bootstrap/') && p.endsWith('.yaml'))).toEqual(clusters.map((c) => `bootstrap/${c}.yaml`));
    expect(read(tree, 'bootstrap/prod-eu.yaml')).toMatchObject({
      kind: 'Application',
      metadata: { name: 'root', namespace: 'argocd' },
      spec: { project: 'default', source: { repoURL, targetRevision: 'main', path: 'deploy/clusters/prod-eu/apps' } },
    });
  });

  it('GIVEN the reference platform WHEN rendered THEN projects/ holds one AppProject per team and platform-addons', () => {
    expect([...tree.keys()].filter((p) => p.startsWith('projects/') && p.endsWith('.yaml'))).toEqual([
      'projects/platform-addons.yaml',
      'projects/platform.yaml',
      'projects/shop.yaml',
    ]);
    expect(read(tree, 'projects/shop.yaml')).toMatchObject({ kind: 'AppProject', metadata: { name: 'shop', namespace: 'argocd' } });
  });

  it('GIVEN the reference platform WHEN rendered THEN every cluster has an Application per unit and one for the projects', () => {
    for (const cluster of clusters) {
      const apps = [...tree.keys()].filter((p) => p.startsWith(`clusters/${cluster}/apps/`) && p.endsWith('.yaml'));
      expect(apps).toEqual(['projects', ...units].sort().map((u) => `clusters/${cluster}/apps/${u}.yaml`));
      for (const unit of units) {
        expect(read(tree, `clusters/${cluster}/apps/${unit}.yaml`)).toMatchObject({
          kind: 'Application',
          metadata: { name: unit, namespace: 'argocd' },
          spec: { destination: { name: cluster } },
        });
      }
    }
  });

  it('GIVEN the reference platform WHEN rendered THEN sync waves order projects < CRDs < Argo CD < tenancy < services', () => {
    const wave = (app: string) => waveOf(read(tree, `clusters/dev-local/apps/${app}.yaml`));
    const order = ['projects', 'prometheus-operator-crds', 'argocd', 'tenancy', 'storefront'].map(wave);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order).size).toBe(order.length);
    expect(wave('orders')).toBe(wave('storefront'));
    expect(wave('inventory')).toBe(wave('storefront'));
    expect(read(tree, 'clusters/dev-local/apps/prometheus-operator-crds.yaml')).toMatchObject({
      metadata: { annotations: { 'strata.dev/provides-crds': expect.stringContaining('monitoring.coreos.com/ServiceMonitor') } },
    });
  });

  it('GIVEN a hub cluster WHEN rendered THEN its apps are the add-ons only: no tenancy, no services', () => {
    const withHub = render(
      platformWith((spec) => {
        spec.clusters = [...spec.clusters, { name: 'hub-eu', environment: 'prod', provider: 'eks', region: 'eu-west-1', role: 'hub' }];
      }),
    );
    expect([...withHub.keys()].filter((p) => p.startsWith('clusters/hub-eu/apps/') && p.endsWith('.yaml'))).toEqual([
      'clusters/hub-eu/apps/argocd.yaml',
      'clusters/hub-eu/apps/projects.yaml',
      'clusters/hub-eu/apps/prometheus-operator-crds.yaml',
    ]);
    expect(withHub.has('bootstrap/hub-eu.yaml')).toBe(true);
  });

  it('GIVEN prod syncs manually WHEN rendered THEN no Application of a prod cluster has automated sync', () => {
    for (const app of ['projects', ...units]) {
      const syncPolicy = (read(tree, `clusters/prod-eu/apps/${app}.yaml`).spec as Fields).syncPolicy as Fields;
      expect(syncPolicy).not.toHaveProperty('automated');
    }
    expect((read(tree, 'bootstrap/prod-us.yaml').spec as Fields).syncPolicy).not.toHaveProperty('automated');
  });

  it('GIVEN dev syncs automatically WHEN rendered THEN every Application of the dev cluster prunes and self-heals', () => {
    for (const app of ['projects', ...units]) {
      expect(read(tree, `clusters/dev-local/apps/${app}.yaml`)).toMatchObject({ spec: { syncPolicy: { automated: { prune: true, selfHeal: true } } } });
    }
    expect(read(tree, 'bootstrap/dev-local.yaml')).toMatchObject({ spec: { syncPolicy: { automated: { prune: true, selfHeal: true } } } });
  });

  it('GIVEN any Application WHEN rendered THEN failed syncs retry with exponential backoff', () => {
    const applications = [...tree.keys()].filter((p) => p.startsWith('bootstrap/') || p.includes('/apps/')).filter((p) => p.endsWith('.yaml'));
    expect(applications).toHaveLength(clusters.length * (units.length + 2));
    for (const path of applications) {
      expect(read(tree, path), path).toMatchObject({
        spec: { syncPolicy: { retry: { limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } } } },
      });
    }
  });

  it.each([
    ['argocd', 'argo-cd'],
    ['prometheus-operator-crds', 'prometheus-operator-crds'],
  ] as const)('GIVEN the chart unit %s WHEN rendered THEN its Application is multi-source: the pinned chart and the values of the tree', (unit, chart) => {
    const application = read(tree, `clusters/stage-eu/apps/${unit}.yaml`);
    expect(application.spec).not.toHaveProperty('source');
    expect(application.spec).toMatchObject({
      project: 'platform-addons',
      sources: [
        {
          repoURL: charts[chart].repoURL,
          chart: charts[chart].chart,
          targetRevision: charts[chart].version,
          helm: { releaseName: unit, valueFiles: [`$values/deploy/clusters/stage-eu/values/${unit}.yaml`] },
        },
        { repoURL, targetRevision: 'main', ref: 'values' },
      ],
    });
    expect(charts[chart].version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(tree.has(`clusters/stage-eu/values/${unit}.yaml`)).toBe(true);
  });

  it('GIVEN a service unit WHEN rendered THEN its Application reads its Kustomize folder in the team project, and the folder lists its images', () => {
    expect(read(tree, 'clusters/prod-us/apps/orders.yaml').spec).toMatchObject({
      project: 'shop',
      destination: { name: 'prod-us', namespace: 'shop' },
      source: { repoURL, targetRevision: 'main', path: 'deploy/clusters/prod-us/orders' },
    });
    expect(read(tree, 'clusters/prod-us/orders/kustomization.yaml')).toMatchObject({
      kind: 'Kustomization',
      resources: expect.arrayContaining(['deployment.yaml', 'service-monitor.yaml']),
      images: [{ name: 'ghcr.io/strata-platform/orders', newTag: '0.1.0' }],
    });
  });

  it('GIVEN team shop WHEN its AppProject renders THEN sources are the platform repository only, destinations its namespaces on workload clusters, no cluster resources', () => {
    const withHub = render(
      platformWith((spec) => {
        spec.clusters = [...spec.clusters, { name: 'hub-eu', environment: 'prod', provider: 'eks', region: 'eu-west-1', role: 'hub' }];
      }),
    );
    const spec = read(withHub, 'projects/shop.yaml').spec as Fields;
    expect(spec.sourceRepos).toEqual([repoURL]);
    expect(spec.destinations).toEqual(clusters.map((name) => ({ name, namespace: 'shop' })));
    expect(spec.clusterResourceWhitelist).toEqual([]);
  });

  it('GIVEN team shop WHEN its AppProject renders THEN its one role is bound to the team\'s groups and scoped to its applications', () => {
    expect(read(tree, 'projects/shop.yaml').spec).toMatchObject({
      roles: [
        {
          name: 'developer',
          groups: ['shop-developers'],
          policies: expect.arrayContaining(['p, proj:shop:developer, applications, sync, shop/*, allow']),
        },
      ],
    });
    const policies = ((read(tree, 'projects/shop.yaml').spec as { roles: { policies: string[] }[] }).roles[0]?.policies ?? []);
    for (const policy of policies) expect(policy).toMatch(/, shop\/\*, allow$/);
  });

  it('GIVEN sync windows on prod only WHEN projects render THEN every window is limited to the prod clusters', () => {
    for (const project of ['platform', 'shop', 'platform-addons']) {
      const windows = (read(tree, `projects/${project}.yaml`).spec as { syncWindows: Fields[] }).syncWindows;
      expect(windows.map((w) => w.kind)).toEqual(['allow', 'deny']);
      for (const window of windows) expect(window).toMatchObject({ clusters: ['prod-eu', 'prod-us'], applications: ['*'] });
    }
    expect(read(tree, 'projects/shop.yaml').spec).toMatchObject({
      syncWindows: [{ schedule: '0 8 * * 1-5', duration: '10h', timeZone: 'Europe/Dublin' }, { schedule: '0 0 20 12 *', manualSync: true }],
    });
  });

  it('GIVEN the reference platform WHEN rendered THEN every folder of the tree has a README.md that names the command that wrote it', () => {
    const folders = new Set<string>(['']);
    for (const path of tree.keys()) {
      const parts = path.split('/');
      for (let depth = 1; depth < parts.length; depth++) folders.add(parts.slice(0, depth).join('/'));
    }
    for (const folder of folders) {
      const readme = folder === '' ? 'README.md' : `${folder}/README.md`;
      expect(tree.get(readme), readme).toContain('strata synth');
    }
  });

  it('GIVEN the reference platform WHEN rendered twice THEN the trees are byte-identical', () => {
    const again = render(platformWith());
    expect([...again.keys()]).toEqual([...tree.keys()]);
    for (const [path, content] of tree) expect(again.get(path), path).toBe(content);
  });

  it('GIVEN services and teams listed in another order WHEN rendered THEN the tree is byte-identical', () => {
    const reordered = render(
      platformWith((spec) => {
        spec.services = [...(spec.services ?? [])].reverse().map((s) => ({ ...s, calls: s.calls && [...s.calls].reverse() }));
        spec.teams = [...spec.teams].reverse();
      }),
    );
    expect([...reordered.keys()]).toEqual([...tree.keys()]);
    for (const [path, content] of tree) expect(reordered.get(path), path).toBe(content);
  });

  it('GIVEN the reference platform WHEN rendered THEN the files are in path order', () => {
    const paths = [...tree.keys()];
    expect(paths).toEqual([...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});
