/**
 * Reads a Terraform configuration (one folder of `.tf` files) through a real HCL parser,
 * `@cdktf/hcl2json`, into the few facts the convention checks and the docs need. Each
 * file is parsed on its own, so that every fact knows the file it came from.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { compare } from '@strata/model';

/** Parsed HCL as hcl2json gives it: blocks are arrays of bodies, expressions are `${…}` strings. */
export type HclBody = Readonly<Record<string, unknown>>;

export interface TerraformVariable {
  readonly name: string;
  readonly file: string;
  /** The type expression as written, e.g. `map(object({ … }))`; undefined when absent. */
  readonly type?: string;
  readonly description?: string;
  readonly hasDefault: boolean;
  /** The default as hcl2json gives it (literals as JSON, expressions as `${…}` strings). */
  readonly default?: unknown;
  readonly sensitive: boolean;
  readonly validations: number;
}

export interface TerraformOutput {
  readonly name: string;
  readonly file: string;
  readonly description?: string;
  readonly sensitive: boolean;
}

export interface TerraformModuleCall {
  readonly name: string;
  readonly file: string;
  readonly source?: string;
  readonly version?: string;
  /** Every argument of the block, meta-arguments included. */
  readonly arguments: HclBody;
}

export interface TerraformRequiredProvider {
  readonly name: string;
  readonly file: string;
  readonly source?: string;
  readonly version?: string;
}

export interface TerraformSettings {
  readonly file: string;
  readonly requiredVersion?: string;
}

export interface TerraformResource {
  /** `aws_s3_bucket.this`, or `data.aws_iam_policy_document.trust` for data sources. */
  readonly address: string;
  readonly file: string;
}

export interface ParseError {
  readonly file: string;
  readonly message: string;
}

/** What one folder of `.tf` files declares, file by file. */
export interface TerraformConfig {
  readonly dir: string;
  /** `.tf` files of the folder, sorted. */
  readonly files: readonly string[];
  /** Parsed body of every file that parsed, by file name. */
  readonly bodies: ReadonlyMap<string, HclBody>;
  readonly variables: readonly TerraformVariable[];
  readonly outputs: readonly TerraformOutput[];
  readonly moduleCalls: readonly TerraformModuleCall[];
  readonly settings: readonly TerraformSettings[];
  readonly requiredProviders: readonly TerraformRequiredProvider[];
  readonly resources: readonly TerraformResource[];
  readonly parseErrors: readonly ParseError[];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The bodies of a block type keyed by label: `variable "x" {}` → [['x', body]]. */
function labelledBlocks(body: HclBody, type: string): [string, HclBody][] {
  const blocks = body[type];
  if (!isRecord(blocks)) return [];
  return Object.entries(blocks).flatMap(([label, bodies]) =>
    Array.isArray(bodies) ? bodies.filter(isRecord).map((b): [string, HclBody] => [label, b]) : [],
  );
}

/** The bodies of an unlabelled block type: `terraform {}` → [body]. */
export function blocks(body: HclBody, type: string): HclBody[] {
  const value = body[type];
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function stringAttribute(body: HclBody, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

/** `${string}` → `string`: the source text of an expression hcl2json wrapped in an interpolation. */
export function expressionText(value: string): string {
  return value.startsWith('${') && value.endsWith('}') ? value.slice(2, -1) : value;
}

/** Parses one HCL file (a `.tf` or `.tftest.hcl` file). Rejects with the parser's message. */
export async function parseHclFile(path: string): Promise<HclBody> {
  // The parser prefixes its messages with this name; findings carry the path already.
  const parsed: unknown = await parse(basename(path), readFileSync(path, 'utf8'));
  return isRecord(parsed) ? parsed : {};
}

/** The parser's message without its `parse config: [file:line,col-…: …]` wrapping. */
export function hclErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const match = /^(?:Error: )?parse config: \[(.*)\]$/s.exec(text);
  return match?.[1] ?? text;
}

/** Reads every `.tf` file of a folder (not its subfolders). */
export async function loadTerraformConfig(dir: string): Promise<TerraformConfig> {
  const files = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith('.tf'))
        .map((entry) => entry.name)
        .sort(compare)
    : [];
  const bodies = new Map<string, HclBody>();
  const parseErrors: ParseError[] = [];
  for (const file of files) {
    try {
      bodies.set(file, await parseHclFile(join(dir, file)));
    } catch (error) {
      parseErrors.push({ file, message: hclErrorMessage(error) });
    }
  }

  const variables: TerraformVariable[] = [];
  const outputs: TerraformOutput[] = [];
  const moduleCalls: TerraformModuleCall[] = [];
  const settings: TerraformSettings[] = [];
  const requiredProviders: TerraformRequiredProvider[] = [];
  const resources: TerraformResource[] = [];
  for (const [file, body] of bodies) {
    for (const [name, block] of labelledBlocks(body, 'variable')) {
      const type = stringAttribute(block, 'type');
      variables.push({
        name,
        file,
        ...(type === undefined ? {} : { type: expressionText(type) }),
        ...(stringAttribute(block, 'description') === undefined ? {} : { description: stringAttribute(block, 'description') }),
        hasDefault: 'default' in block,
        default: block.default,
        sensitive: block.sensitive === true,
        validations: blocks(block, 'validation').length,
      });
    }
    for (const [name, block] of labelledBlocks(body, 'output')) {
      const description = stringAttribute(block, 'description');
      outputs.push({ name, file, ...(description === undefined ? {} : { description }), sensitive: block.sensitive === true });
    }
    for (const [name, block] of labelledBlocks(body, 'module')) {
      const source = stringAttribute(block, 'source');
      const version = stringAttribute(block, 'version');
      moduleCalls.push({
        name,
        file,
        ...(source === undefined ? {} : { source }),
        ...(version === undefined ? {} : { version }),
        arguments: block,
      });
    }
    for (const terraform of blocks(body, 'terraform')) {
      const requiredVersion = stringAttribute(terraform, 'required_version');
      settings.push({ file, ...(requiredVersion === undefined ? {} : { requiredVersion }) });
      for (const providers of blocks(terraform, 'required_providers')) {
        for (const [name, requirement] of Object.entries(providers)) {
          // `aws = "~> 6.0"` is the legacy shorthand: a version without a source.
          if (typeof requirement === 'string') requiredProviders.push({ name, file, version: requirement });
          else if (isRecord(requirement)) {
            const source = stringAttribute(requirement, 'source');
            const version = stringAttribute(requirement, 'version');
            requiredProviders.push({
              name,
              file,
              ...(source === undefined ? {} : { source }),
              ...(version === undefined ? {} : { version }),
            });
          } else requiredProviders.push({ name, file });
        }
      }
    }
    for (const kind of ['resource', 'data'] as const) {
      const byType = body[kind];
      if (!isRecord(byType)) continue;
      for (const [type, named] of Object.entries(byType)) {
        if (!isRecord(named)) continue;
        for (const name of Object.keys(named)) {
          resources.push({ address: kind === 'data' ? `data.${type}.${name}` : `${type}.${name}`, file });
        }
      }
    }
  }
  const byName = <T extends { readonly name: string }>(a: T, b: T): number => compare(a.name, b.name);
  return {
    dir,
    files,
    bodies,
    variables: variables.sort(byName),
    outputs: outputs.sort(byName),
    moduleCalls: moduleCalls.sort(byName),
    settings,
    requiredProviders: requiredProviders.sort(byName),
    resources: resources.sort((a, b) => compare(a.address, b.address)),
    parseErrors,
  };
}
