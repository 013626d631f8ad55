import { compare } from '@strata/model';

/**
 * JSON with object keys sorted at every level, 2-space indented, newline-terminated:
 * the same value always gives the same bytes, whatever order its keys were built in.
 */
export function toSortedJson(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (isPlainObject(v) ? sortKeys(v) : v), 2)}\n`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sortKeys(object: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => compare(a, b)));
}
