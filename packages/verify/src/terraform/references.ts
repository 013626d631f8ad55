/**
 * What `terraform validate` would catch without providers, checked on the parsed HCL of a
 * configuration: references to undeclared variables and locals, module blocks that pass
 * arguments a local module does not declare or omit ones it requires, and references to
 * outputs a local module does not have. Provider schemas stay unchecked: that needs the
 * providers themselves.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { getExpressionAst } from '@cdktf/hcl2json';
import { compare } from '@strata/model';
import type { Finding } from '../finding.ts';
import { blocks, isRecord, loadTerraformConfig, type TerraformConfig } from './parse.ts';
import type { TerraformCheckOptions } from './conventions.ts';

export const terraformReferenceChecks = [
  'terraform/parse',
  'terraform/undeclared-variable',
  'terraform/undeclared-local',
  'terraform/module-arguments',
  'terraform/module-output',
] as const;

export type TerraformReferenceCheck = (typeof terraformReferenceChecks)[number];

/** Arguments of a module block that are not the module's variables. */
const metaArguments = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** Blocks whose arguments are addresses (`from = module.old`), not expressions that refer to anything. */
const addressBlocks = new Set(['moved', 'removed']);

/** Every string of a parsed body that holds an expression (`${…}`), depth first. */
function expressions(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('${')) out.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) expressions(item, out);
  } else if (isRecord(value)) {
    for (const item of Object.values(value)) expressions(item, out);
  }
  return out;
}

/** A node of the syntax tree hcl2json gives for an expression. */
interface AstNode {
  readonly type: string;
  readonly meta?: {
    readonly traversal?: readonly { readonly type: string; readonly segment: string }[];
    readonly keyVar?: string;
    readonly valVar?: string;
  };
  readonly children?: readonly AstNode[];
}

/** A named thing an expression refers to: `var.region` → ['var', 'region'], `module.m[k].out` → ['module', 'm', 'out']. */
type Reference = readonly string[];

function names(node: AstNode): string[] {
  return (node.meta?.traversal ?? []).filter((part) => part.type === 'nameTraversal').map((part) => part.segment);
}

/** The references of an expression tree, leaving out the variables of `for` expressions. */
function references(node: AstNode, loopVariables: ReadonlySet<string>, out: Reference[]): void {
  if (node.type === 'scopeTraversal') {
    const [root] = names(node);
    if (root !== undefined && !loopVariables.has(root)) out.push(names(node));
    return;
  }
  // `module.m[each.key].out`: the output name follows an index into the module's instances.
  if (node.type === 'relativeTraversal') {
    const collection = node.children?.[0]?.type === 'index' ? node.children[0].children?.[0] : undefined;
    const [output] = names(node);
    if (collection?.type === 'scopeTraversal' && output !== undefined) {
      // Only `module.m[k]` indexes instances; `module.m.out[k].attribute` reads into an output.
      const [root, name, ...rest] = names(collection);
      if (root === 'module' && name !== undefined && rest.length === 0 && !loopVariables.has(root)) out.push(['module', name, output]);
    }
  }
  let scope = loopVariables;
  if (node.type === 'for') {
    scope = new Set([...loopVariables, ...[node.meta?.keyVar, node.meta?.valVar].filter((v): v is string => v !== undefined && v !== '')]);
  }
  for (const child of node.children ?? []) references(child, scope, out);
}

/** The references of one attribute value as hcl2json gives it (a template of `${…}` parts). */
async function referencesIn(file: string, value: string): Promise<Reference[]> {
  // A heredoc takes the template as it is: literal quotes and backslashes need no escaping.
  const ast = (await getExpressionAst(file, `<<STRATA_EXPRESSION\n${value}\nSTRATA_EXPRESSION\n`)) as AstNode | null;
  const out: Reference[] = [];
  if (ast) references(ast, new Set(), out);
  return out;
}

/** Checks the references of one configuration folder (a module, an example or an environment root). */
export async function checkTerraformReferences(dir: string, options: TerraformCheckOptions = {}): Promise<Finding[]> {
  if (!existsSync(dir)) throw new Error(`no such folder: ${dir}`);
  const base = options.relativeTo ?? dirname(resolve(dir));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (check: TerraformReferenceCheck, file: string, message: string): void => {
    const path = relative(base, join(dir, file));
    const key = `${check} ${path} ${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({ severity: 'error', check, file: path, object: '', message });
  };

  const config = await loadTerraformConfig(dir);
  for (const error of config.parseErrors) add('terraform/parse', error.file, `does not parse: ${error.message}`);
  const variables = new Set(config.variables.map((v) => v.name));
  const locals = new Set([...config.bodies.values()].flatMap((body) => blocks(body, 'locals').flatMap((l) => Object.keys(l))));
  const targets = new Map<string, TerraformConfig | undefined>();
  for (const call of config.moduleCalls) {
    const source = call.source;
    const local = source !== undefined && (source.startsWith('./') || source.startsWith('../'));
    const target = local ? resolve(dir, source) : undefined;
    targets.set(call.name, target !== undefined && existsSync(target) ? await loadTerraformConfig(target) : undefined);
  }

  for (const [file, body] of config.bodies) {
    const withExpressions = Object.fromEntries(Object.entries(body).filter(([type]) => !addressBlocks.has(type)));
    for (const expression of expressions(withExpressions)) {
      for (const [root, name, output] of await referencesIn(file, expression)) {
        if (name === undefined) continue;
        if (root === 'var' && !variables.has(name)) {
          add('terraform/undeclared-variable', file, `var.${name} is not declared: add variable "${name}" to variables.tf, or fix the reference`);
        } else if (root === 'local' && !locals.has(name)) {
          add('terraform/undeclared-local', file, `local.${name} is not declared: add ${name} to a locals block, or fix the reference`);
        } else if (root === 'module') {
          const target = targets.get(name);
          if (!targets.has(name)) {
            add('terraform/module-output', file, `module.${name} is not a module block of this configuration`);
          } else if (target !== undefined && output !== undefined && !target.outputs.some((o) => o.name === output)) {
            const known = target.outputs.map((o) => o.name).join(', ');
            add('terraform/module-output', file, `module.${name}.${output} is not an output of ${relative(base, target.dir)}: use one of ${known}`);
          }
        }
      }
    }
  }

  for (const call of config.moduleCalls) {
    const target = targets.get(call.name);
    if (target === undefined) continue;
    const where = relative(base, target.dir);
    const declared = new Map(target.variables.map((v) => [v.name, v]));
    const passed = Object.keys(call.arguments).filter((argument) => !metaArguments.has(argument));
    for (const argument of passed.sort(compare)) {
      if (!declared.has(argument)) {
        add('terraform/module-arguments', call.file, `module "${call.name}" passes ${argument}, which ${where} does not declare: remove it, or add variable "${argument}" to ${where}/variables.tf`);
      }
    }
    for (const variable of target.variables) {
      if (!variable.hasDefault && !passed.includes(variable.name)) {
        add('terraform/module-arguments', call.file, `module "${call.name}" does not pass ${variable.name}, which ${where} requires: add ${variable.name} = … to the module block`);
      }
    }
  }
  return findings;
}
