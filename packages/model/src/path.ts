/**
 * Paths into the definition as users read them: array elements that have a unique
 * `name` are shown by name (`services.orders.image`), others by index (`clusters[2]`).
 */
export type PathSegment = string | number;

export function formatPath(root: unknown, segments: readonly PathSegment[]): string {
  let out = '';
  let node: unknown = root;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      const label = Array.isArray(node) ? uniqueName(node, segment) : undefined;
      out += label === undefined ? `[${segment}]` : `.${label}`;
    } else {
      out += out === '' ? segment : `.${segment}`;
    }
    node = isIndexable(node) ? (node as Record<PathSegment, unknown>)[segment] : undefined;
  }
  return out === '' ? '<root>' : out.replace(/^\./, '');
}

function uniqueName(list: readonly unknown[], index: number): string | undefined {
  const nameAt = (i: number): unknown => (isIndexable(list[i]) ? (list[i] as { name?: unknown }).name : undefined);
  const name = nameAt(index);
  if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(name)) return undefined;
  return list.filter((_, i) => nameAt(i) === name).length === 1 ? name : undefined;
}

function isIndexable(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}
