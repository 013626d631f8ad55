import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Finding } from './finding.ts';
import type { LoadedTree } from './load-tree.ts';

/** Whether `kubectl kustomize` can run here. */
export function kubectlAvailable(): boolean {
  return spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
}

function build(folder: string): { ok: true; output: string } | { ok: false; error: string } {
  try {
    const output = execFileSync('kubectl', ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', folder], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 1 << 30,
    });
    return { ok: true, output };
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    return { ok: false, error: kustomizeMessage(stderr) };
  }
}

/**
 * kubectl logs failures as klog lines (`E1126 09:08:46.498480 16590 run.go:72] "command failed" err="…"`),
 * whose time and pid differ on every run: keep kustomize's own message.
 */
export function kustomizeMessage(stderr: string): string {
  const quoted = /err="((?:[^"\\]|\\.)*)"/.exec(stderr);
  if (quoted?.[1] !== undefined) return JSON.parse(`"${quoted[1]}"`) as string;
  const last = stderr.trim().split('\n').pop() ?? '';
  return last.replace(/^[EWIF]\d{4} [\d:.]+\s+\d+ \S+\] /, '') || 'kustomize failed';
}

/**
 * Every Kustomize folder builds with `kubectl kustomize`. One build per cluster
 * covers all of its folders; only when it fails is each folder built alone, to
 * name the one that is broken.
 */
export function checkKustomizeBuilds(tree: LoadedTree): Finding[] {
  const findings: Finding[] = [];
  const byCluster = new Map<string, string[]>();
  for (const folder of tree.kustomizations.keys()) {
    const cluster = folder.split('/')[1] ?? '';
    const list = byCluster.get(cluster);
    if (list) list.push(folder);
    else byCluster.set(cluster, [folder]);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'strata-kustomize-'));
  try {
    for (const [cluster, folders] of byCluster) {
      const dir = join(scratch, cluster || 'root');
      const absolute = folders.map((f) => resolve(tree.root, f));
      mkdirSync(dir);
      writeFileSync(
        join(dir, 'kustomization.yaml'),
        `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${absolute.map((f) => `  - ${JSON.stringify(f)}`).join('\n')}\n`,
      );
      if (build(dir).ok) continue;
      for (const folder of folders) {
        const result = build(resolve(tree.root, folder));
        if (!result.ok) {
          findings.push({ severity: 'error', check: 'kustomize', file: join(tree.root, folder, 'kustomization.yaml'), object: '', message: `kubectl kustomize fails: ${result.error}` });
        }
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return findings;
}
