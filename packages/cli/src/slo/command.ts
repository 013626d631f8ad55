/** `strata slo export | import | status`: thin commands over render/slo's OpenSLO conversion and status.ts. */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { formatDiagnostic, validatePlatform, type Slo } from '@strata/model';
import { fromOpenSloYaml, toOpenSloYaml } from '@strata/render/slo';
import type { SloCommand } from '../args.ts';
import { exitCodes, UsageError, type ExitCode } from '../exit-codes.ts';
import { loadDefinition } from '../load.ts';
import type { Output } from '../output.ts';
import { slosSnippet } from './snippet.ts';
import { formatStatusTable } from './status-table.ts';
import { alertWindows, PrometheusError, querySloStatus, type SloStatus } from './status.ts';

export async function slo(command: SloCommand, output: Output): Promise<ExitCode> {
  switch (command.subcommand) {
    case 'export':
      return sloExport(command, output);
    case 'import':
      return sloImport(command, output);
    case 'status':
      return sloStatus(command, output);
  }
}

/** The platform's SLOs, or the exit code after its diagnostics were printed. */
async function loadSlos(platform: string, json: boolean, output: Output): Promise<Slo[] | ExitCode> {
  output.progress.step(`loading ${platform}`);
  const loaded = await loadDefinition(platform);
  const result = loaded.definition === undefined ? undefined : validatePlatform(loaded.definition);
  const diagnostics = [...loaded.diagnostics, ...(result?.diagnostics ?? [])];
  output.progress.done();
  for (const d of diagnostics) output.err(formatDiagnostic(d));
  if (result === undefined || !result.ok) {
    if (json) output.json({ ok: false, diagnostics });
    else output.err(`${platform}: ${diagnostics.filter((d) => d.severity === 'error').length} error(s)`);
    return exitCodes.errors;
  }
  return result.platform.services.flatMap((service) => service.slos);
}

async function sloExport(command: Extract<SloCommand, { subcommand: 'export' }>, output: Output): Promise<ExitCode> {
  const slos = await loadSlos(command.platform, false, output);
  if (typeof slos === 'number') return slos;
  const services = new Set(slos.map((s) => s.service)).size;
  const yaml = toOpenSloYaml(slos, `every SLO of ${command.platform}, written by \`strata slo export\` (read back by \`strata slo import\`)`);
  if (command.out === undefined) {
    output.out(yaml.trimEnd());
    if (slos.length === 0) output.err(`slo export: ${command.platform} declares no SLO`);
    return exitCodes.ok;
  }
  if (existsSync(command.out) && statSync(command.out).isDirectory()) throw new UsageError(`--out ${command.out} is a folder; name a file`);
  try {
    writeFileSync(command.out, yaml);
  } catch (error) {
    throw new UsageError(`--out ${command.out} cannot be written: ${(error as { message?: string }).message ?? String(error)}`);
  }
  output.out(`slo export: ${count(slos.length, 'SLO')} of ${count(services, 'service')} → ${command.out}`);
  return exitCodes.ok;
}

async function sloImport(command: Extract<SloCommand, { subcommand: 'import' }>, output: Output): Promise<ExitCode> {
  const source = command.file === '-' ? 'stdin' : command.file;
  const text = command.file === '-' ? await readStdin() : await readInputFile(command.file);
  const result = fromOpenSloYaml(text, source);
  for (const d of result.diagnostics) output.err(formatDiagnostic(d));
  const ok = !result.diagnostics.some((d) => d.severity === 'error');
  if (command.json) {
    output.json({ ok, slos: result.slos, skipped: result.skipped, diagnostics: result.diagnostics });
  } else {
    if (result.slos.length > 0) output.out(slosSnippet(result.slos).trimEnd());
    const services = new Set(result.slos.map((s) => s.service)).size;
    const skipped = result.skipped.length === 0 ? '' : `; ${count(result.skipped.length, 'SLO document')} not imported: ${result.skipped.join(', ')}`;
    output.err(`slo import: ${count(result.slos.length, 'SLO')} of ${count(services, 'service')} from ${source}${skipped}`);
  }
  return ok ? exitCodes.ok : exitCodes.errors;
}

async function readInputFile(file: string): Promise<string> {
  if (!existsSync(file)) throw new UsageError(`file ${file} does not exist`);
  if (statSync(file).isDirectory()) throw new UsageError(`${file} is a folder; name an OpenSLO YAML file, or - for stdin`);
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file} cannot be read: ${(error as { message?: string }).message ?? String(error)}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Prometheus unreachable or failing is exit 1 (an error to fix outside strata), with one line naming the URL. */
async function sloStatus(command: Extract<SloCommand, { subcommand: 'status' }>, output: Output): Promise<ExitCode> {
  const slos = await loadSlos(command.platform, command.json, output);
  if (typeof slos === 'number') return slos;
  output.progress.step(`asking ${command.prometheus}`);
  let rows: SloStatus[];
  try {
    rows = await querySloStatus(command.prometheus, slos);
  } catch (error) {
    output.progress.done();
    if (!(error instanceof PrometheusError)) throw error;
    output.err(`strata: ${error.message}`);
    return exitCodes.errors;
  }
  output.progress.done();
  if (command.json) output.json(rows);
  else if (rows.length === 0) output.out(`${command.platform} declares no SLO`);
  else for (const line of formatStatusTable(rows, alertWindows(slos))) output.out(line);
  return exitCodes.ok;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
