import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { checkNames } from '@strata/verify';
import { UsageError } from './exit-codes.ts';

/** The `slo` subcommands, as both usages list them. */
const sloCommands = `  slo export   Write every SLO of the platform as OpenSLO v1 YAML
             --platform FILE   definition (.ts or .js) [default: platform/index.ts]
             --out FILE        write to FILE instead of stdout
  slo import   Convert OpenSLO v1 YAML into services[].slos, checked like the definition
             FILE | -          the file to read, or - for stdin (required)
             --json            print the SLOs as JSON instead of TypeScript snippets
  slo status   Show each SLO's SLI, error budget left, burn rates and firing alerts
             --prometheus URL  Prometheus to ask, e.g. http://localhost:9090 (required)
             --platform FILE   definition (.ts or .js) [default: platform/index.ts]
             --json            print an array of objects instead of a table`;

const exitCodesLine = 'Exit codes: 0 ok, 1 errors in the definition or tree, 2 bad usage, 3 drift, 70 internal error.';

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
             --root DIR        repository holding docs/runbooks/, which every
                               alert's runbook_url must name [default: the
                               folder that holds --dir]
             --skip CHECKS     comma-separated checks not to run (e.g. kustomize)
${sloCommands}

Options:
  --json     print machine-readable results on stdout
  --help     show this help

${exitCodesLine}`;

/** `strata slo --help`, and what a usage error of `strata slo` prints. */
export const sloUsage = `Usage: strata slo <export|import|status> [options]

Service level objectives of the platform (docs/guides/slos.md).

${sloCommands}

Options:
  --help     show this help

slo status exits 1 when Prometheus cannot be reached or answers with an error.
${exitCodesLine}`;

export type Command =
  | {
      readonly name: 'synth';
      readonly platform: string;
      readonly out: string;
      readonly root: string;
      readonly check: boolean;
      readonly json: boolean;
    }
  | { readonly name: 'verify'; readonly dir: string; readonly root: string; readonly skip: readonly string[]; readonly json: boolean }
  | SloCommand
  | { readonly name: 'help'; readonly topic?: 'slo' };

export type SloCommand =
  | { readonly name: 'slo'; readonly subcommand: 'export'; readonly platform: string; readonly out: string | undefined }
  | { readonly name: 'slo'; readonly subcommand: 'import'; readonly file: string; readonly json: boolean }
  | { readonly name: 'slo'; readonly subcommand: 'status'; readonly platform: string; readonly prometheus: string; readonly json: boolean };

export function parseCommand(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') return { name: 'help' };
  if (name === 'slo') return parseSloCommand(rest);
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
    verify: ['dir', 'root', 'skip', 'json', 'help'],
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
  const dir = typeof values.dir === 'string' ? values.dir : 'deploy';
  return { name: 'verify', dir, root: typeof values.root === 'string' ? values.root : dirname(dir), skip, json };
}

const sloSubcommands = ['export', 'import', 'status'] as const;

function isSloSubcommand(value: string): value is (typeof sloSubcommands)[number] {
  return (sloSubcommands as readonly string[]).includes(value);
}

function parseSloCommand(argv: readonly string[]): Command {
  const [subcommand, ...rest] = argv;
  if (subcommand === '--help' || subcommand === '-h' || subcommand === 'help') return { name: 'help', topic: 'slo' };
  if (subcommand === undefined) throw new UsageError(`"strata slo" needs a subcommand: ${sloSubcommands.join(', ')}`);
  if (!isSloSubcommand(subcommand)) throw new UsageError(`unknown subcommand "slo ${subcommand}" (subcommands: ${sloSubcommands.join(', ')})`);
  const options = {
    platform: { type: 'string' },
    out: { type: 'string' },
    prometheus: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  const allowed: Record<string, readonly string[]> = {
    export: ['platform', 'out', 'help'],
    import: ['json', 'help'],
    status: ['prometheus', 'platform', 'json', 'help'],
  };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...rest], options, strict: true, allowPositionals: true });
  } catch (error) {
    // Node suggests `--` for positionals that start with a dash: none of ours do.
    const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/, ''));
  }
  const { values, positionals } = parsed;
  for (const key of Object.keys(values)) {
    if (!(allowed[subcommand] ?? []).includes(key)) throw new UsageError(`option --${key} does not apply to "strata slo ${subcommand}"`);
  }
  if (values.help === true) return { name: 'help', topic: 'slo' };
  const platform = typeof values.platform === 'string' ? values.platform : 'platform/index.ts';
  const json = values.json === true;
  const extra = subcommand === 'import' ? positionals.slice(1) : positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}" to "strata slo ${subcommand}"`);
  if (subcommand === 'export') return { name: 'slo', subcommand, platform, out: typeof values.out === 'string' ? values.out : undefined };
  if (subcommand === 'import') {
    const file = positionals[0];
    if (file === undefined) throw new UsageError('"strata slo import" needs the file to read (FILE, or - for stdin)');
    return { name: 'slo', subcommand, file, json };
  }
  if (typeof values.prometheus !== 'string') throw new UsageError('"strata slo status" needs --prometheus URL (e.g. http://localhost:9090)');
  return { name: 'slo', subcommand, platform, prometheus: prometheusBaseUrl(values.prometheus), json };
}

/** `http://host:9090/` → `http://host:9090`; a path prefix (behind a proxy) is kept. */
function prometheusBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--prometheus ${JSON.stringify(value)} is not a URL (e.g. http://localhost:9090)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--prometheus ${JSON.stringify(value)} is not an http or https URL (e.g. http://localhost:9090)`);
  if (url.username !== '' || url.password !== '') throw new UsageError('--prometheus: credentials in the URL are not supported; reach Prometheus through a port-forward or a proxy');
  if (url.search !== '' || url.hash !== '') throw new UsageError(`--prometheus ${JSON.stringify(value)}: give the base URL of Prometheus, without a query or fragment`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
