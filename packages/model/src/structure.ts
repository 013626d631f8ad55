import type { z } from 'zod';
import type { Diagnostic } from './diagnostic.ts';
import { formatPath, type PathSegment } from './path.ts';
import { closest } from './suggest.ts';

/** Turns the schema's issues into diagnostics with paths users can follow. */
export function structuralDiagnostics(schema: z.ZodType, input: unknown, error: z.ZodError): Diagnostic[] {
  return error.issues.flatMap((issue) => issueDiagnostics(schema, input, issue));
}

function issueDiagnostics(schema: z.ZodType, input: unknown, issue: z.core.$ZodIssue): Diagnostic[] {
  const segments = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
  const path = formatPath(input, segments);
  const value = valueAt(input, segments);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = objectKeysAt(schema, segments);
      return issue.keys.map((key) => {
        const suggestion = closest(key, known);
        return {
          severity: 'error',
          code: 'STR002',
          path: formatPath(input, [...segments, key]),
          message: `unknown field "${key}"`,
          hint: suggestion === undefined ? 'remove it' : `did you mean "${suggestion}"?`,
        } satisfies Diagnostic;
      });
    }
    case 'invalid_type':
      return [
        {
          severity: 'error',
          code: 'STR001',
          path,
          message: value === undefined ? `is required (${issue.expected})` : `expected ${issue.expected}, got ${describe(value)}`,
        },
      ];
    case 'invalid_value':
      return [
        {
          severity: 'error',
          code: 'STR003',
          path,
          message: `${describe(value)} is not one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`,
        },
      ];
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? `at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
      const what = issue.origin === 'array' ? `must have ${bound} item(s)` : `must be ${bound}`;
      return [{ severity: 'error', code: 'STR004', path, message: `${what}, got ${describe(value)}` }];
    }
    case 'invalid_format':
      return [
        {
          severity: 'error',
          code: 'STR001',
          path,
          message:
            issue.format === 'starts_with' && 'prefix' in issue
              ? `${describe(value)} must start with "${String(issue.prefix)}"`
              : `${describe(value)} is not a valid ${issue.format}`,
        },
      ];
    case 'invalid_union': {
      // Report the problems of the one option that comes closest, when one does.
      const counts = issue.errors.map((issues) => issues.length);
      const fewest = Math.min(...counts);
      const best = issue.errors.filter((issues) => issues.length === fewest);
      const only = best[0];
      if (best.length === 1 && only !== undefined && issue.errors.length > 1) {
        return only.flatMap((inner) => issueDiagnostics(schema, input, { ...inner, path: [...issue.path, ...inner.path] }));
      }
      return [{ severity: 'error', code: 'STR001', path, message: `${issue.message}, got ${describe(value)}` }];
    }
    default:
      return [{ severity: 'error', code: 'STR001', path, message: `${issue.message}, got ${describe(value)}` }];
  }
}

interface SchemaDef {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly options?: readonly z.ZodType[];
}

/** The field names the schema allows at a path, for "did you mean" hints. */
function objectKeysAt(schema: z.ZodType, segments: readonly PathSegment[]): string[] {
  let nodes: z.ZodType[] = [schema];
  for (const segment of [...segments, undefined]) {
    const next: z.ZodType[] = [];
    for (const node of nodes.flatMap(unwrap)) {
      const def = node._zod.def as unknown as SchemaDef;
      if (segment === undefined) {
        if (def.type === 'object' && def.shape) return Object.keys(def.shape);
      } else if (def.type === 'object' && typeof segment === 'string' && def.shape?.[segment]) next.push(def.shape[segment]);
      else if (def.type === 'array' && typeof segment === 'number' && def.element) next.push(def.element);
      else if (def.type === 'record' && def.valueType) next.push(def.valueType);
    }
    nodes = next;
  }
  return [];
}

function unwrap(schema: z.ZodType): z.ZodType[] {
  const def = schema._zod.def as unknown as SchemaDef;
  if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'default') && def.innerType) return unwrap(def.innerType);
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  if (def.type === 'union' && def.options) return def.options.flatMap(unwrap);
  return [schema];
}

function valueAt(root: unknown, segments: readonly PathSegment[]): unknown {
  let node = root;
  for (const segment of segments) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PathSegment, unknown>)[segment];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}
