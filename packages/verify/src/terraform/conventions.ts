/**
 * The terraform-aws-modules conventions every module under infra/terraform/modules/ keeps,
 * checked on the parsed HCL: the five files, a terraform-docs README that is up to date,
 * bounded Terraform and provider versions, typed and described variables, described
 * outputs, a runnable example and a mocked `terraform test`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { compare } from '@strata/model';
import type { Finding } from '../finding.ts';
import { docsAnchor, docsBegin, docsEnd, docsSection, renderTerraformDocs } from './docs.ts';
import { hclErrorMessage, isRecord, loadTerraformConfig, parseHclFile, type HclBody, type TerraformConfig } from './parse.ts';
import { constraintBounds } from './version-constraint.ts';

/** The checks of a module, by stable id. */
export const terraformModuleChecks = [
  'terraform/files',
  'terraform/parse',
  'terraform/layout',
  'terraform/required-version',
  'terraform/provider-version',
  'terraform/module-version',
  'terraform/variable-type',
  'terraform/variable-description',
  'terraform/output-description',
  'terraform/readme-markers',
  'terraform/readme-table',
  'terraform/examples',
  'terraform/tests',
] as const;

export type TerraformModuleCheck = (typeof terraformModuleChecks)[number];

export interface TerraformCheckOptions {
  /** Folder that finding paths are relative to. @default - the parent of the folder checked */
  readonly relativeTo?: string;
}

/** The files every module has, in terraform-aws-modules' layout. */
export const moduleFiles = ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf', 'README.md'] as const;

const docsCommand = 'node scripts/terraform-docs.ts';

/** Where each kind of declaration belongs. */
const homes = { variable: 'variables.tf', output: 'outputs.tf', terraform: 'versions.tf' } as const;

function isRelativeSource(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../');
}

/** `terraform-aws-modules/vpc/aws` (not a path, a Git URL or an archive): the ones that take `version`. */
function isRegistrySource(source: string): boolean {
  return /^([a-z0-9.-]+\/)?[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+\/[a-z0-9]+$/.test(source);
}

/** An upper bound to suggest for a lower bound: the next major, or the next minor below 1.0. */
function suggestedConstraint(constraint: string): string {
  const lower = /(>=|>|~>)?\s*v?(\d+)(?:\.(\d+))?/.exec(constraint);
  if (!lower) return '>= 1.0, < 2.0';
  const major = Number(lower[2]);
  const minor = Number(lower[3] ?? '0');
  const upper = major === 0 ? `0.${minor + 1}` : `${major + 1}.0`;
  return `>= ${major}.${minor}, < ${upper}`;
}

/** What a constraint lacks, in words, or undefined when it is bounded. */
function boundProblem(constraint: string): string | undefined {
  const bounds = constraintBounds(constraint);
  if (!bounds.valid) return 'is not a valid version constraint';
  if (!bounds.lower && !bounds.upper) return 'has neither a lower nor an upper bound';
  if (!bounds.lower) return 'has no lower bound';
  if (!bounds.upper) return 'has no upper bound';
  return undefined;
}

function subfolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort(compare);
}

/** Checks one module folder. Never throws for a bad module; a missing folder throws. */
export async function checkTerraformModule(dir: string, options: TerraformCheckOptions = {}): Promise<Finding[]> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`no such folder: ${dir}`);
  const base = options.relativeTo ?? dirname(resolve(dir));
  const path = (...parts: string[]): string => relative(base, join(dir, ...parts));
  const findings: Finding[] = [];
  const add = (check: TerraformModuleCheck, file: string, message: string): void => {
    findings.push({ severity: 'error', check, file, object: '', message });
  };

  for (const file of moduleFiles) {
    if (!existsSync(join(dir, file))) {
      add('terraform/files', path(file), `missing ${file}: every module has ${moduleFiles.join(', ')} (terraform-aws-modules layout)`);
    }
  }

  const config = await loadTerraformConfig(dir);
  for (const error of config.parseErrors) add('terraform/parse', path(error.file), `does not parse: ${error.message}`);

  checkLayout(config, (file, message) => add('terraform/layout', path(file), message));
  checkVersions(config, (check, file, message) => add(check, path(file), message));
  checkDeclarations(config, (check, file, message) => add(check, path(file), message));
  checkReadme(dir, config, (check, message) => add(check, path('README.md'), message));
  await checkExamples(dir, (check, file, message) => add(check, path(file), message));
  await checkTests(dir, config, (check, file, message) => add(check, path(file), message));
  return findings;
}

/**
 * Checks the version constraints of any configuration (a module, an example, an
 * environment root): a bounded required_version, and bounded versions of every required
 * provider and registry module.
 */
export async function checkTerraformVersions(dir: string, options: TerraformCheckOptions = {}): Promise<Finding[]> {
  if (!existsSync(dir)) throw new Error(`no such folder: ${dir}`);
  const base = options.relativeTo ?? dirname(resolve(dir));
  const config = await loadTerraformConfig(dir);
  const findings: Finding[] = [];
  for (const error of config.parseErrors) {
    findings.push({ severity: 'error', check: 'terraform/parse', file: relative(base, join(dir, error.file)), object: '', message: `does not parse: ${error.message}` });
  }
  checkVersions(config, (check, file, message) => findings.push({ severity: 'error', check, file: relative(base, join(dir, file)), object: '', message }));
  return findings;
}

/** Checks every module folder under `modulesDir` (e.g. infra/terraform/modules). */
export async function checkTerraformModules(modulesDir: string, options: TerraformCheckOptions = {}): Promise<Finding[]> {
  if (!existsSync(modulesDir)) throw new Error(`no such folder: ${modulesDir}`);
  const relativeTo = options.relativeTo ?? dirname(resolve(modulesDir));
  const findings: Finding[] = [];
  for (const name of subfolders(modulesDir)) {
    findings.push(...(await checkTerraformModule(join(modulesDir, name), { relativeTo })));
  }
  return findings;
}

function checkLayout(config: TerraformConfig, add: (file: string, message: string) => void): void {
  for (const variable of config.variables) {
    if (variable.file !== homes.variable) add(variable.file, `variable "${variable.name}" is declared in ${variable.file}: move it to ${homes.variable}`);
  }
  for (const output of config.outputs) {
    if (output.file !== homes.output) add(output.file, `output "${output.name}" is declared in ${output.file}: move it to ${homes.output}`);
  }
  const misplaced = new Set(
    [...config.settings.map((s) => s.file), ...config.requiredProviders.map((p) => p.file)].filter((file) => file !== homes.terraform),
  );
  for (const file of [...misplaced].sort(compare)) add(file, `a terraform block with version requirements is in ${file}: move it to ${homes.terraform}`);
}

function checkVersions(
  config: TerraformConfig,
  add: (check: TerraformModuleCheck, file: string, message: string) => void,
): void {
  const versions = config.settings.filter((s) => s.requiredVersion !== undefined);
  if (versions.length === 0 && config.bodies.has(homes.terraform)) {
    add('terraform/required-version', homes.terraform, 'no required_version: add required_version = ">= 1.9, < 2.0" to the terraform block');
  }
  for (const setting of versions) {
    const constraint = setting.requiredVersion ?? '';
    const problem = boundProblem(constraint);
    if (problem !== undefined) {
      add('terraform/required-version', setting.file, `required_version "${constraint}" ${problem}: use a lower and an upper bound, e.g. "${suggestedConstraint(constraint)}"`);
    }
  }
  for (const provider of config.requiredProviders) {
    if (provider.version === undefined) {
      add('terraform/provider-version', provider.file, `provider "${provider.name}" has no version constraint: add version = ">= x.y, < z.0" to its required_providers entry`);
      continue;
    }
    const problem = boundProblem(provider.version);
    if (problem !== undefined) {
      add('terraform/provider-version', provider.file, `provider "${provider.name}" version "${provider.version}" ${problem}: use a lower and an upper bound, e.g. "${suggestedConstraint(provider.version)}"`);
    }
    if (provider.source === undefined) {
      add('terraform/provider-version', provider.file, `provider "${provider.name}" has no source: write it as ${provider.name} = { source = "<namespace>/${provider.name}", version = "${provider.version}" }`);
    }
  }
  for (const call of config.moduleCalls) {
    if (call.source === undefined || !isRegistrySource(call.source)) continue;
    if (call.version === undefined) {
      add('terraform/module-version', call.file, `module "${call.name}" (${call.source}) has no version: pin it, e.g. version = "1.2.3"`);
      continue;
    }
    const problem = boundProblem(call.version);
    if (problem !== undefined) {
      add('terraform/module-version', call.file, `module "${call.name}" (${call.source}) version "${call.version}" ${problem}: pin an exact version or a bounded range`);
    }
  }
}

function checkDeclarations(
  config: TerraformConfig,
  add: (check: TerraformModuleCheck, file: string, message: string) => void,
): void {
  for (const variable of config.variables) {
    if (variable.type === undefined) {
      add('terraform/variable-type', variable.file, `variable "${variable.name}" has no type: add type = string (or the type it takes)`);
    }
    if ((variable.description ?? '').trim() === '') {
      add('terraform/variable-description', variable.file, `variable "${variable.name}" has no description: add description = "…" saying what it sets`);
    }
  }
  for (const output of config.outputs) {
    if ((output.description ?? '').trim() === '') {
      add('terraform/output-description', output.file, `output "${output.name}" has no description: add description = "…" saying what it holds`);
    }
  }
}

function checkReadme(dir: string, config: TerraformConfig, add: (check: TerraformModuleCheck, message: string) => void): void {
  const readmePath = join(dir, 'README.md');
  if (!existsSync(readmePath)) return;
  const section = docsSection(readFileSync(readmePath, 'utf8'));
  if (section === undefined) {
    add('terraform/readme-markers', `README.md has no terraform-docs section: add the lines ${docsBegin} and ${docsEnd}, then run ${docsCommand}`);
    return;
  }
  let missing = 0;
  for (const variable of config.variables) {
    if (!section.includes(docsAnchor('input', variable.name))) {
      missing++;
      add('terraform/readme-table', `README.md does not list variable "${variable.name}": run ${docsCommand}`);
    }
  }
  for (const output of config.outputs) {
    if (!section.includes(docsAnchor('output', output.name))) {
      missing++;
      add('terraform/readme-table', `README.md does not list output "${output.name}": run ${docsCommand}`);
    }
  }
  if (missing === 0 && config.parseErrors.length === 0 && section !== renderTerraformDocs(config)) {
    add('terraform/readme-table', `README.md's terraform-docs section is out of date (a description, type, default or version changed): run ${docsCommand}`);
  }
}

/** Whether a module block of `example` calls the module at `moduleDir` by a relative path. */
function callsModule(exampleDir: string, source: string | undefined, moduleDir: string): boolean {
  return source !== undefined && isRelativeSource(source) && resolve(exampleDir, source) === resolve(moduleDir);
}

async function checkExamples(dir: string, add: (check: TerraformModuleCheck, file: string, message: string) => void): Promise<void> {
  const examplesDir = join(dir, 'examples');
  const examples = subfolders(examplesDir);
  if (examples.length === 0) {
    add('terraform/examples', 'examples', 'no examples: add examples/basic/ with a main.tf that calls the module with source = "../../", and a versions.tf');
    return;
  }
  let calling = 0;
  for (const name of examples) {
    const exampleDir = join(examplesDir, name);
    const config = await loadTerraformConfig(exampleDir);
    for (const error of config.parseErrors) add('terraform/parse', join('examples', name, error.file), `does not parse: ${error.message}`);
    if (config.moduleCalls.some((call) => callsModule(exampleDir, call.source, dir))) calling++;
    for (const file of ['main.tf', 'versions.tf']) {
      if (!existsSync(join(exampleDir, file))) add('terraform/examples', join('examples', name, file), `missing ${file}: every example has main.tf and versions.tf`);
    }
    // Examples are roots users copy: they pin versions like the module does.
    checkVersions(config, (check, file, message) => add(check, join('examples', name, file), message));
  }
  if (calling === 0) {
    add('terraform/examples', 'examples', `no example calls the module: add a module block with source = "../../" to examples/${examples[0]}/main.tf`);
  }
}

async function checkTests(
  dir: string,
  config: TerraformConfig,
  add: (check: TerraformModuleCheck, file: string, message: string) => void,
): Promise<void> {
  const testsDir = join(dir, 'tests');
  const files = existsSync(testsDir)
    ? readdirSync(testsDir)
        .filter((file) => file.endsWith('.tftest.hcl'))
        .sort(compare)
    : [];
  if (files.length === 0) {
    add('terraform/tests', 'tests', 'no tests/*.tftest.hcl: add a terraform test that plans the module with mock_provider blocks');
    return;
  }
  const providers = config.requiredProviders.map((p) => p.name);
  for (const file of files) {
    let body: HclBody;
    try {
      body = await parseHclFile(join(testsDir, file));
    } catch (error) {
      add('terraform/parse', join('tests', file), `does not parse: ${hclErrorMessage(error)}`);
      continue;
    }
    const mocked = new Set(isRecord(body.mock_provider) ? Object.keys(body.mock_provider) : []);
    const unmocked = providers.filter((name) => !mocked.has(name));
    if (unmocked.length > 0) {
      add('terraform/tests', join('tests', file), `does not mock provider ${unmocked.map((n) => `"${n}"`).join(', ')}: add mock_provider "${unmocked[0]}" {} so that the test runs without credentials or infrastructure`);
    }
    if (!isRecord(body.run) || Object.keys(body.run).length === 0) {
      add('terraform/tests', join('tests', file), 'has no run block: add run "…" { command = plan … } with assertions');
    }
  }
}
