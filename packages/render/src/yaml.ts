/**
 * The tree's YAML emitter: block style, keys sorted, no anchors, one document per
 * object. Rendered objects hold only maps, lists, strings, numbers, booleans and
 * null, so a small emitter covers them; it is six times faster than a general
 * library on a 1,000-service tree (docs/adr/0005) and its output round-trips
 * through js-yaml (yaml.test.ts).
 */
export function toYaml(documents: readonly unknown[]): string {
  return documents.map((document) => emitDocument(document)).join('---\n');
}

function emitDocument(value: unknown): string {
  if (isMap(value)) return Object.keys(value).length === 0 ? '{}\n' : emitMap(value, '');
  if (Array.isArray(value)) return value.length === 0 ? '[]\n' : emitList(value, '');
  return `${scalar(value, '')}\n`;
}

/** Lines of a non-empty map, each starting with `indent`. */
function emitMap(map: Readonly<Record<string, unknown>>, indent: string): string {
  let out = '';
  for (const key of Object.keys(map).sort(byCodePoint)) {
    const value = map[key];
    if (value === undefined) continue;
    out += `${indent}${string(key, indent, true)}:${afterKey(value, indent)}`;
  }
  return out;
}

/** What follows `key:` — a scalar on the same line, or a nested block on the next lines. */
function afterKey(value: unknown, indent: string): string {
  if (isMap(value) && Object.keys(value).length > 0) return `\n${emitMap(value, `${indent}  `)}`;
  if (Array.isArray(value) && value.length > 0) return `\n${emitList(value, `${indent}  `)}`;
  return ` ${scalar(value, indent)}\n`;
}

/** Lines of a non-empty list; a map item starts on the dash's line. */
function emitList(list: readonly unknown[], indent: string): string {
  let out = '';
  for (const item of list) {
    if (isMap(item) && Object.keys(item).length > 0) {
      out += `${indent}- ${emitMap(item, `${indent}  `).slice(indent.length + 2)}`;
    } else if (Array.isArray(item) && item.length > 0) {
      out += `${indent}- ${emitList(item, `${indent}  `).slice(indent.length + 2)}`;
    } else {
      out += `${indent}- ${scalar(item, indent)}\n`;
    }
  }
  return out;
}

function scalar(value: unknown, indent: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as YAML`);
    return String(value);
  }
  if (typeof value === 'string') return string(value, indent, false);
  if (isMap(value)) return '{}';
  if (Array.isArray(value)) return '[]';
  throw new Error(`cannot write a ${typeof value} as YAML`);
}

/*
 * A string is written plain only when every YAML 1.1 and 1.2 parser reads it back
 * as that same string: printable (as js-yaml counts it: ASCII, and Unicode but for the
 * line separators and the BOM), no indicator at the start, no `: ` or ` #`,
 * and nothing a parser would take for a boolean, null, number or date.
 */
const printable = '\\x20-\\x7e\\u00a1-\\u2027\\u202a-\\ud7ff\\ue000-\\ufefe\\uff00-\\ufffd\\u{10000}-\\u{10ffff}';
const plainSafe = new RegExp(`^[A-Za-z0-9_./$][${printable}]*$`, 'u');
const resolvesToOtherType =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?(?:0b[01_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*|=)$/;

function string(value: string, indent: string, isKey: boolean): string {
  if (
    plainSafe.test(value) &&
    !value.endsWith(' ') &&
    !value.endsWith(':') &&
    !value.includes(': ') &&
    !value.includes(' #') &&
    !resolvesToOtherType.test(value)
  ) {
    return value;
  }
  if (!isKey && literalSafe(value)) return literalBlock(value, indent);
  return doubleQuoted(value);
}

const literalChars = new RegExp(`^[${printable}\\n]*$`, 'u');

/** Multi-line text reads best as a literal block, when it needs no escapes and no indentation indicator. */
function literalSafe(value: string): boolean {
  return value.includes('\n') && !/^[ \n]/.test(value) && literalChars.test(value);
}

function literalBlock(value: string, indent: string): string {
  const trailing = value.match(/\n*$/)?.[0].length ?? 0;
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const body = trailing === 0 ? value : value.slice(0, value.length - 1);
  const lines = body.split('\n').map((line) => (line === '' ? '' : `${indent}  ${line}`));
  return `|${chomp}\n${lines.join('\n')}`;
}

/** JSON's escapes are YAML's; line and paragraph separators are escaped too. */
function doubleQuoted(value: string): string {
  return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function isMap(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
