import { posix } from 'node:path';
import type { Finding } from './finding.ts';
import type { LoadedTree } from './load-tree.ts';
import { objectRef, type KubeObject, type TreeObject } from './tree.ts';
import { fields, podTemplateOf, records } from './workload.ts';

/**
 * API groups served by Kubernetes itself; kinds of any other group need a CRD.
 * Listed one by one: Gateway API and volume snapshots also end in `.k8s.io` but are CRDs.
 */
const builtInGroups = new Set([
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
  'storagemigration.k8s.io',
]);

function isBuiltInGroup(group: string): boolean {
  return builtInGroups.has(group);
}

function groupOf(apiVersion: unknown): string {
  const text = typeof apiVersion === 'string' ? apiVersion : '';
  return text.includes('/') ? (text.split('/')[0] ?? '') : '';
}

const exactVersion = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const floatingTags = new Set(['latest', 'stable', 'main', 'master', 'edge', 'dev']);

interface Source {
  readonly repoURL?: string;
  readonly path?: string;
  readonly chart?: string;
  readonly targetRevision?: string;
  readonly ref?: string;
  readonly helm?: { readonly valueFiles?: readonly string[] };
}

interface AppInfo {
  readonly entry: TreeObject;
  readonly cluster: string | undefined;
  readonly wave: number;
  readonly sources: readonly Source[];
  readonly project: string;
  readonly destination: { readonly name?: string; readonly server?: string; readonly namespace?: string };
  /** Folder of its manifests, relative to the tree root, when it reads one from this tree. */
  readonly folder: string | undefined;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function spec(object: KubeObject): Record<string, unknown> {
  return (object.spec as Record<string, unknown> | undefined) ?? {};
}

/**
 * The structure of the GitOps tree: every Application's path exists, its project
 * exists and allows it, CRDs sync before their objects, charts and images are pinned,
 * and every Kustomize folder lists exactly its files.
 */
export function checkGitops(tree: LoadedTree): Finding[] {
  const findings: Finding[] = [];
  const report: Report = (entry, check, message) => {
    findings.push({ severity: 'error', check: `gitops/${check}`, file: entry.file, object: 'object' in entry ? objectRef(entry.object) : '', message });
  };
  const applications = tree.objects.filter((o) => o.object.kind === 'Application' && groupOf(o.object.apiVersion) === 'argoproj.io');
  const projects = new Map(
    tree.objects.filter((o) => o.object.kind === 'AppProject').map((o) => [str(o.object.metadata?.name) ?? '', o.object] as const),
  );
  const repoURL = applications.map((a) => str((spec(a.object).source as Source | undefined)?.repoURL)).find((u) => u !== undefined);
  // Paths in Applications are repository paths; the tree is the repository's `<prefix>/` folder.
  const prefix = inferPrefix(applications);
  const toTree = (repoPath: string): string | undefined => {
    const clean = posix.normalize(repoPath).replace(/\/$/, '');
    if (prefix === '') return clean;
    return clean === prefix ? '' : clean.startsWith(`${prefix}/`) ? clean.slice(prefix.length + 1) : undefined;
  };
  const folders = allFolders(tree.files);
  const folderExists = (folder: string): boolean => folders.has(folder);

  const apps: AppInfo[] = applications.map((entry) => {
    const s = spec(entry.object);
    const sources = (s.sources as Source[] | undefined) ?? (s.source ? [s.source as Source] : []);
    const pathSource = sources.find((src) => src.path !== undefined && src.repoURL === repoURL);
    const parts = entry.file.slice(tree.root.length + 1).split('/');
    return {
      entry,
      cluster: parts[0] === 'clusters' ? parts[1] : parts[0] === 'bootstrap' ? parts[1]?.replace(/\.ya?ml$/, '') : undefined,
      wave: Number(entry.object.metadata?.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0),
      sources,
      project: str(s.project) ?? '',
      destination: (s.destination as AppInfo['destination'] | undefined) ?? {},
      folder: pathSource?.path === undefined ? undefined : toTree(pathSource.path),
    };
  });

  for (const app of apps) {
    for (const source of app.sources) {
      if (source.repoURL === repoURL && source.path !== undefined) {
        const folder = toTree(source.path);
        if (folder === undefined || !folderExists(folder)) report(app.entry, 'path', `source path "${source.path}" does not exist in the tree`);
      }
      for (const valueFile of source.helm?.valueFiles ?? []) {
        const file = valueFile.startsWith('$values/') ? toTree(valueFile.slice('$values/'.length)) : undefined;
        if (valueFile.startsWith('$values/') && (file === undefined || !tree.files.has(file))) {
          report(app.entry, 'path', `values file "${valueFile}" does not exist in the tree`);
        }
      }
      if (source.chart !== undefined && !exactVersion.test(source.targetRevision ?? '')) {
        report(app.entry, 'chart-version', `chart "${source.chart}" is not pinned to an exact version (targetRevision ${JSON.stringify(source.targetRevision ?? null)})`);
      }
    }
    checkProject(app, projects, report);
  }
  checkLayout(tree, apps, report);
  checkCrdOrder(tree, apps, report);
  checkImages(tree, report);
  checkKustomizations(tree, report);
  return findings;
}

/** Every cluster folder has a root Application in bootstrap/ that syncs its apps/ folder, and the reverse. */
function checkLayout(tree: LoadedTree, apps: readonly AppInfo[], report: Report): void {
  const clusters = new Set([...tree.files].filter((f) => f.startsWith('clusters/')).map((f) => f.split('/')[1] ?? '').filter((c) => c !== '' && !c.includes('.')));
  const roots = new Map(apps.filter((a) => a.entry.file.startsWith(`${tree.root}/bootstrap/`)).map((a) => [a.cluster ?? '', a] as const));
  if (clusters.size === 0 && roots.size === 0) {
    report({ file: tree.root }, 'layout', 'no clusters/ and no bootstrap/: this is not a tree rendered by strata synth');
  }
  for (const cluster of clusters) {
    if (!roots.has(cluster)) report({ file: `${tree.root}/clusters/${cluster}` }, 'layout', `cluster ${cluster} has no root Application in bootstrap/${cluster}.yaml`);
  }
  for (const [cluster, root] of roots) {
    if (root.folder !== `clusters/${cluster}/apps`) {
      report(root.entry, 'layout', `the root Application of ${cluster} syncs ${JSON.stringify(root.folder ?? null)}, not clusters/${cluster}/apps`);
    }
  }
}

function inferPrefix(applications: readonly TreeObject[]): string {
  for (const app of applications) {
    const path = str((spec(app.object).source as Source | undefined)?.path);
    const match = path === undefined ? null : /^(.*?)\/?clusters\/[^/]+\/apps\/?$/.exec(path);
    if (match) return match[1] ?? '';
  }
  return 'deploy';
}

function glob(pattern: string, value: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(value);
}

/** Findings about an object name it; findings about a whole file (a kustomization) pass only the file. */
type Report = (entry: TreeObject | { readonly file: string }, check: string, message: string) => void;

function checkProject(app: AppInfo, projects: ReadonlyMap<string, KubeObject>, report: Report): void {
  if (app.project === 'default') return;
  const project = projects.get(app.project);
  if (project === undefined) {
    report(app.entry, 'project', `project "${app.project}" does not exist in projects/`);
    return;
  }
  const s = spec(project);
  const destinations = (s.destinations as { name?: string; server?: string; namespace?: string }[] | undefined) ?? [];
  const { name, server, namespace = '' } = app.destination;
  const allowed = destinations.some(
    (d) =>
      ((name !== undefined && d.name !== undefined && glob(d.name, name)) || (server !== undefined && d.server !== undefined && glob(d.server, server))) &&
      glob(d.namespace ?? '*', namespace),
  );
  if (!allowed) {
    report(app.entry, 'project', `project "${app.project}" does not allow destination ${name ?? server ?? '?'}/${namespace}`);
  }
  const repos = (s.sourceRepos as string[] | undefined) ?? [];
  for (const source of app.sources) {
    if (source.repoURL !== undefined && !repos.some((r) => glob(r, source.repoURL ?? ''))) {
      report(app.entry, 'project', `project "${app.project}" does not allow source repository ${source.repoURL}`);
    }
  }
}

/** Objects of a custom kind sync in a later wave than the Application or object that installs their CRD. */
function checkCrdOrder(tree: LoadedTree, apps: readonly AppInfo[], report: Report): void {
  for (const [cluster, manifests] of tree.manifestsByCluster) {
    const clusterApps = apps.filter((a) => a.cluster === cluster);
    const crdWave = new Map<string, number>();
    const provide = (key: string, wave: number): void => {
      crdWave.set(key, Math.min(wave, crdWave.get(key) ?? Infinity));
    };
    for (const app of clusterApps) {
      const provided = str(app.entry.object.metadata?.annotations?.['strata.dev/provides-crds']);
      for (const key of provided ? provided.split(',') : []) provide(key, app.wave);
    }
    const byFolder = new Map<string, AppInfo>(clusterApps.filter((a) => a.folder !== undefined).map((a) => [`${tree.root}/${a.folder ?? ""}`, a]));
    const appOfFolder = (file: string): AppInfo | undefined => byFolder.get(posix.dirname(file));
    for (const entry of manifests) {
      if (entry.object.kind !== 'CustomResourceDefinition') continue;
      const crdSpec = spec(entry.object) as { group?: string; names?: { kind?: string } };
      provide(`${crdSpec.group}/${crdSpec.names?.kind}`, appOfFolder(entry.file)?.wave ?? 0);
    }
    for (const entry of manifests) {
      const group = groupOf(entry.object.apiVersion);
      if (isBuiltInGroup(group)) continue;
      const key = `${group}/${String(entry.object.kind)}`;
      const app = appOfFolder(entry.file);
      const wave = app?.wave ?? 0;
      const providerWave = crdWave.get(key);
      if (providerWave === undefined) report(entry, 'crd-order', `no Application of cluster ${cluster} installs the CRD of ${key}`);
      else if (providerWave >= wave) {
        report(entry, 'crd-order', `the CRD of ${key} syncs in wave ${providerWave}, not before this object's wave ${wave}`);
      }
    }
  }
}

function checkImages(tree: LoadedTree, report: Report): void {
  for (const entry of tree.objects) {
    const podSpec = fields(fields(podTemplateOf(entry.object)).spec);
    for (const field of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
      for (const container of records(podSpec[field])) {
        const problem = imageProblem(typeof container.image === 'string' ? container.image : '');
        if (problem) report(entry, 'image', `container "${typeof container.name === 'string' ? container.name : '?'}" ${problem}`);
      }
    }
  }
  for (const entry of tree.kustomizations.values()) {
    for (const image of (entry.object.images as { name?: string; newTag?: string; digest?: string }[] | undefined) ?? []) {
      if (image.digest === undefined && (image.newTag === undefined || image.newTag === '')) {
        report({ file: entry.file }, 'image', `kustomization image "${image.name ?? '?'}" has neither newTag nor digest`);
      } else if (image.digest === undefined && floatingTags.has(image.newTag ?? '')) {
        report({ file: entry.file }, 'image', `kustomization image "${image.name ?? '?'}" uses the floating tag "${image.newTag}"`);
      }
    }
  }
}

function imageProblem(image: string): string | undefined {
  if (image.includes('@sha256:')) return undefined;
  const lastSegment = image.split('/').pop() ?? '';
  const colon = lastSegment.lastIndexOf(':');
  if (colon < 0) return `image "${image}" has no tag or digest`;
  const tag = lastSegment.slice(colon + 1);
  if (floatingTags.has(tag)) return `image "${image}" uses the floating tag "${tag}"`;
  return undefined;
}

function allFolders(files: ReadonlySet<string>): Set<string> {
  const folders = new Set<string>();
  for (const file of files) {
    for (let folder = posix.dirname(file); folder !== '.' && !folders.has(folder); folder = posix.dirname(folder)) folders.add(folder);
  }
  return folders;
}

function checkKustomizations(tree: LoadedTree, report: Report): void {
  const folders = allFolders(tree.files);
  const filesByFolder = new Map<string, string[]>();
  for (const file of tree.files) {
    const folder = posix.dirname(file);
    const list = filesByFolder.get(folder);
    if (list) list.push(file);
    else filesByFolder.set(folder, [file]);
  }
  for (const [folder, entry] of tree.kustomizations) {
    const resources = (entry.object.resources as string[] | undefined) ?? [];
    for (const resource of resources) {
      const path = posix.join(folder, resource);
      if (!tree.files.has(path) && !folders.has(path)) {
        report({ file: entry.file }, 'kustomization', `resource "${resource}" does not exist`);
      }
    }
    for (const file of filesByFolder.get(folder) ?? []) {
      if (!/\.ya?ml$/.test(file) || posix.basename(file) === 'kustomization.yaml') continue;
      if (!resources.some((r) => posix.normalize(r) === posix.basename(file))) report({ file: entry.file }, 'kustomization', `${posix.basename(file)} is not listed in resources, so it is never applied`);
    }
  }
}
