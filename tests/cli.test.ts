/**
 * End-to-end tests of the `strata` command: the installed bin, spawned from the
 * repository root the way a user or CI runs it. One synth output is shared; tests
 * that damage a tree work on a copy of it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyTree, filesUnder, replaceInFile } from './helpers/files.ts';
import { linesOf, makeDefinitionsDir, makeTempDir, repoRoot, runStrata, type StrataRun } from './helpers/strata.ts';

const clusters = ['dev-local', 'stage-eu', 'prod-eu', 'prod-us'];
const addons = ['argocd', 'prometheus-operator-crds', 'tenancy', 'projects'];
const services = ['storefront', 'orders', 'inventory'];
const usageFirstLine = 'Usage: strata <command> [options]';
const orderDeployment = 'clusters/dev-local/orders/deployment.yaml';
const prodVars = 'infra/terraform/envs/prod/strata.auto.tfvars.json';
const projectFiles = [
  'docs/architecture.md',
  'infra/terraform/envs/dev/strata.auto.tfvars.json',
  prodVars,
  'infra/terraform/envs/stage/strata.auto.tfvars.json',
];

let work: string;
/** The tree rendered once from the reference definition; tests only read it. */
let tree: string;
/** The repository root of that synth: where its project files went; tests only read it. */
let root: string;
let firstSynth: StrataRun;

beforeAll(() => {
  work = makeTempDir();
  tree = join(work, 'tree');
  root = join(work, 'root');
  mkdirSync(root);
  firstSynth = runStrata(['synth', '--out', tree, '--root', root]);
});

/** A fresh, empty repository root for one test. */
function newRoot(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  return dir;
}

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Asserts a usage error: exit 2, the message first, then the usage text, nothing on stdout. */
function expectUsageError(run: StrataRun, message: string): void {
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  const [first, second] = linesOf(run.stderr);
  expect(first).toBe(message);
  expect(second).toBe(usageFirstLine);
  expect(run.stderr).toContain('Exit codes: 0 ok, 1 errors in the definition or tree, 2 bad usage, 3 drift, 70 internal error.');
}

describe('strata help', () => {
  it('GIVEN --help WHEN strata runs THEN it prints the usage on stdout and exits 0', () => {
    const run = runStrata(['--help']);

    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.startsWith(`${usageFirstLine}\n`)).toBe(true);
    expect(run.stdout).toContain('  synth    Render the platform definition into the GitOps tree and the project files\n');
    expect(run.stdout).toContain('             --root DIR        where the project files go, beside the tree:\n');
    expect(run.stdout).toContain('             --check           render in memory; exit 3 if DIR or a project file differs\n');
    expect(run.stdout).toContain('  verify   Run every check on a rendered tree\n');
    expect(run.stdout).toContain('  --json     print machine-readable results on stdout\n');
  });

  it('GIVEN no arguments WHEN strata runs THEN it prints the same usage and exits 0', () => {
    const run = runStrata([]);

    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.startsWith(`${usageFirstLine}\n`)).toBe(true);
    expect(run.stdout.endsWith('Exit codes: 0 ok, 1 errors in the definition or tree, 2 bad usage, 3 drift, 70 internal error.\n')).toBe(true);
  });
});

describe('strata usage errors', () => {
  it('GIVEN an unknown command WHEN strata runs THEN it names the command, prints the usage on stderr and exits 2', () => {
    expectUsageError(runStrata(['foo']), 'strata: unknown command "foo"');
  });

  it('GIVEN an unknown flag WHEN synth runs THEN it names the flag and exits 2', () => {
    expectUsageError(runStrata(['synth', '--frobnicate']), "strata: Unknown option '--frobnicate'");
  });

  it('GIVEN a flag of the other command WHEN verify runs with --check THEN it says the flag does not apply and exits 2', () => {
    expectUsageError(runStrata(['verify', '--check']), 'strata: option --check does not apply to "strata verify"');
  });

  it('GIVEN a definition file that does not exist WHEN synth runs THEN it names the file and exits 2', () => {
    const out = join(work, 'never-written');

    const run = runStrata(['synth', '--platform', 'nope.ts', '--out', out]);

    expectUsageError(run, 'strata: definition file nope.ts does not exist');
    expect(existsSync(out)).toBe(false);
  });

  it('GIVEN a folder that does not exist WHEN verify runs THEN it names the folder and exits 2', () => {
    expectUsageError(
      runStrata(['verify', '--dir', '/nonexistent']),
      'strata: --dir /nonexistent is not a folder (render one with `strata synth --out /nonexistent`)',
    );
  });
});

describe('strata synth and verify of the reference platform', () => {
  it('GIVEN the reference platform WHEN synth writes a new folder THEN it prints a summary line for the tree and one for the project files, exit 0', () => {
    expect(firstSynth.stderr).toBe('');
    expect(firstSynth.status).toBe(0);
    const [treeLine, projectLine, ...more] = linesOf(firstSynth.stdout);
    expect(more).toEqual([]);
    expect(projectLine).toBe(`synth: 4 project files → ${root} (4 written: ${projectFiles.join(', ')})`);
    const summary = /^synth: 4 clusters, (\d+) applications, (\d+) objects in (\d+) files → (.+) \((\d+) written, 0 removed\)$/.exec(treeLine ?? '');
    expect(summary, firstSynth.stdout).not.toBeNull();
    const [, applications, , files, out, written] = summary ?? [];
    expect(out).toBe(tree);
    expect(Number(applications)).toBeGreaterThanOrEqual(clusters.length * (addons.length + services.length));
    expect(written).toBe(files);
    expect(filesUnder(tree)).toHaveLength(Number(files));
  });

  it('GIVEN the repository root of that synth THEN it holds exactly the project files, each environment\'s tfvars naming its clusters', () => {
    expect(filesUnder(root)).toEqual(projectFiles);
    const prod = JSON.parse(readFileSync(join(root, prodVars), 'utf8')) as { environment: string; clusters: Record<string, { node_pools: object }> };
    expect(prod.environment).toBe('prod');
    expect(Object.keys(prod.clusters)).toEqual(['prod-eu', 'prod-us']);
    expect(JSON.parse(readFileSync(join(root, 'infra/terraform/envs/dev/strata.auto.tfvars.json'), 'utf8'))).toMatchObject({
      clusters: { 'dev-local': { provider: 'kind', node_pools: {} } },
    });
    expect(readFileSync(join(root, 'docs/architecture.md'), 'utf8')).toMatch(/^_Generated by `strata synth` from `platform\/`\. Do not edit it by hand/);
  });

  it('GIVEN the rendered tree THEN every cluster has a root Application in bootstrap/', () => {
    for (const cluster of clusters) {
      const root = readFileSync(join(tree, 'bootstrap', `${cluster}.yaml`), 'utf8');
      expect(root).toMatch(/^kind: Application$/m);
      expect(root).toContain(`path: deploy/clusters/${cluster}/apps\n`);
    }
  });

  it('GIVEN the rendered tree THEN every cluster has an Application for every add-on and service', () => {
    for (const cluster of clusters) {
      for (const name of [...addons, ...services]) {
        const path = join(tree, 'clusters', cluster, 'apps', `${name}.yaml`);
        expect(existsSync(path), path).toBe(true);
        const application = readFileSync(path, 'utf8');
        expect(application, path).toMatch(/^kind: Application$/m);
        expect(application, path).toMatch(new RegExp(`^  name: ${name}$`, 'm'));
        expect(application, path).toContain(`strata.dev/cluster: ${cluster}\n`);
      }
    }
  });

  it('GIVEN the rendered tree and this repository as --root WHEN verify runs THEN every check passes with 0 errors and exit 0', () => {
    const run = runStrata(['verify', '--dir', tree, '--root', repoRoot]);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^verify: \d+ objects in \d+ files, \d+\/\d+ checks passed \(schema, pod-security, [^)]*\)[^\n]*, 0 error\(s\)\n$/);
  });

  it('GIVEN --json WHEN synth runs THEN stdout is one JSON document with ok, the summary, the counts and the project files written', () => {
    const out = join(work, 'json-tree');
    const jsonRoot = newRoot('json-root');

    const run = runStrata(['synth', '--json', '--out', out, '--root', jsonRoot]);

    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { summary: { files: number } };
    expect(result).toMatchObject({ ok: true, diagnostics: [], summary: { clusters: 4 }, removed: 0 });
    expect(result).toMatchObject({ written: result.summary.files, project: { root: jsonRoot, files: projectFiles, written: projectFiles } });
    expect(filesUnder(out)).toEqual(filesUnder(tree));
    expect(filesUnder(jsonRoot)).toEqual(projectFiles);
  });

  it('GIVEN --json WHEN verify runs on the rendered tree THEN stdout is JSON with ok, no findings and every check', () => {
    const run = runStrata(['verify', '--json', '--dir', tree, '--root', repoRoot]);

    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout) as { checks: { name: string }[]; objects: number };
    expect(result).toMatchObject({ ok: true, findings: [] });
    expect(result.checks.map((check) => check.name)).toEqual(expect.arrayContaining(['schema', 'pod-security', 'network', 'gitops']));
    expect(result.objects).toBeGreaterThan(0);
  });

  it('GIVEN an empty folder WHEN verify runs THEN it says this is not a rendered tree and exits 1', () => {
    const empty = join(work, 'empty');
    mkdirSync(empty);

    const run = runStrata(['verify', '--dir', empty]);

    expect(run.status).toBe(1);
    expect(linesOf(run.stderr)).toContain(`error gitops/layout ${empty}: no clusters/ and no bootstrap/: this is not a tree rendered by strata synth`);
    expect(run.stdout).toMatch(/, [1-9]\d* error\(s\)\n$/);
  });
});

describe('strata synth --check (drift)', () => {
  it('GIVEN the committed deploy/ and project files WHEN synth --check runs THEN both are up to date and it exits 0', () => {
    const run = runStrata(['synth', '--check']);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^deploy is up to date \(\d+ files\)\nproject files are up to date \(4 files under \.\)\n$/);
  });

  it('GIVEN a root whose prod tfvars was edited WHEN synth --check runs THEN it names that file and exits 3', () => {
    const edited = copyTree(root, join(work, 'root-edited'));
    replaceInFile(join(edited, prodVars), '"min_size": 3', '"min_size": 4');

    const run = runStrata(['synth', '--check', '--out', tree, '--root', edited]);

    expect(run.status).toBe(3);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual([
      'project files differ from what the definition renders:',
      `  changed  ${edited}/${prodVars}`,
      `run \`strata synth --out ${tree} --root ${edited}\` and commit the result`,
    ]);
  });

  it('GIVEN an edited prod tfvars and an edited tree WHEN synth --check --json runs THEN the JSON lists both drifts and exits 3', () => {
    const edited = copyTree(root, join(work, 'root-edited-json'));
    replaceInFile(join(edited, prodVars), '"min_size": 3', '"min_size": 4');
    const copy = copyTree(tree, join(work, 'drift-both'));
    replaceInFile(join(copy, orderDeployment), 'orders:0.1.0', 'orders:0.1.1');

    const run = runStrata(['synth', '--check', '--json', '--out', copy, '--root', edited]);

    expect(run.status).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ok: false,
      drift: { added: [], changed: [orderDeployment], removed: [] },
      project: { root: edited, files: projectFiles, drift: { added: [], changed: [prodVars] } },
    });
  });

  it('GIVEN an empty root WHEN synth --check runs THEN every project file is missing, exit 3', () => {
    const empty = newRoot('root-empty');

    const run = runStrata(['synth', '--check', '--out', tree, '--root', empty]);

    expect(run.status).toBe(3);
    expect(linesOf(run.stderr)).toEqual([
      'project files differ from what the definition renders:',
      ...projectFiles.map((file) => `  missing  ${empty}/${file}`),
      `run \`strata synth --out ${tree} --root ${empty}\` and commit the result`,
    ]);
  });

  it('GIVEN an edited prod tfvars beside other infra/ and docs/ files WHEN synth runs THEN it rewrites that file only, touches nothing else, and --check passes', () => {
    const edited = copyTree(root, join(work, 'root-resynth'));
    replaceInFile(join(edited, prodVars), '"min_size": 3', '"min_size": 4');
    const others: Record<string, string> = {
      'infra/terraform/envs/prod/main.tf': 'module "cluster" {}\n',
      'infra/terraform/envs/retired/strata.auto.tfvars.json': '{}\n',
      'infra/terraform/modules/cluster/variables.tf': 'variable "clusters" {}\n',
      'docs/adr/0001-something.md': '# 0001\n',
      'docs/notes.md': 'keep me\n',
    };
    for (const [file, content] of Object.entries(others)) {
      mkdirSync(join(edited, file, '..'), { recursive: true });
      writeFileSync(join(edited, file), content);
    }

    const run = runStrata(['synth', '--out', copyTree(tree, join(work, 'tree-resynth')), '--root', edited]);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(linesOf(run.stdout)[1]).toBe(`synth: 4 project files → ${edited} (1 written: ${prodVars})`);
    expect(readFileSync(join(edited, prodVars), 'utf8')).toBe(readFileSync(join(root, prodVars), 'utf8'));
    for (const [file, content] of Object.entries(others)) expect(readFileSync(join(edited, file), 'utf8'), file).toBe(content);
    expect(runStrata(['synth', '--check', '--out', tree, '--root', edited]).status).toBe(0);
  });

  it('GIVEN a --root that is not a folder WHEN synth runs THEN it is a usage error naming it', () => {
    const missing = join(work, 'no-root');

    const run = runStrata(['synth', '--out', join(work, 'never-written'), '--root', missing]);

    expectUsageError(run, `strata: --root ${missing} is not a folder (it must be the repository root)`);
  });

  it('GIVEN a --root inside --out WHEN synth runs THEN it refuses, since the next synth would prune the project files', () => {
    const run = runStrata(['synth', '--check', '--out', tree, '--root', join(tree, 'clusters')]);

    expectUsageError(
      run,
      `strata: project file ${join(tree, 'clusters', 'docs/architecture.md')} would be inside the GitOps tree ${tree}, which synth prunes; choose an --out and a --root that do not overlap`,
    );
  });

  it('GIVEN a copy with one byte changed WHEN synth --check runs THEN it names the changed file and exits 3', () => {
    const copy = copyTree(tree, join(work, 'drift-changed'));
    replaceInFile(join(copy, orderDeployment), 'orders:0.1.0', 'orders:0.1.1');

    const run = runStrata(['synth', '--check', '--out', copy, '--root', root]);

    expect(run.status).toBe(3);
    expect(run.stdout).toBe('');
    expect(linesOf(run.stderr)).toEqual([
      `${copy} differs from what the definition renders:`,
      `  changed  ${copy}/${orderDeployment}`,
      `run \`strata synth --out ${copy} --root ${root}\` and commit the result`,
    ]);
  });

  it('GIVEN a copy with one byte changed WHEN synth --check --json runs THEN the JSON drift lists the file and exits 3', () => {
    const copy = copyTree(tree, join(work, 'drift-json'));
    replaceInFile(join(copy, orderDeployment), 'orders:0.1.0', 'orders:0.1.1');

    const run = runStrata(['synth', '--check', '--json', '--out', copy, '--root', root]);

    expect(run.status).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, drift: { added: [], changed: [orderDeployment], removed: [] } });
  });

  it('GIVEN --skip kustomize WHEN verify runs THEN the check is listed as skipped and the rest pass', () => {
    const run = runStrata(['verify', '--dir', tree, '--root', repoRoot, '--skip', 'kustomize']);

    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /6\/7 checks passed \(schema, pod-security, network, gitops, runbooks, promql, kustomize\), kustomize skipped: on request \(--skip\), 0 error\(s\)/,
    );
  });

  it('GIVEN a --root without docs/runbooks/ WHEN verify runs THEN every alert is reported with its missing runbook and it exits 1', () => {
    const bare = join(work, 'bare-root');
    mkdirSync(bare, { recursive: true });
    const run = runStrata(['verify', '--dir', tree, '--root', bare, '--skip', 'kustomize,promql']);

    expect(run.status).toBe(1);
    const findings = linesOf(run.stderr);
    expect(findings.length).toBeGreaterThan(10);
    for (const line of findings) expect(line).toMatch(/^error alerts\/runbook \S+ PrometheusRule\/monitoring\/strata-[a-z-]+: alert \w+ \(group [a-z-]+\): runbook docs\/runbooks\/[a-z-]+\.md does not exist/);
    expect(findings.some((line) => line.includes('alert SLOFastBurn') && line.includes('docs/runbooks/slo-burn-rate.md'))).toBe(true);
    expect(run.stdout).toMatch(/, \d+ error\(s\)\n$/);
  });

  it('GIVEN a --root that is not a folder WHEN verify runs THEN it is a usage error', () => {
    const run = runStrata(['verify', '--dir', tree, '--root', join(work, 'no-such-root')]);

    expect(run.status).toBe(2);
    expect(linesOf(run.stderr)[0]).toBe(`strata: --root ${join(work, 'no-such-root')} is not a folder (it must be the repository that holds docs/runbooks/)`);
  });

  it('GIVEN --skip with a misspelt check WHEN verify runs THEN it is a usage error naming the checks', () => {
    const run = runStrata(['verify', '--dir', tree, '--skip', 'kustomise']);

    expect(run.status).toBe(2);
    expect(linesOf(run.stderr)[0]).toBe('strata: --skip: unknown check "kustomise" (checks: schema, pod-security, network, gitops, runbooks, promql, kustomize)');
  });

  it('GIVEN --out below a file WHEN synth runs THEN it is a usage error naming the path, not an internal error', () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'x\n');

    const run = runStrata(['synth', '--out', join(file, 'tree'), '--root', root]);

    expect(run.status).toBe(2);
    expect(linesOf(run.stderr)[0]).toBe(`strata: --out ${join(file, 'tree')} cannot be written: not a directory (${relative(repoRoot, join(file, 'tree'))})`);
  });

  it('GIVEN a folder that does not exist WHEN synth --check runs THEN it says so in one line and exits 3', () => {
    const absent = join(work, 'never-written');

    const run = runStrata(['synth', '--check', '--out', absent, '--root', root]);

    expect(run.status).toBe(3);
    expect(linesOf(run.stderr)).toEqual([`${absent} does not exist: run \`strata synth --out ${absent}\` to write the tree`]);
  });

  it('GIVEN a copy missing a whole cluster WHEN synth --check runs THEN twenty files are named and the rest counted', () => {
    const copy = copyTree(tree, join(work, 'drift-cluster'));
    rmSync(join(copy, 'clusters', 'prod-us'), { recursive: true });

    const lines = linesOf(runStrata(['synth', '--check', '--out', copy, '--root', root]).stderr);

    expect(lines).toHaveLength(23);
    expect(lines[21]).toMatch(/^ {2}… and \d+ more \(--json lists them all\)$/);
  });

  it('GIVEN a copy with a file deleted WHEN synth --check runs THEN it names the file as missing and exits 3', () => {
    const copy = copyTree(tree, join(work, 'drift-missing'));
    unlinkSync(join(copy, orderDeployment));

    const run = runStrata(['synth', '--check', '--out', copy, '--root', root]);

    expect(run.status).toBe(3);
    expect(linesOf(run.stderr)).toEqual([
      `${copy} differs from what the definition renders:`,
      `  missing  ${copy}/${orderDeployment}`,
      `run \`strata synth --out ${copy} --root ${root}\` and commit the result`,
    ]);
  });

  it('GIVEN a copy with a stray file WHEN synth --check runs THEN it names the file as extra and exits 3', () => {
    const copy = copyTree(tree, join(work, 'drift-extra'));
    writeFileSync(join(copy, 'clusters/dev-local/orders/stray.yaml'), 'kind: ConfigMap\n');

    const run = runStrata(['synth', '--check', '--out', copy, '--root', root]);

    expect(run.status).toBe(3);
    expect(linesOf(run.stderr)).toEqual([
      `${copy} differs from what the definition renders:`,
      `  extra    ${copy}/clusters/dev-local/orders/stray.yaml`,
      `run \`strata synth --out ${copy} --root ${root}\` and commit the result`,
    ]);
  });
});

describe('strata verify of a damaged tree', () => {
  it('GIVEN a privileged container injected into a copy WHEN verify runs THEN it reports PSS-baseline/privileged and exits 1', () => {
    const copy = copyTree(tree, join(work, 'privileged'));
    replaceInFile(
      join(copy, orderDeployment),
      '            allowPrivilegeEscalation: false\n',
      '            allowPrivilegeEscalation: false\n            privileged: true\n',
    );

    const run = runStrata(['verify', '--dir', copy]);

    expect(run.status).toBe(1);
    expect(linesOf(run.stderr)).toContain(
      `error PSS-baseline/privileged ${copy}/${orderDeployment} Deployment/shop/orders: container "app" is privileged`,
    );
    expect(run.stdout).toMatch(/, [1-9]\d* error\(s\)\n$/);
  });
});

describe('strata synth of bad definitions', () => {
  let defs: string;
  /** The reference definition, as an import specifier from a file in `defs`. */
  let referenceImport: string;

  /** Writes a definition file and returns its path relative to the repository (as a user types it). */
  function writeDefinition(name: string, source: string): string {
    writeFileSync(join(defs, name), source);
    return relative(repoRoot, join(defs, name));
  }

  beforeAll(() => {
    defs = makeDefinitionsDir();
    referenceImport = relative(defs, join(repoRoot, 'platform', 'index.ts')).split('\\').join('/');
  });

  afterAll(() => {
    rmSync(defs, { recursive: true, force: true });
  });

  /** Asserts a failed synth: exit 1, nothing on stdout, no stack trace, the summary last, nothing written. */
  function expectRejected(run: StrataRun, file: string, errors: number, out: string): string[] {
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = linesOf(run.stderr);
    expect(lines.filter((line) => line.startsWith('    at '))).toEqual([]);
    expect(lines.at(-1)).toBe(`${file}: ${errors} error(s); nothing was written`);
    expect(existsSync(out)).toBe(false);
    return lines;
  }

  it('GIVEN a definition with a syntax error WHEN synth runs THEN STR060 names the file and the SyntaxError, without a stack, exit 1', () => {
    const file = writeDefinition('syntax-error.ts', 'export const platform = {;\n');
    const out = join(work, 'out-syntax');

    const lines = expectRejected(runStrata(['synth', '--platform', file, '--out', out]), file, 1, out);

    expect(lines).toHaveLength(2);
    expect(lines[0]?.startsWith(`error STR060 ${file}: could not be loaded: SyntaxError`)).toBe(true);
  });

  it('GIVEN a definition that throws WHEN synth runs THEN STR060 carries the error message, exit 1', () => {
    const file = writeDefinition('throws.ts', "throw new Error('boom');\n");
    const out = join(work, 'out-throws');

    const lines = expectRejected(runStrata(['synth', '--platform', file, '--out', out]), file, 1, out);

    expect(lines[0]?.startsWith(`error STR060 ${file}: could not be loaded: Error: boom`)).toBe(true);
  });

  it('GIVEN a module that exports no platform WHEN synth runs THEN STR061 says so, exit 1', () => {
    const file = writeDefinition('no-platform.ts', 'export const answer = 42;\n');
    const out = join(work, 'out-none');

    const lines = expectRejected(runStrata(['synth', '--platform', file, '--out', out]), file, 1, out);

    expect(lines[0]?.startsWith(`error STR061 ${file}: exports no platform`)).toBe(true);
  });

  it('GIVEN a definition with three errors WHEN synth runs THEN all three are reported at once, exit 1, nothing written', () => {
    const file = writeDefinition(
      'three-errors.ts',
      `import { definePlatform } from '@strata/model';
import { platform as reference } from '${referenceImport}';

export const platform = definePlatform({
  ...reference,
  clusters: [...reference.clusters, { name: 'qa-eu', environment: 'qa', provider: 'kind', region: 'local' }],
  services: reference.services.map((service) =>
    service.name === 'orders' ? { ...service, team: 'ghosts', calls: [...(service.calls ?? []), 'payments'] } : service,
  ),
});
`,
    );
    const out = join(work, 'out-three');

    const lines = expectRejected(runStrata(['synth', '--platform', file, '--out', out]), file, 3, out);

    const errors = lines.filter((line) => line.startsWith('error '));
    expect(errors).toHaveLength(3);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^error STR020 services\.orders\.team: unknown team "ghosts"/),
        expect.stringMatching(/^error STR022 services\.orders\.calls\[1\]: calls unknown service "payments"/),
        expect.stringMatching(/^error STR021 clusters\.qa-eu\.environment: unknown environment "qa"/),
      ]),
    );
  });

  it('GIVEN a .js definition WHEN synth runs THEN it renders the same tree as the .ts one, exit 0', () => {
    const file = writeDefinition(
      'platform.js',
      `import { definePlatform } from '@strata/model';
import { platform as reference } from '${referenceImport}';

export const platform = definePlatform({ ...reference });
`,
    );
    const out = join(work, 'out-js');
    const jsRoot = newRoot('root-js');

    const run = runStrata(['synth', '--platform', file, '--out', out, '--root', jsRoot]);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^synth: 4 clusters, /);
    expect(filesUnder(out)).toEqual(filesUnder(tree));
    for (const path of projectFiles) expect(readFileSync(join(jsRoot, path), 'utf8'), path).toBe(readFileSync(join(root, path), 'utf8'));
  });

  it('GIVEN the reference minus inventory WHEN synth runs over an existing tree THEN the stale files are removed', () => {
    const file = writeDefinition(
      'without-inventory.ts',
      `import { definePlatform } from '@strata/model';
import { platform as reference } from '${referenceImport}';

export const platform = definePlatform({
  ...reference,
  services: reference.services
    .filter((service) => service.name !== 'inventory')
    .map((service) => ({ ...service, calls: (service.calls ?? []).filter((name) => name !== 'inventory') })),
});
`,
    );
    const copy = copyTree(tree, join(work, 'stale'));
    const staleRoot = copyTree(root, join(work, 'stale-root'));

    const run = runStrata(['synth', '--platform', file, '--out', copy, '--root', staleRoot]);

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(linesOf(run.stdout)).toEqual([
      expect.stringMatching(/\(\d+ written, [1-9]\d* removed\)$/),
      `synth: 4 project files → ${staleRoot} (1 written: docs/architecture.md)`,
    ]);
    expect(readFileSync(join(staleRoot, 'docs/architecture.md'), 'utf8')).not.toContain('inventory');
    for (const cluster of clusters) {
      expect(existsSync(join(copy, 'clusters', cluster, 'inventory'))).toBe(false);
      expect(existsSync(join(copy, 'clusters', cluster, 'apps', 'inventory.yaml'))).toBe(false);
      expect(existsSync(join(copy, 'clusters', cluster, 'orders', 'deployment.yaml'))).toBe(true);
    }
    // Nothing else is left behind: the folder is exactly what the definition renders.
    expect(runStrata(['synth', '--check', '--platform', file, '--out', copy, '--root', staleRoot]).status).toBe(0);
  });
});

describe('strata synth into a folder it does not own', () => {
  it('GIVEN a non-empty folder not written by strata WHEN synth --out targets it THEN it refuses with exit 2 and deletes nothing', () => {
    const foreign = join(work, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'keep me\n');

    const run = runStrata(['synth', '--out', foreign]);

    expectUsageError(run, `strata: --out ${foreign} is not empty and was not written by strata synth; choose an empty or new folder`);
    expect(filesUnder(foreign)).toEqual(['notes.txt']);
    expect(readFileSync(join(foreign, 'notes.txt'), 'utf8')).toBe('keep me\n');
  });

  it('GIVEN a sub-folder of a rendered tree WHEN synth --out targets it THEN it refuses and deletes nothing', () => {
    const copy = copyTree(tree, join(work, 'subfolder'));
    const cluster = join(copy, 'clusters', 'dev-local');
    const before = filesUnder(cluster);

    const run = runStrata(['synth', '--out', cluster]);

    expect(run.status).toBe(2);
    expect(filesUnder(cluster)).toEqual(before);
  });
});
