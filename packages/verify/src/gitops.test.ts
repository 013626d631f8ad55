/**
 * Each check of the GitOps tree against a copy of the committed deploy/ tree (the
 * golden tree of the reference platform), broken in one place per test.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dump as stringify, load as parse } from 'js-yaml';
import { formatFinding, type Finding } from './finding.ts';
import { checkGitops } from './gitops.ts';
import { verifyTree } from './index.ts';
import { checkKustomizeBuilds, kubectlAvailable } from './kustomize.ts';
import { loadTree } from './load-tree.ts';
import { widget, widgetDefinition } from './test-support/widget.ts';

type Fields = Record<string, unknown>;
/** What tests edit: a YAML document as plain, mutable data. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form YAML edited in place by tests
type Doc = any;

const deployDir = fileURLToPath(new URL('../../../deploy', import.meta.url));
/** The repository, whose docs/runbooks/ the copied tree's alerts name. */
const repoRoot = dirname(deployDir);
const hasKubectl = kubectlAvailable();

/** The copy of deploy/ that a test breaks. */
let root: string;

beforeEach(() => {
  root = join(mkdtempSync(join(tmpdir(), 'strata-gitops-')), 'deploy');
  cpSync(deployDir, root, { recursive: true });
});

afterEach(() => {
  rmSync(dirname(root), { recursive: true, force: true });
});

/** Edits the single YAML document of a file of the tree in place. */
function edit(path: string, change: (doc: Doc) => void): void {
  const file = join(root, path);
  const doc = parse(readFileSync(file, 'utf8')) as Doc;
  change(doc);
  writeFileSync(file, stringify(doc));
}

function write(path: string, ...docs: readonly Fields[]): void {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, docs.map((d) => stringify(d)).join('---\n'));
}

/** Adds files to the resources of a Kustomize folder. */
function listIn(folder: string, ...files: readonly string[]): void {
  edit(`${folder}/kustomization.yaml`, (k) => {
    k.resources = [...k.resources, ...files];
  });
}

function gitopsLines(): string[] {
  return checkGitops(loadTree(root)).map(formatFinding);
}

/** `<file> <Kind/namespace/name>` of an object of the copy, as findings print it. */
function at(path: string, object: string): string {
  return `${root}/${path} ${object}`;
}

describe('checkGitops', () => {
  it('GIVEN the committed reference tree WHEN checked THEN there are no findings', () => {
    expect(gitopsLines()).toEqual([]);
  });

  it('GIVEN the committed reference tree WHEN every check of verifyTree runs THEN there are no findings', async () => {
    const result = await verifyTree(root, { repoRoot });
    expect(result.findings.map(formatFinding)).toEqual([]);
    expect(result.checks.map((c) => c.name)).toEqual(['schema', 'pod-security', 'network', 'gitops', 'runbooks', 'promql', 'kustomize']);
  });

  it('GIVEN the reference tree named with a trailing slash WHEN verified THEN there are no findings', async () => {
    expect((await verifyTree(`${root}/`, { kustomize: false, repoRoot })).findings.map(formatFinding)).toEqual([]);
  });

  describe('gitops/path', () => {
    it('GIVEN an Application whose source path is not in the tree WHEN checked THEN the missing path is reported', () => {
      edit('clusters/dev-local/apps/orders.yaml', (app) => {
        app.spec.source.path = 'deploy/clusters/dev-local/order';
      });
      expect(gitopsLines()).toEqual([
        `error gitops/path ${at('clusters/dev-local/apps/orders.yaml', 'Application/argocd/orders')}: source path "deploy/clusters/dev-local/order" does not exist in the tree`,
      ]);
    });

    it('GIVEN a chart Application whose values file was removed WHEN checked THEN the missing values file is reported', () => {
      rmSync(join(root, 'clusters/prod-eu/values/argocd.yaml'));
      expect(gitopsLines()).toEqual([
        `error gitops/path ${at('clusters/prod-eu/apps/argocd.yaml', 'Application/argocd/argocd')}: values file "$values/deploy/clusters/prod-eu/values/argocd.yaml" does not exist in the tree`,
      ]);
    });
  });

  describe('gitops/project', () => {
    it('GIVEN an Application naming a project that does not exist WHEN checked THEN the project is reported', () => {
      edit('clusters/dev-local/apps/orders.yaml', (app) => {
        app.spec.project = 'payments';
      });
      expect(gitopsLines()).toEqual([
        `error gitops/project ${at('clusters/dev-local/apps/orders.yaml', 'Application/argocd/orders')}: project "payments" does not exist in projects/`,
      ]);
    });

    it('GIVEN a team Application deploying to a namespace its project does not allow WHEN checked THEN the destination is reported', () => {
      edit('clusters/stage-eu/apps/storefront.yaml', (app) => {
        app.spec.destination.namespace = 'kube-system';
      });
      expect(gitopsLines()).toEqual([
        `error gitops/project ${at('clusters/stage-eu/apps/storefront.yaml', 'Application/argocd/storefront')}: project "shop" does not allow destination stage-eu/kube-system`,
      ]);
    });

    it('GIVEN a team Application reading a repository its project does not allow WHEN checked THEN the repository is reported', () => {
      edit('clusters/dev-local/apps/inventory.yaml', (app) => {
        app.spec.source.repoURL = 'https://github.com/someone/fork.git';
      });
      expect(gitopsLines()).toEqual([
        `error gitops/project ${at('clusters/dev-local/apps/inventory.yaml', 'Application/argocd/inventory')}: project "shop" does not allow source repository https://github.com/someone/fork.git`,
      ]);
    });
  });

  describe('gitops/crd-order', () => {
    const serviceMonitor = (service: string, cluster = 'dev-local') => at(`clusters/${cluster}/${service}/service-monitor.yaml`, `ServiceMonitor/shop/${service}`);

    const prometheusRules = (cluster: string, wave: number) =>
      ['strata-platform-alerts', 'strata-slos'].map(
        (name) =>
          `error gitops/crd-order ${at(`clusters/${cluster}/monitoring-rules/prometheus-rule.yaml`, `PrometheusRule/monitoring/${name}`)}: the CRD of monitoring.coreos.com/PrometheusRule syncs in wave ${wave}, not before this object's wave 0`,
      );

    it('GIVEN the provider of the monitoring CRDs moved to wave 20, after the services WHEN checked THEN every ServiceMonitor and PrometheusRule of that cluster is reported', () => {
      edit('clusters/dev-local/apps/prometheus-operator-crds.yaml', (app) => {
        app.metadata.annotations['argocd.argoproj.io/sync-wave'] = '20';
      });
      const message = "the CRD of monitoring.coreos.com/ServiceMonitor syncs in wave 20, not before this object's wave 10";
      const monitors = ['inventory', 'orders', 'storefront'].map((s) => `error gitops/crd-order ${serviceMonitor(s)}: ${message}`);
      expect(gitopsLines()).toEqual([monitors[0], ...prometheusRules('dev-local', 20), ...monitors.slice(1)]);
    });

    it('GIVEN the provider of the monitoring CRDs in the same wave as the services WHEN checked THEN the ServiceMonitors and the PrometheusRules are reported', () => {
      edit('clusters/prod-us/apps/prometheus-operator-crds.yaml', (app) => {
        app.metadata.annotations['argocd.argoproj.io/sync-wave'] = '10';
      });
      const message = "the CRD of monitoring.coreos.com/ServiceMonitor syncs in wave 10, not before this object's wave 10";
      const monitors = ['inventory', 'orders', 'storefront'].map((s) => `error gitops/crd-order ${serviceMonitor(s, 'prod-us')}: ${message}`);
      expect(gitopsLines()).toEqual([monitors[0], ...prometheusRules('prod-us', 10), ...monitors.slice(1)]);
    });

    it('GIVEN a custom kind that no Application installs WHEN checked THEN the kind is reported', () => {
      write('clusters/dev-local/orders/widget.yaml', widget);
      listIn('clusters/dev-local/orders', 'widget.yaml');
      expect(gitopsLines()).toEqual([
        `error gitops/crd-order ${at('clusters/dev-local/orders/widget.yaml', 'Widget/shop/blue')}: no Application of cluster dev-local installs the CRD of example.com/Widget`,
      ]);
    });

    it('GIVEN a CRD in the same folder, so the same wave, as its custom resource WHEN checked THEN the resource is reported', () => {
      write('clusters/dev-local/orders/widget.yaml', widget);
      write('clusters/dev-local/orders/custom-resource-definition.yaml', widgetDefinition);
      listIn('clusters/dev-local/orders', 'custom-resource-definition.yaml', 'widget.yaml');
      expect(gitopsLines()).toEqual([
        `error gitops/crd-order ${at('clusters/dev-local/orders/widget.yaml', 'Widget/shop/blue')}: the CRD of example.com/Widget syncs in wave 10, not before this object's wave 10`,
      ]);
    });

    it('GIVEN the CRD in an Application of an earlier wave than its custom resource WHEN checked THEN there are no findings', () => {
      write('clusters/dev-local/orders/widget.yaml', widget);
      listIn('clusters/dev-local/orders', 'widget.yaml');
      write('clusters/dev-local/widget-crds/custom-resource-definition.yaml', widgetDefinition);
      write('clusters/dev-local/widget-crds/kustomization.yaml', {
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: ['custom-resource-definition.yaml'],
      });
      const app = parse(readFileSync(join(root, 'clusters/dev-local/apps/tenancy.yaml'), 'utf8')) as Doc;
      app.metadata.name = 'widget-crds';
      app.metadata.annotations['argocd.argoproj.io/sync-wave'] = '0';
      app.spec.source.path = 'deploy/clusters/dev-local/widget-crds';
      write('clusters/dev-local/apps/widget-crds.yaml', app);
      expect(gitopsLines()).toEqual([]);
    });

    // Gateway API's group ends in .k8s.io like the built-in ones, but it is a CRD.
    it('GIVEN a Gateway API HTTPRoute that no Application installs WHEN checked THEN the kind is reported', () => {
      write('clusters/dev-local/storefront/http-route.yaml', {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'storefront', namespace: 'shop' },
        spec: { rules: [{ backendRefs: [{ name: 'storefront', port: 8080 }] }] },
      });
      listIn('clusters/dev-local/storefront', 'http-route.yaml');
      expect(gitopsLines()).toEqual([
        `error gitops/crd-order ${at('clusters/dev-local/storefront/http-route.yaml', 'HTTPRoute/shop/storefront')}: no Application of cluster dev-local installs the CRD of gateway.networking.k8s.io/HTTPRoute`,
      ]);
    });
  });

  describe('gitops/chart-version', () => {
    it.each([['9.x'], ['*'], ['^9.0.0'], ['latest']])('GIVEN a chart at the floating targetRevision %s WHEN checked THEN it is reported as not pinned', (revision) => {
      edit('clusters/dev-local/apps/argocd.yaml', (app) => {
        app.spec.sources[0].targetRevision = revision;
      });
      expect(gitopsLines()).toEqual([
        `error gitops/chart-version ${at('clusters/dev-local/apps/argocd.yaml', 'Application/argocd/argocd')}: chart "argo-cd" is not pinned to an exact version (targetRevision ${JSON.stringify(revision)})`,
      ]);
    });

    it('GIVEN a chart without a targetRevision WHEN checked THEN it is reported as not pinned', () => {
      edit('clusters/dev-local/apps/prometheus-operator-crds.yaml', (app) => {
        delete app.spec.sources[0].targetRevision;
      });
      expect(gitopsLines()).toEqual([
        `error gitops/chart-version ${at('clusters/dev-local/apps/prometheus-operator-crds.yaml', 'Application/argocd/prometheus-operator-crds')}: chart "prometheus-operator-crds" is not pinned to an exact version (targetRevision null)`,
      ]);
    });
  });

  describe('gitops/image', () => {
    const deployment = () => at('clusters/dev-local/orders/deployment.yaml', 'Deployment/shop/orders');

    it.each([
      ['ghcr.io/strata-platform/orders:latest', 'uses the floating tag "latest"'],
      ['ghcr.io/strata-platform/orders', 'has no tag or digest'],
      ['localhost:5000/orders', 'has no tag or digest'],
    ])('GIVEN a Deployment container image %s WHEN checked THEN it is reported', (image, problem) => {
      edit('clusters/dev-local/orders/deployment.yaml', (d) => {
        d.spec.template.spec.containers[0].image = image;
      });
      expect(gitopsLines()).toEqual([`error gitops/image ${deployment()}: container "app" image "${image}" ${problem}`]);
    });

    it('GIVEN a Deployment image pinned by digest WHEN checked THEN there are no findings', () => {
      edit('clusters/dev-local/orders/deployment.yaml', (d) => {
        d.spec.template.spec.containers[0].image = `ghcr.io/strata-platform/orders@sha256:${'ab'.repeat(32)}`;
      });
      expect(gitopsLines()).toEqual([]);
    });

    it.each([
      [{ newTag: 'latest' }, 'uses the floating tag "latest"'],
      [{}, 'has neither newTag nor digest'],
      [{ newTag: '' }, 'has neither newTag nor digest'],
    ] as const)('GIVEN kustomization images %o WHEN checked THEN the image is reported', (pin, problem) => {
      edit('clusters/dev-local/orders/kustomization.yaml', (k) => {
        k.images = [{ name: 'ghcr.io/strata-platform/orders', ...pin }];
      });
      expect(checkGitops(loadTree(root))).toEqual([
        expect.objectContaining<Partial<Finding>>({
          check: 'gitops/image',
          file: `${root}/clusters/dev-local/orders/kustomization.yaml`,
          message: `kustomization image "ghcr.io/strata-platform/orders" ${problem}`,
        }),
      ]);
    });

    it('GIVEN a kustomization image with the tag latest WHEN checked THEN the finding names the file only', () => {
      edit('clusters/dev-local/orders/kustomization.yaml', (k) => {
        k.images = [{ name: 'ghcr.io/strata-platform/orders', newTag: 'latest' }];
      });
      expect(gitopsLines()).toEqual([
        `error gitops/image ${root}/clusters/dev-local/orders/kustomization.yaml: kustomization image "ghcr.io/strata-platform/orders" uses the floating tag "latest"`,
      ]);
    });
  });

  describe('gitops/kustomization', () => {
    const kustomization = () => `${root}/clusters/prod-eu/orders/kustomization.yaml`;

    it('GIVEN a kustomization listing a file that does not exist WHEN checked THEN the resource is reported', () => {
      listIn('clusters/prod-eu/orders', 'missing.yaml');
      expect(checkGitops(loadTree(root))).toEqual([
        expect.objectContaining<Partial<Finding>>({ check: 'gitops/kustomization', file: kustomization(), message: 'resource "missing.yaml" does not exist' }),
      ]);
    });

    it('GIVEN a YAML file that the kustomization does not list WHEN checked THEN the file is reported as never applied', () => {
      write('clusters/prod-eu/orders/config-map.yaml', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'orders', namespace: 'shop' }, data: {} });
      expect(checkGitops(loadTree(root))).toEqual([
        expect.objectContaining<Partial<Finding>>({
          check: 'gitops/kustomization',
          file: kustomization(),
          message: 'config-map.yaml is not listed in resources, so it is never applied',
        }),
      ]);
    });
    it('GIVEN a kustomization listing a missing file WHEN checked THEN the finding names the file only', () => {
      listIn('clusters/prod-eu/orders', 'missing.yaml');
      expect(gitopsLines()).toEqual([`error gitops/kustomization ${kustomization()}: resource "missing.yaml" does not exist`]);
    });
  });
});

describe('checkKustomizeBuilds', () => {
  const brokenFolder = 'clusters/dev-local/orders';

  it.skipIf(!hasKubectl)('GIVEN the committed reference tree WHEN every Kustomize folder is built THEN there are no findings', async () => {
    expect(await checkKustomizeBuilds(loadTree(root))).toEqual([]);
  });

  it.skipIf(!hasKubectl)('GIVEN a kustomization whose resources name a missing file WHEN built THEN that folder, and only it, is reported', async () => {
    listIn(brokenFolder, 'missing.yaml');
    const findings = await checkKustomizeBuilds(loadTree(root));
    expect(findings).toEqual([
      expect.objectContaining<Partial<Finding>>({ severity: 'error', check: 'kustomize', file: `${root}/${brokenFolder}/kustomization.yaml`, object: '' }),
    ]);
    expect(findings[0]?.message).toMatch(/^kubectl kustomize fails: .*accumulating resources from 'missing\.yaml'.*no such file or directory/);
  });

  it.skipIf(!hasKubectl)('GIVEN a kustomization whose resources name a missing file WHEN built THEN the message is kustomize\'s own, without kubectl\'s log prefix', async () => {
    listIn(brokenFolder, 'missing.yaml');
    const [line] = (await checkKustomizeBuilds(loadTree(root))).map(formatFinding);
    expect(line).toMatch(
      new RegExp(`^error kustomize ${root}/${brokenFolder}/kustomization\\.yaml: kubectl kustomize fails: accumulating resources: accumulation err='accumulating resources from 'missing\\.yaml'`),
    );
  });
});
