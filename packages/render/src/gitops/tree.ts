import { compare, type Cluster, type Platform } from '@strata/model';
import type { Component } from '../component.ts';
import type { KubeObject } from '../kube.ts';
import type { AppUnit, ManifestUnit } from '../unit.ts';
import { toYaml } from '../yaml.ts';
import { renderApplication } from './application.ts';
import { renderProjectsApplication, renderRootApplication } from './bootstrap.ts';
import { treePaths } from './paths.ts';
import { renderAddonsProject, renderTeamProject } from './projects.ts';
import { describeFolder } from './readmes.ts';

/** A rendered tree: file path (relative to the output folder) → content, in path order. */
export type Tree = ReadonlyMap<string, string>;

/** Counts for the summary the CLI prints. */
export interface TreeSummary {
  readonly clusters: number;
  readonly applications: number;
  readonly objects: number;
  readonly files: number;
}

/**
 * The gitops engine: asks every component for its units on every cluster and lays
 * them out as the deploy/ tree of ARCHITECTURE.md. Components never name paths.
 */
export function renderTree(platform: Platform, components: readonly Component[]): { tree: Tree; summary: TreeSummary } {
  const files = new Map<string, string>();
  let applications = 0;
  let objects = 0;
  const put = (path: string, content: string): void => {
    if (files.has(path)) throw new Error(`two renderers wrote ${path}`);
    files.set(path, content);
  };

  const projects = [renderAddonsProject(platform), ...platform.teams.map((t) => renderTeamProject(platform, t))];
  for (const project of projects) put(treePaths.project(project.metadata.name), toYaml([project]));
  for (const cluster of platform.clusters) {
    put(treePaths.bootstrap(cluster.name), toYaml([renderRootApplication(platform, cluster)]));
    put(treePaths.app(cluster.name, 'projects'), toYaml([renderProjectsApplication(platform, cluster)]));
    applications += 2;
    for (const unit of unitsOf(platform, cluster, components)) {
      put(treePaths.app(cluster.name, unit.name), toYaml([renderApplication(platform, cluster, unit)]));
      applications += 1;
      if (unit.type === 'chart') {
        const header = (unit.valuesHeader ?? []).map((line) => (line === '' ? '#\n' : `# ${line}\n`)).join('');
        put(treePaths.values(cluster.name, unit.name), header + toYaml([unit.values]));
      } else {
        for (const [file, content] of kustomizeFolder(unit)) put(`${treePaths.unitDir(cluster.name, unit.name)}/${file}`, content);
        objects += unit.objects.length;
      }
    }
  }
  addReadmes(platform, files);
  const tree = new Map([...files].sort(([a], [b]) => compare(a, b)));
  return { tree, summary: { clusters: platform.clusters.length, applications, objects: objects + applications + projects.length, files: tree.size } };
}

function unitsOf(platform: Platform, cluster: Cluster, components: readonly Component[]): AppUnit[] {
  const units = components.flatMap((component) => component.render(platform, cluster));
  const seen = new Set<string>(['projects']);
  for (const unit of units) {
    if (seen.has(unit.name)) throw new Error(`two units named "${unit.name}" on cluster ${cluster.name}`);
    seen.add(unit.name);
  }
  return units.sort((a, b) => a.wave - b.wave || compare(a.name, b.name));
}

/** One file per kind (`deployment.yaml`, `network-policy.yaml`, …) and a kustomization listing them. */
function kustomizeFolder(unit: ManifestUnit): Map<string, string> {
  const byFile = new Map<string, KubeObject[]>();
  for (const object of unit.objects) {
    const file = `${kebab(object.kind)}.yaml`;
    byFile.set(file, [...(byFile.get(file) ?? []), object]);
  }
  const resources = [...byFile.keys()].sort(compare);
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources,
    ...(unit.images && unit.images.length > 0 ? { images: unit.images } : {}),
  };
  const out = new Map<string, string>([['kustomization.yaml', toYaml([kustomization])]]);
  for (const file of resources) out.set(file, toYaml(byFile.get(file) ?? []));
  return out;
}

function kebab(kind: string): string {
  return kind.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Every folder says what wrote it. */
function addReadmes(platform: Platform, files: Map<string, string>): void {
  const folders = new Map<string, Set<string>>();
  for (const path of files.keys()) {
    const parts = path.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      const entries = folders.get(folder);
      if (entries) entries.add(parts[depth] ?? '');
      else folders.set(folder, new Set([parts[depth] ?? '']));
    }
  }
  for (const [folder, contents] of folders) {
    files.set(`${folder}/README.md`, describeFolder(platform, folder, [...contents].sort(compare)));
  }
  files.set(treePaths.readme, rootReadme(platform));
}

/** The first line of a tree's root README: how the CLI recognizes a folder it may overwrite. */
export const treeReadmeTitle = '# deploy/: the GitOps tree of';

function rootReadme(platform: Platform): string {
  const rows = platform.clusters.map((c) => `| ${c.name} | ${c.environment} | ${c.provider} | ${c.region} | ${c.role} | \`bootstrap/${c.name}.yaml\` |`);
  return [
    `${treeReadmeTitle} ${platform.name}`,
    '',
    'Generated by `strata synth` from `platform/index.ts`. Never edit it by hand: CI runs',
    '`strata synth --check` and fails when this tree differs from what the definition renders.',
    '',
    `Argo CD reads it from ${platform.repo.url} at \`${platform.repo.revision}\`.`,
    '',
    '| cluster | environment | provider | region | role | root application |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    '- `bootstrap/`: the root Application (app-of-apps) of each cluster.',
    '- `projects/`: Argo CD AppProjects, one per team and one for platform add-ons.',
    '- `clusters/<cluster>/apps/`: the Applications of a cluster, ordered by sync waves.',
    '- `clusters/<cluster>/<app>/`: rendered manifests of one Application (a Kustomize folder).',
    '- `clusters/<cluster>/values/`: Helm values of upstream charts (versions pinned in one place).',
    '',
  ].join('\n');
}
