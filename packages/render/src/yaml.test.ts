import { dump, loadAll } from 'js-yaml';
import { validatePlatform } from '@strata/model';
import { describe, expect, it } from 'vitest';
import { platform } from '../../../platform/index.ts';
import { defaultComponents } from './index.ts';
import { renderTree } from './gitops/tree.ts';
import { toYaml } from './yaml.ts';

function roundTrip(value: unknown): unknown {
  return loadAll(toYaml([value]))[0];
}

const awkwardStrings = [
  '', ' ', 'a ', ' a', 'true', 'True', 'yes', 'no', 'on', 'OFF', 'y', 'N', 'null', '~', '=', '<<',
  '0', '-20', '+1', '1e3', '0x1F', '0o17', '017', '1_000', '1:30', '.5', '.inf', '.NaN', '2026-11-26',
  '0.1.0', '10h', 'a: b', 'a:', 'a #b', '#x', '- x', '-', '?', '*', '&a', '!tag', '|', '>', '%', '@x', '`x',
  '"quoted"', "'single'", '{a}', '[a]', 'a, b', 'tab\there', 'é', 'line\u2028sep', 'nul\u0000',
  'two\nlines', 'trailing\n', 'two trailing\n\n', '\nleading', ' indented\nblock', 'blank\n\nline', 'spaces \nat end',
  'p, proj:shop:developer, applications, get, shop/*, allow', 'https://example.com/a?b=c#d', '$values/deploy/x.yaml',
];

describe('toYaml', () => {
  it('GIVEN strings that YAML could read as something else WHEN written and read back THEN each is the same string', () => {
    for (const value of awkwardStrings) {
      expect(roundTrip({ [value || 'empty']: value, list: [value] })).toEqual({ [value || 'empty']: value, list: [value] });
    }
  });

  it('GIVEN nested maps and lists, empty ones, numbers, booleans and null WHEN written and read back THEN they are equal', () => {
    const value = { a: { b: [1, 2.5, -3], c: [], d: {} }, e: [[1, 2], [], [{ f: true, g: null }]], h: false, i: [{ j: { k: 'v' }, l: ['m'] }] };
    expect(roundTrip(value)).toEqual(value);
  });

  it('GIVEN the reference platform WHEN every file of the tree is read back THEN it gives the objects js-yaml writes identically', () => {
    const result = validatePlatform(platform);
    if (!result.ok) throw new Error('the reference platform is invalid');
    const { tree } = renderTree(result.platform, defaultComponents);
    let documents = 0;
    for (const [path, content] of tree) {
      if (!path.endsWith('.yaml')) continue;
      const objects = loadAll(content);
      documents += objects.length;
      // Values files may open with `#` comment lines (ChartUnit.valuesHeader), which js-yaml drops.
      const body = content.replace(/^(#.*\n)+/, '');
      expect(objects.map((o) => dump(o, { sortKeys: true, lineWidth: -1, noRefs: true, quotingType: '"' })).join('---\n')).toBe(body);
    }
    expect(documents).toBeGreaterThan(150);
  });

  it('GIVEN multi-line text with Unicode WHEN written THEN it is the block or quoted scalar js-yaml writes', () => {
    for (const value of ['a × b\nc ÷ d → e', 'x ÷ y', 'emoji 🚀\nx']) {
      expect(toYaml([{ k: value }])).toBe(dump({ k: value }, { sortKeys: true, lineWidth: -1, noRefs: true, quotingType: '"' }));
    }
    // js-yaml escapes these differently (`\_`, `\L`); the emitter's output reads back the same.
    for (const value of ['a × b\nc ÷ d → e', 'nbsp\u00a0\nx', '\u00a0lead', 'line\u2028sep\nx', 'bom\ufeff\nx']) {
      expect(roundTrip({ k: value })).toEqual({ k: value });
    }
  });

  it('GIVEN keys in any order WHEN written THEN they are sorted by code point', () => {
    expect(toYaml([{ b: 1, B: 2, a: { d: 1, c: 2 } }])).toBe('B: 2\na:\n  c: 2\n  d: 1\nb: 1\n');
  });

  it('GIVEN several documents WHEN written THEN they are separated by ---', () => {
    expect(toYaml([{ a: 1 }, { b: 2 }])).toBe('a: 1\n---\nb: 2\n');
  });

  it('GIVEN a value YAML cannot hold WHEN written THEN it fails loudly', () => {
    expect(() => toYaml([{ a: Number.NaN }])).toThrow('cannot write NaN as YAML');
    expect(() => toYaml([{ a: () => 1 }])).toThrow('cannot write a function as YAML');
  });
});
