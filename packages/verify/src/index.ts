import { dirname, resolve } from 'node:path';
import { checkQueries, checkRunbooks, promtoolAvailable } from './alerting.ts';
import { checkGitops } from './gitops.ts';
import { checkKustomizeBuilds, kubectlAvailable } from './kustomize.ts';
import { loadTree } from './load-tree.ts';
import { checkNetworkPolicies } from './network-policy.ts';
import { checkPodSecurity } from './pod-security.ts';
import { checkSchemas } from './schema.ts';
import type { Finding } from './finding.ts';

export { formatFinding, type Finding, type Severity } from './finding.ts';
export { listFiles } from './load-tree.ts';
export { podSecurityControls } from './pod-security.ts';
export type { TreeObject, KubeObject } from './tree.ts';

/** The checks of `strata verify`, in the order they run. */
export const checkNames = ['schema', 'pod-security', 'network', 'gitops', 'runbooks', 'promql', 'kustomize'] as const;

export interface CheckResult {
  readonly name: string;
  readonly findings: number;
  /** Why a check did not run (e.g. kubectl missing). */
  readonly skipped?: string;
}

export interface VerifyResult {
  readonly findings: readonly Finding[];
  readonly checks: readonly CheckResult[];
  readonly objects: number;
  readonly files: number;
}

export interface VerifyOptions {
  /** Build every Kustomize folder with kubectl. @default - when kubectl is on the PATH */
  readonly kustomize?: boolean;
  /** Parse every rule and dashboard query with promtool. @default - when promtool is on the PATH */
  readonly promtool?: boolean;
  /** Where docs/runbooks/ is. @default - the folder that holds the tree */
  readonly repoRoot?: string;
  /** Checks not to run, by name; they are listed as skipped. @default [] */
  readonly skip?: readonly string[];
  /** Called as each check starts, and as long checks progress, for progress output. */
  readonly onCheck?: (name: string) => void;
}

/** Runs every check on a rendered tree. Never throws for a bad tree; a missing folder throws. */
export async function verifyTree(dir: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const tree = loadTree(dir);
  const checks: CheckResult[] = [];
  const findings: Finding[] = [...tree.findings];
  const run = async (name: string, check: () => Finding[] | Promise<Finding[]>): Promise<void> => {
    if (options.skip?.includes(name)) {
      checks.push({ name, findings: 0, skipped: 'on request (--skip)' });
      return;
    }
    options.onCheck?.(name);
    const found = await check();
    checks.push({ name, findings: found.length });
    findings.push(...found);
  };
  await run('schema', () => checkSchemas(tree.objects));
  await run('pod-security', () => checkPodSecurity(tree.objects));
  await run('network', () => [...tree.manifestsByCluster.values()].flatMap((objects) => checkNetworkPolicies(objects)));
  await run('gitops', () => checkGitops(tree));
  await run('runbooks', () => checkRunbooks(tree.objects, options.repoRoot ?? dirname(resolve(dir))));
  const promtool = options.promtool ?? (options.skip?.includes('promql') || promtoolAvailable());
  if (promtool) await run('promql', () => checkQueries(tree.objects));
  else checks.push({ name: 'promql', findings: 0, skipped: 'promtool is not on the PATH (Debian package prometheus)' });
  const kustomize = options.kustomize ?? (options.skip?.includes('kustomize') || kubectlAvailable());
  if (kustomize) await run('kustomize', () => checkKustomizeBuilds(tree, (built, total) => options.onCheck?.(`kustomize (${built}/${total} folders)`)));
  else checks.push({ name: 'kustomize', findings: 0, skipped: 'kubectl is not on the PATH' });
  return { findings, checks, objects: tree.objects.length, files: tree.files.size };
}
export {
  checkTerraformModules,
  checkTerraformReferences,
  checkTerraformVersions,
  terraformModuleChecks,
  terraformReferenceChecks,
  renderTerraformDocs,
  type TerraformCheckOptions,
} from './terraform/index.ts';
