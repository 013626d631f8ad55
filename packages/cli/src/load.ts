import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isPlatformDefinition, type Diagnostic } from '@strata/model';
import { UsageError } from './exit-codes.ts';

/**
 * Loads a definition file (.ts or .js). A missing file is a usage error; a file
 * that fails to load or exports no platform is a diagnostic naming the file.
 */
export async function loadDefinition(file: string): Promise<{ definition?: unknown; diagnostics: Diagnostic[] }> {
  const path = resolve(file);
  if (!existsSync(path)) throw new UsageError(`definition file ${file} does not exist`);
  if (!/\.(ts|mts|js|mjs)$/.test(path)) throw new UsageError(`definition file ${file} must be a .ts or .js module`);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    return { diagnostics: [{ severity: 'error', code: 'STR060', path: file, message: `could not be loaded: ${describeLoadError(error, path)}` }] };
  }
  const candidates = Object.entries(module).filter(([, value]) => isPlatformDefinition(value));
  const chosen = candidates.find(([name]) => name === 'platform') ?? candidates.find(([name]) => name === 'default') ?? candidates[0];
  if (chosen === undefined || candidates.length > 1 && chosen[0] !== 'platform') {
    return {
      diagnostics: [
        {
          severity: 'error',
          code: 'STR061',
          path: file,
          message: candidates.length > 1 ? `exports ${candidates.length} platforms (${candidates.map(([n]) => n).join(', ')})` : 'exports no platform',
          hint: 'export const platform = definePlatform({ … })',
        },
      ],
    };
  }
  return { definition: chosen[1], diagnostics: [] };
}

/** The first line of the error, and where in the file when Node says so; never a stack trace. */
function describeLoadError(error: unknown, path: string): string {
  if (!(error instanceof Error)) return String(error);
  const firstLine = error.message.split('\n').find((line) => line.trim() !== '') ?? error.name;
  const location = /\(?(file:\/\/\S+?|\/\S+?\.[mc]?[jt]s):(\d+)(?::(\d+))?\)?/.exec(error.stack ?? '');
  const where = location
    ? `${location[1]?.replace(/^file:\/\//, '')}:${location[2]}`
    : error instanceof SyntaxError
      ? syntaxErrorLocation(path)
      : undefined;
  return `${error.name}: ${firstLine}${where ? ` (at ${where})` : ''}`;
}

/** Node does not say where a syntax error in an ES module is; `node --check` does. */
function syntaxErrorLocation(path: string): string | undefined {
  const check = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8' });
  const header = /^(\/\S+):(\d+)$/m.exec(check.stderr ?? '');
  return header ? `${header[1]}:${header[2]}` : undefined;
}
