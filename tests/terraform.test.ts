/**
 * The Terraform of infra/terraform, checked as far as this machine allows without
 * providers: formatting, the module conventions and references on the parsed HCL, every
 * root against the inputs `strata synth` writes (with the validations of the modules it
 * passes them to), every module's validation tests, and the logic of the Argo CD bootstrap
 * that reads the rendered tree.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charts } from '../packages/render/src/charts.ts';
import { formatFinding, type Finding } from '../packages/verify/src/finding.ts';
import {
  checkTerraformModules,
  checkTerraformReferences,
  checkTerraformVersions,
  loadTerraformConfig,
  parseHclFile,
  renderTerraformDocs,
  docsSection,
} from '../packages/verify/src/terraform/index.ts';
import { repoRoot } from './helpers/strata.ts';
import { passedRuns, runTerraform, scratchDir, terraformAvailable, terraformDir, writeProviderFreeCopy } from './helpers/terraform.ts';

const hasTerraform = terraformAvailable();
const noTerraform = 'terraform is not on the PATH: install Terraform >= 1.10 to run these tests';
const modulesDir = join(terraformDir, 'modules');
const modules = readdirSync(modulesDir).sort();
const rendered = readdirSync(join(repoRoot, 'deploy', 'bootstrap'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();

/** Every folder under infra/terraform holding .tf files: modules, their examples, environment roots. */
function configFolders(dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string): void => {
    const entries = readdirSync(folder, { withFileTypes: true });
    if (entries.some((e) => e.isFile() && e.name.endsWith('.tf'))) out.push(folder);
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('.')) walk(join(folder, e.name));
  };
  walk(dir);
  return out.sort();
}

const show = (findings: readonly Finding[]): string => findings.map(formatFinding).join('\n');

/** The inputs `strata synth` writes for each environment, in exactly the agreed shape. */
const tfvars = {
  dev: {
    platform_name: 'strata',
    environment: 'dev',
    domain: 'strata.example.com',
    gitops: { repo_url: 'https://github.com/strata-platform/strata.git', revision: 'main', path: 'deploy' },
    clusters: { 'dev-local': { provider: 'kind', region: 'local', node_pools: {} } },
  },
  stage: {
    platform_name: 'strata',
    environment: 'stage',
    domain: 'strata.example.com',
    gitops: { repo_url: 'https://github.com/strata-platform/strata.git', revision: 'main', path: 'deploy' },
    clusters: {
      'stage-eu': {
        provider: 'eks',
        region: 'eu-west-1',
        node_pools: { general: { instance_type: 'm6i.large', min_size: 2, max_size: 4, spot: false } },
      },
    },
  },
  prod: {
    platform_name: 'strata',
    environment: 'prod',
    domain: 'strata.example.com',
    gitops: { repo_url: 'https://github.com/strata-platform/strata.git', revision: 'main', path: 'deploy' },
    clusters: {
      'prod-eu': {
        provider: 'eks',
        region: 'eu-west-1',
        node_pools: {
          general: { instance_type: 'm6i.xlarge', min_size: 3, max_size: 10, spot: false },
          spot: { instance_type: 'm6i.xlarge', min_size: 0, max_size: 10, spot: true },
        },
      },
      'prod-us': {
        provider: 'eks',
        region: 'us-east-1',
        node_pools: { general: { instance_type: 'm6i.xlarge', min_size: 3, max_size: 10, spot: false } },
      },
    },
  },
} as const;

type EnvName = keyof typeof tfvars;
const envNames = Object.keys(tfvars) as EnvName[];

describe('terraform fmt', () => {
  it.skipIf(!hasTerraform)('GIVEN infra/terraform WHEN terraform fmt -check -recursive runs THEN it exits 0', () => {
    const run = runTerraform(['fmt', '-check', '-recursive', '-no-color', 'infra/terraform'], { cwd: repoRoot });

    expect(run.stdout, `files terraform fmt would change:\n${run.stdout}`).toBe('');
    expect(run.status).toBe(0);
  });

  it.skipIf(!hasTerraform)('GIVEN a copy with one unformatted .tf file WHEN terraform fmt -check runs THEN it fails and names that file', () => {
    const work = join(tmpdir(), `strata-tf-fmt-${process.pid}`);
    try {
      cpSync(join(modulesDir, 'dns'), work, { recursive: true });
      const file = join(work, 'outputs.tf');
      writeFileSync(file, readFileSync(file, 'utf8').replace('  description = "ID of the hosted zone', '  description      =   "ID of the hosted zone'));

      const run = runTerraform(['fmt', '-check', '-recursive', '-no-color', '.'], { cwd: work });

      expect(run.status).toBe(3);
      expect(run.stdout.trim()).toBe('outputs.tf');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  if (!hasTerraform) it.skip(`skipped: ${noTerraform}`, () => {});
});

// The parser and terraform run for real: allow for a busy machine.
const slow = { timeout: 90_000 };

describe('module conventions (parsed HCL)', slow, () => {
  it(`GIVEN infra/terraform/modules (${modules.join(', ')}) WHEN checked THEN there is no finding`, async () => {
    const findings = await checkTerraformModules(modulesDir, { relativeTo: repoRoot });

    expect(show(findings)).toBe('');
    expect(modules).toEqual([
      'argocd-bootstrap',
      'backup-storage',
      'dns',
      'eks-argocd-bootstrap',
      'eks-cluster',
      'github-oidc',
      'kind-cluster',
      'monitoring',
      'platform-environment',
      'platform-inputs',
    ]);
  });

  it('GIVEN every module, example and environment root WHEN references are checked THEN each resolves', async () => {
    const folders = configFolders(terraformDir);
    const findings: Finding[] = [];
    for (const folder of folders) findings.push(...(await checkTerraformReferences(folder, { relativeTo: repoRoot })));

    expect(show(findings)).toBe('');
    expect(folders.map((f) => relative(terraformDir, f))).toContain('envs/prod/argocd');
  });

  it('GIVEN the environment roots WHEN their versions are checked THEN Terraform and every provider have a lower and an upper bound', async () => {
    const findings: Finding[] = [];
    for (const env of ['dev', 'stage', 'prod', 'stage/argocd', 'prod/argocd']) {
      findings.push(...(await checkTerraformVersions(join(terraformDir, 'envs', env), { relativeTo: repoRoot })));
    }

    expect(show(findings)).toBe('');
  });

  it('GIVEN the environment roots WHEN their READMEs are read THEN each terraform-docs section is up to date', async () => {
    for (const env of ['dev', 'stage', 'prod', 'stage/argocd', 'prod/argocd']) {
      const dir = join(terraformDir, 'envs', env);
      const readme = readFileSync(join(dir, 'README.md'), 'utf8');

      expect(docsSection(readme), `envs/${env}/README.md: run node scripts/terraform-docs.ts`).toBe(renderTerraformDocs(await loadTerraformConfig(dir)));
    }
  });

  it('GIVEN each environment root WHEN its files are listed THEN it has main, variables, outputs, versions, backend and README', () => {
    for (const env of ['dev', 'stage', 'prod', 'stage/argocd', 'prod/argocd']) {
      const files = readdirSync(join(terraformDir, 'envs', env));

      expect(files, `envs/${env}`).toEqual(expect.arrayContaining(['README.md', 'backend.tf', 'main.tf', 'outputs.tf', 'variables.tf', 'versions.tf']));
    }
  });

  it('GIVEN every environment backend WHEN parsed THEN state is in S3 with native locking and a key of its own', async () => {
    const keys: string[] = [];
    for (const env of ['dev', 'stage', 'prod', 'stage/argocd', 'prod/argocd']) {
      const body = await parseHclFile(join(terraformDir, 'envs', env, 'backend.tf'));
      const terraform = (body.terraform as Record<string, unknown>[] | undefined)?.[0];
      const s3 = ((terraform?.backend as Record<string, unknown> | undefined)?.s3 as Record<string, unknown>[] | undefined)?.[0];

      expect(s3, `envs/${env}/backend.tf`).toMatchObject({ use_lockfile: true, encrypt: true });
      keys.push(String(s3?.key));
    }
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('GIVEN stage/argocd and prod/argocd WHEN compared THEN they differ only in the state key', () => {
    for (const file of ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf', 'migrations.tf']) {
      expect(readFileSync(join(terraformDir, 'envs/stage/argocd', file), 'utf8'), file).toBe(readFileSync(join(terraformDir, 'envs/prod/argocd', file), 'utf8'));
    }
    const stage = readFileSync(join(terraformDir, 'envs/stage/argocd/backend.tf'), 'utf8');
    expect(stage.replace('strata/stage/', 'strata/prod/')).toBe(readFileSync(join(terraformDir, 'envs/prod/argocd/backend.tf'), 'utf8'));
  });

  it('GIVEN stage and prod WHEN compared THEN each is the shared platform-environment with its state key, its name and its two settings', async () => {
    for (const file of ['outputs.tf', 'versions.tf', 'migrations.tf']) {
      expect(readFileSync(join(terraformDir, 'envs/stage', file), 'utf8'), file).toBe(readFileSync(join(terraformDir, 'envs/prod', file), 'utf8'));
    }
    const [stage, prod] = await Promise.all(['stage', 'prod'].map((env) => loadTerraformConfig(join(terraformDir, 'envs', env))));
    const call = (config: typeof stage, name: string) => config?.moduleCalls.find((c) => c.name === name);

    expect(stage?.moduleCalls.map((c) => c.name)).toEqual(['environment']);
    expect(call(stage, 'environment')?.source).toBe('../../modules/platform-environment');
    const { create_dns_zone: stageZone, single_nat_gateway: stageNat, ...stageRest } = call(stage, 'environment')?.arguments ?? {};
    const { create_dns_zone: prodZone, single_nat_gateway: prodNat, ...prodRest } = call(prod, 'environment')?.arguments ?? {};
    expect(stageRest).toEqual(prodRest);
    expect({ stage: [stageZone, stageNat], prod: [prodZone, prodNat] }).toEqual({ stage: [false, true], prod: [true, false] });
    // Only the environment each root accepts sets their variables apart.
    const declared = (config: typeof stage) => config?.variables.map((v) => ({ name: v.name, type: v.type, validations: v.validations }));
    expect(declared(stage)).toEqual(declared(prod));
    expect(stage?.variables.map((v) => v.name)).toEqual(Object.keys(tfvars.stage).sort());
    expect(stage?.variables.filter((v) => v.validations > 0).map((v) => v.name)).toEqual(['environment']);
  });
});

describe.skipIf(!hasTerraform)('variable validations (terraform test over each module variables.tf)', slow, () => {
  const scratch: string[] = [];
  afterAll(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  it.each(modules)('GIVEN %s/tests/validation.tftest.hcl WHEN run against its variables.tf THEN every run passes', async (name) => {
    const module = join(modulesDir, name);
    const tests = await parseHclFile(join(module, 'tests', 'validation.tftest.hcl'));
    const runs = Object.keys((tests.run as Record<string, unknown> | undefined) ?? {}).length;
    // Four levels below the repository root, like the module, for its relative test paths.
    const { root, dir } = scratchDir('tf-validation', name);
    scratch.push(root);
    cpSync(join(module, 'variables.tf'), join(dir, 'variables.tf'));
    cpSync(join(module, 'tests', 'validation.tftest.hcl'), join(dir, 'tests', 'validation.tftest.hcl'));

    const init = runTerraform(['init', '-input=false', '-no-color'], { cwd: dir });
    const test = runTerraform(['test', '-no-color'], { cwd: dir });

    expect(init.status, init.stderr).toBe(0);
    expect(test.status, `${test.stdout}${test.stderr}`).toBe(0);
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(passedRuns(test.stdout)).toBe(runs);
  });
});

describe.skipIf(!hasTerraform)('environment roots against the inputs strata synth writes', slow, () => {
  const scratch: string[] = [];
  afterAll(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Plans what of a root Terraform can plan without providers (its variables, locals and
   * checks, and those of the modules it calls: writeProviderFreeCopy) against a
   * strata.auto.tfvars.json. The folder sits as many levels below the repository root as the
   * root does, so that its paths to deploy/ resolve; an argocd root finds the inputs in ../.
   */
  async function planInputs(root: string, inputs: unknown, env: Record<string, string> = {}): Promise<{ status: number | null; output: string }> {
    const { root: scratchRoot, dir } = scratchDir('tf-env-inputs', ...root.split('/'));
    scratch.push(scratchRoot);
    await writeProviderFreeCopy(join(terraformDir, 'envs', root), dir);
    const inputsDir = root.endsWith('/argocd') ? join(dir, '..') : dir;
    writeFileSync(join(inputsDir, 'strata.auto.tfvars.json'), JSON.stringify(inputs, null, 2));
    const init = runTerraform(['init', '-input=false', '-no-color'], { cwd: dir });
    if (init.status !== 0) return { status: init.status, output: init.stderr };
    const plan = runTerraform(['plan', '-input=false', '-no-color'], { cwd: dir, env });
    // Terraform wraps long messages; compare them as one line.
    return { status: plan.status, output: `${plan.stdout}${plan.stderr}`.replace(/\s+/g, ' ') };
  }

  it.each(envNames)('GIVEN the inputs synth writes for %s WHEN planned against its root THEN they are accepted, each one declared, and match deploy/', async (env) => {
    const plan = await planInputs(env, tfvars[env]);

    expect(plan.status, plan.output).toBe(0);
    expect(plan.output).not.toContain('undeclared variable');
    expect(plan.output).not.toContain('Check block assertion failed');
    expect(plan.output).toContain('No changes.');
  });

  it('GIVEN inputs whose revision differs from the rendered tree WHEN planned THEN the check warns that one of them is stale', async () => {
    const plan = await planInputs('prod', { ...tfvars.prod, gitops: { ...tfvars.prod.gitops, revision: 'release-1' } });

    expect(plan.status, plan.output).toBe(0);
    expect(plan.output).toContain('Warning: Check block assertion failed');
    expect(plan.output).toContain(
      'deploy/bootstrap/<cluster>.yaml is missing for a cluster of prod, or does not sync https://github.com/strata-platform/strata.git at release-1: run `strata synth` and commit deploy/ with strata.auto.tfvars.json.',
    );
  });

  it.each(envNames.filter((env) => existsSync(join(terraformDir, 'envs', env, 'strata.auto.tfvars.json'))))(
    'GIVEN the strata.auto.tfvars.json committed in envs/%s WHEN planned against its root THEN it is accepted',
    async (env) => {
      const inputs: unknown = JSON.parse(readFileSync(join(terraformDir, 'envs', env, 'strata.auto.tfvars.json'), 'utf8'));
      const plan = await planInputs(env, inputs);

      expect(plan.status, plan.output).toBe(0);
      expect(plan.output).not.toContain('undeclared variable');
      expect(plan.output).not.toContain('Check block assertion failed');
    },
  );

  it('GIVEN the dev inputs WHEN planned against the prod root THEN the environment is rejected', async () => {
    const plan = await planInputs('prod', tfvars.dev);

    expect(plan.status).toBe(1);
    expect(plan.output).toContain(
      'environment must be "prod": this folder builds the prod environment, so its strata.auto.tfvars.json must be the one strata synth wrote for prod.',
    );
  });

  it('GIVEN inputs for prod with the kind cluster of dev WHEN planned against the prod root THEN platform-inputs rejects the cluster', async () => {
    const plan = await planInputs('prod', { ...tfvars.dev, environment: 'prod' });

    expect(plan.status).toBe(1);
    expect(plan.output).toContain('prod needs at least one cluster, and every cluster must have provider "eks" (kind clusters belong to dev).');
    expect(plan.output).toContain('Every EKS cluster needs at least one node pool (nodePools in the definition).');
  });

  it('GIVEN inputs for dev with the clusters of prod WHEN planned against the dev root THEN it takes exactly one kind cluster', async () => {
    const plan = await planInputs('dev', { ...tfvars.prod, environment: 'dev' });

    expect(plan.status).toBe(1);
    expect(plan.output).toContain('dev must have exactly one cluster, with provider "kind" (e.g. dev-local); EKS clusters belong to stage or prod.');
  });

  it('GIVEN inputs for dev with a stage cluster WHEN planned against the dev root THEN platform-inputs rejects the EKS cluster', async () => {
    const plan = await planInputs('dev', { ...tfvars.stage, environment: 'dev' });

    expect(plan.status).toBe(1);
    expect(plan.output).toContain('dev needs at least one cluster, and every cluster must have provider "kind" (EKS clusters belong to stage or prod).');
  });

  it.each(['stage', 'prod'] as const)('GIVEN the workspace of each cluster of %s WHEN its argocd root is planned THEN the cluster is accepted', async (env) => {
    for (const cluster of Object.keys(tfvars[env].clusters)) {
      const plan = await planInputs(`${env}/argocd`, tfvars[env], { TF_WORKSPACE: cluster });

      expect(plan.status, `${cluster}: ${plan.output}`).toBe(0);
      expect(plan.output).not.toContain('Check block assertion failed');
    }
  });

  it('GIVEN the default workspace WHEN the prod argocd root is planned THEN it says to select a cluster', async () => {
    const plan = await planInputs('prod/argocd', tfvars.prod, { TF_WORKSPACE: 'default' });

    expect(plan.status).toBe(1);
    expect(plan.output).toContain(
      '"default" is not a cluster of prod (prod-eu, prod-us): the argocd roots bootstrap the cluster their workspace names, so run `terraform workspace select -or-create <cluster>` first.',
    );
  });
});

describe.skipIf(!hasTerraform)('argocd-bootstrap reads the rendered tree (its locals, evaluated by terraform console)', slow, () => {
  let root: string;
  let dir: string;

  beforeAll(async () => {
    ({ root, dir } = scratchDir('tf-argocd-locals', 'argocd-bootstrap'));
    const module = join(modulesDir, 'argocd-bootstrap');
    cpSync(join(module, 'variables.tf'), join(dir, 'variables.tf'));
    const main = await parseHclFile(join(module, 'main.tf'));
    // hcl2json's output is Terraform's JSON syntax: the module's locals, unchanged, without its resources.
    writeFileSync(join(dir, 'locals.tf.json'), JSON.stringify({ locals: main.locals }, null, 2));
    const init = runTerraform(['init', '-input=false', '-no-color'], { cwd: dir });
    if (init.status !== 0) throw new Error(init.stderr);
  }, 60_000);

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  function evaluate(cluster: string): Record<string, unknown> {
    const expression = 'jsonencode({ chart_version = local.chart_version, release_name = local.release_name, repository = try(local.chart_source.repoURL, ""), path = try(local.root_manifest.spec.source.path, ""), namespace = try(local.root_manifest.metadata.namespace, ""), has_values = local.values != "" })';
    const run = runTerraform(['console', '-no-color', '-var', `cluster_name=${cluster}`, '-var', `deploy_dir=${join(repoRoot, 'deploy')}`], { cwd: dir, input: `${expression}\n` });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(JSON.parse(run.stdout.trim()) as string) as Record<string, unknown>;
  }

  it.each(rendered)('GIVEN the rendered cluster %s WHEN the module reads it THEN it installs the chart pinned in charts.ts and applies its root Application', (cluster) => {
    expect(evaluate(cluster)).toEqual({
      chart_version: charts['argo-cd'].version,
      release_name: 'argocd',
      repository: charts['argo-cd'].repoURL,
      path: `deploy/clusters/${cluster}/apps`,
      namespace: 'argocd',
      has_values: true,
    });
  });

  it('GIVEN a cluster that was not rendered WHEN the module reads it THEN nothing is found, which its preconditions report', () => {
    expect(evaluate('no-such-cluster')).toEqual({ chart_version: '', release_name: 'argocd', repository: '', path: '', namespace: '', has_values: false });
  });
});

describe.skipIf(!hasTerraform)('eks-argocd-bootstrap reaches the cluster it is given (its locals, evaluated by terraform console)', slow, () => {
  let root: string;
  let dir: string;

  beforeAll(async () => {
    // Four levels below the repository root, like the module, for repository_root.
    ({ root, dir } = scratchDir('tf-eks-argocd-locals', 'eks-argocd-bootstrap'));
    await writeProviderFreeCopy(join(modulesDir, 'eks-argocd-bootstrap'), dir);
    writeFileSync(join(dir, 'inputs.auto.tfvars.json'), JSON.stringify({ inputs: tfvars.prod, repository_root: '../../../..' }));
    const init = runTerraform(['init', '-input=false', '-no-color'], { cwd: dir });
    if (init.status !== 0) throw new Error(init.stderr);
  }, 60_000);

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('GIVEN cluster prod-us of the prod inputs WHEN the module reads them THEN it targets that cluster in its Region and bootstraps it from deploy/', () => {
    const expression = 'jsonencode({ region = local.region, args = local.kube_exec.args, root_application = fileexists("${module.inputs.deploy_dir}/bootstrap/${var.cluster_name}.yaml") })';
    const run = runTerraform(['console', '-no-color', '-var', 'cluster_name=prod-us'], { cwd: dir, input: `${expression}\n` });

    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(JSON.parse(run.stdout.trim()) as string)).toEqual({
      region: 'us-east-1',
      args: ['eks', 'get-token', '--cluster-name', 'prod-us', '--region', 'us-east-1'],
      root_application: true,
    });
  });
});

describe('github-oidc and the apply workflows', () => {
  it('GIVEN apply.yml WHEN its apply jobs are compared with github-oidc THEN the apply role trusts by default every environment they run in', async () => {
    type Job = { uses?: string; with?: { environment?: string }; environment?: string };
    const apply = load(readFileSync(join(repoRoot, '.github/workflows/apply.yml'), 'utf8')) as { jobs: Record<string, Job> };
    const reusable = load(readFileSync(join(repoRoot, '.github/workflows/terraform-apply.yml'), 'utf8')) as { jobs: Record<string, Job> };
    const environments = Object.values(apply.jobs)
      .filter((job) => job.uses === './.github/workflows/terraform-apply.yml')
      .map((job) => job.with?.environment);
    const variable = (await loadTerraformConfig(join(modulesDir, 'github-oidc'))).variables.find((v) => v.name === 'apply_github_environments');

    // The apply job is bound to its environment, so its token's subject names the environment.
    expect(reusable.jobs.apply?.environment).toBe('${{ inputs.environment }}');
    expect(environments).toEqual(['dev', 'stage', 'prod']);
    expect(variable?.default).toEqual(environments);
  });
});
