import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, normalize, relative } from 'node:path';
import { compare } from '@strata/model';
import { loadAll, YAMLException } from 'js-yaml';
import type { Finding } from './finding.ts';
import type { KubeObject, TreeObject } from './tree.ts';

/** A rendered tree, read from disk and sorted into what each check needs. */
export interface LoadedTree {
  /** The folder as the user named it, prefixed to every file in findings. */
  readonly root: string;
  /** Every file, relative to the root. */
  readonly files: ReadonlySet<string>;
  /** Every Kubernetes object: bootstrap, projects, Applications and rendered manifests. */
  readonly objects: readonly TreeObject[];
  /** Rendered manifests by cluster (not Applications, not values). */
  readonly manifestsByCluster: ReadonlyMap<string, readonly TreeObject[]>;
  /** kustomization.yaml files, by folder relative to the root. */
  readonly kustomizations: ReadonlyMap<string, TreeObject>;
  readonly findings: readonly Finding[];
}

/** Every file under a folder, as paths relative to it, sorted; none when the folder does not exist. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort(compare);
}

export function loadTree(dir: string): LoadedTree {
  if (!existsSync(dir)) throw new Error(`no such folder: ${dir}`);
  // One spelling of the root (`deploy`, not `deploy/` or `./deploy`), since checks prefix it to paths.
  const root = normalize(dir).replace(/\/+$/, '') || '.';
  const files = listFiles(root);
  const objects: TreeObject[] = [];
  const manifestsByCluster = new Map<string, TreeObject[]>();
  const kustomizations = new Map<string, TreeObject>();
  const findings: Finding[] = [];
  const shown = (file: string) => join(root, file);
  for (const file of files) {
    if (!/\.ya?ml$/.test(file)) continue;
    const parts = file.split('/');
    const isValues = parts[0] === 'clusters' && parts[2] === 'values';
    let documents: unknown[];
    try {
      documents = loadAll(readFileSync(join(root, file), 'utf8'));
    } catch (error) {
      const message = error instanceof YAMLException ? `${error.reason} (line ${error.mark.line + 1}, column ${error.mark.column + 1})` : String(error);
      findings.push({ severity: 'error', check: 'yaml', file: shown(file), object: '', message });
      continue;
    }
    if (isValues) continue;
    documents.forEach((document, index) => {
      if (document === null || document === undefined) return;
      if (typeof document !== 'object' || Array.isArray(document)) {
        findings.push({ severity: 'error', check: 'yaml', file: shown(file), object: '', message: `document ${index + 1} is not a mapping` });
        return;
      }
      const object = document as KubeObject;
      const entry: TreeObject = { file: shown(file), index, object };
      if (parts[parts.length - 1] === 'kustomization.yaml') {
        kustomizations.set(parts.slice(0, -1).join('/'), entry);
        return;
      }
      objects.push(entry);
      if (parts[0] === 'clusters' && parts.length >= 4 && parts[2] !== 'apps') {
        const cluster = parts[1] ?? '';
        const list = manifestsByCluster.get(cluster);
        if (list) list.push(entry);
        else manifestsByCluster.set(cluster, [entry]);
      }
    });
  }
  return { root, files: new Set(files), objects, manifestsByCluster, kustomizations, findings };
}
