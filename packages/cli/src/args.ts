import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { checkNames } from '@strata/verify';
import { UsageError } from './exit-codes.ts';

export const usage = `Usage: strata <command> [options]

Commands:
  synth    Render the platform definition into the GitOps tree and the project files
             --platform FILE   definition (.ts or .js) [default: platform/index.ts]
             --out DIR         output folder of the GitOps tree [default: deploy]
             --root DIR        where the project files go, beside the tree:
                               infra/terraform/envs/<env>/strata.auto.tfvars.json
                               and docs/architecture.md [default: the folder
                               that holds --out, so . for deploy]
             --check           render in memory; exit 3 if DIR or a project file differs
  verify   Run every check on a rendered tree
             --dir DIR         tree to verify [default: deploy]
             --skip CHECKS     comma-separated checks not to run (e.g. kustomize)

Options:
  --json     print machine-readable results on stdout
  --help     show this help

Exit codes: 0 ok, 1 errors in the definition or tree, 2 bad usage, 3 drift, 70 internal error.`;

export type Command =
  | {
      readonly name: 'synth';
      readonly platform: string;
      readonly out: string;
      readonly root: string;
      readonly check: boolean;
      readonly json: boolean;
    }
  | { readonly name: 'verify'; readonly dir: string; readonly skip: readonly string[]; readonly json: boolean }
  | { readonly name: 'help' };

export function parseCommand(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') return { name: 'help' };
  const options = {
    platform: { type: 'string' },
    out: { type: 'string' },
    root: { type: 'string' },
    check: { type: 'boolean' },
    dir: { type: 'string' },
    skip: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  const allowed: Record<string, readonly string[]> = {
    synth: ['platform', 'out', 'root', 'check', 'json', 'help'],
    verify: ['dir', 'skip', 'json', 'help'],
  };
  const accepted = allowed[name];
  if (accepted === undefined) throw new UsageError(`unknown command "${name}"`);
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...rest], options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] ?? String(error) : String(error));
  }
  for (const key of Object.keys(values)) {
    if (!accepted.includes(key)) throw new UsageError(`option --${key} does not apply to "strata ${name}"`);
  }
  if (values.help === true) return { name: 'help' };
  const json = values.json === true;
  if (name === 'synth') {
    const out = typeof values.out === 'string' ? values.out : 'deploy';
    return {
      name,
      platform: typeof values.platform === 'string' ? values.platform : 'platform/index.ts',
      out,
      // Beside the tree: `deploy` → the repository, `build/tree` → build/, never this repository by surprise.
      root: typeof values.root === 'string' ? values.root : dirname(out),
      check: values.check === true,
      json,
    };
  }
  const skip = typeof values.skip === 'string' ? values.skip.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
  const unknown = skip.filter((s) => !(checkNames as readonly string[]).includes(s));
  if (unknown.length > 0) throw new UsageError(`--skip: unknown check ${unknown.map((u) => `"${u}"`).join(', ')} (checks: ${checkNames.join(', ')})`);
  return { name: 'verify', dir: typeof values.dir === 'string' ? values.dir : 'deploy', skip, json };
}
