import { expandShorthands, type SloSpec } from '@strata/render/slo';
import { describe, expect, it } from 'vitest';
import { asWritten, slosSnippet } from './snippet.ts';

describe('slosSnippet', () => {
  it('GIVEN SLOs that a shorthand expands to WHEN written THEN each is its shorthand on one line, the default window left out', () => {
    const slos = expandShorthands('orders', { availability: 99.9, latency: { objective: 99, thresholdSeconds: 0.25 } }).map((s) => ({ ...s, team: 'shop' }));

    expect(slosSnippet(slos)).toBe(
      [
        '// orders (team shop): the slos of its entry in services (platform/services.ts)',
        'slos: [',
        '  { availability: 99.9 },',
        '  { latency: { objective: 99, thresholdSeconds: 0.25 } },',
        '],',
        '',
      ].join('\n'),
    );
  });

  it('GIVEN a shorthand with another window and alerting WHEN written THEN both are kept', () => {
    const [slo] = expandShorthands('orders', { availability: 99.5, window: '7d', alerting: { page: { enabled: false } } });

    expect(slo && asWritten(slo)).toEqual({ availability: 99.5, window: '7d', alerting: { page: { enabled: false } } });
  });

  it('GIVEN an SLO named availability over other counters WHEN written THEN it is the full form, since the shorthand would change its indicator', () => {
    const slo: SloSpec = {
      service: 'payments',
      name: 'availability',
      objective: 99.5,
      window: '28d',
      indicator: { type: 'ratio', errors: 'payments_total{result="error"}', total: 'payments_total' },
    };

    expect(slosSnippet([slo])).toBe(
      [
        '// payments: the slos of its entry in services (platform/services.ts)',
        'slos: [',
        '  {',
        "    name: 'availability',",
        '    objective: 99.5,',
        "    window: '28d',",
        "    indicator: { type: 'ratio', errors: 'payments_total{result=\"error\"}', total: 'payments_total' },",
        '  },',
        '],',
        '',
      ].join('\n'),
    );
  });

  it("GIVEN a selector with a quote and a backslash WHEN written THEN the string literal escapes them", () => {
    const slo: SloSpec = { service: 'a', name: 'errors', objective: 99, window: '30d', indicator: { type: 'ratio', errors: "x{path=~'a\\\\.b'}", total: 'x' } };

    expect(slosSnippet([slo])).toContain("errors: 'x{path=~\\'a\\\\\\\\.b\\'}'");
  });
});
