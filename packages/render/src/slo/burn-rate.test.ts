import { describe, expect, it } from 'vitest';
import { burnRateWindows, checkSlos, normalizeSlos, parseWindow } from './burn-rate.ts';
import { expandShorthands, type SloSpec } from './types.ts';

const availability = (changes: Partial<SloSpec> = {}): SloSpec => ({ ...expandShorthands('orders', { availability: 99.9 })[0]!, ...changes });
const lines = (specs: SloSpec[]) => checkSlos(specs, 'services.orders.slos').map((d) => `${d.severity} ${d.code} ${d.path}: ${d.message}${d.hint === undefined ? '' : ` (hint: ${d.hint})`}`);

describe('burn-rate tiers', () => {
  it('GIVEN a 30-day window WHEN tiers are derived THEN they are the workbook factors 14.4, 6, 3 and 1', () => {
    const seconds = parseWindow('30d')!;
    expect(burnRateWindows('page', seconds)).toMatchObject([
      { long: '1h', short: '5m', factor: 14.4 },
      { long: '6h', short: '30m', factor: 6 },
    ]);
    expect(burnRateWindows('ticket', seconds)).toMatchObject([
      { long: '1d', short: '2h', factor: 3 },
      { long: '3d', short: '6h', factor: 1 },
    ]);
    expect(burnRateWindows('page', parseWindow('720h')!).map((w) => w.factor)).toEqual([14.4, 6]);
  });

  it('GIVEN 28-day and 7-day windows WHEN tiers are derived THEN factors are budget share × period ÷ long window', () => {
    expect(burnRateWindows('page', parseWindow('28d')!).map((w) => w.factor)).toEqual([13.44, 5.6]);
    expect(burnRateWindows('ticket', parseWindow('28d')!).map((w) => w.factor)).toEqual([2.8, 0.9333]);
    expect(burnRateWindows('page', parseWindow('7d')!).map((w) => w.factor)).toEqual([3.36, 1.4]);
  });

  it('GIVEN windows as written WHEN parsed THEN days and hours are accepted and anything else is not', () => {
    expect(parseWindow('28d')).toBe(28 * 86400);
    expect(parseWindow('12h')).toBe(12 * 3600);
    for (const bad of ['30', '1w', '0d', '30 d', '1.5d', '']) expect(parseWindow(bad)).toBeUndefined();
  });

  it('GIVEN shorthands WHEN normalized THEN both tiers are on with severities page and ticket and the budget is exact', () => {
    const { slos, diagnostics } = normalizeSlos(expandShorthands('orders', { availability: 99.9, latency: { objective: 99, thresholdSeconds: 0.25 } }));
    expect(diagnostics).toEqual([]);
    expect(slos.map((s) => [s.name, s.errorBudget, s.tiers.map((t) => t.severity)])).toEqual([
      ['availability', 0.001, ['page', 'ticket']],
      ['latency', 0.01, ['page', 'ticket']],
    ]);
  });

  it('GIVEN a tier turned off and a custom severity WHEN normalized THEN only the enabled tier remains, with its severity', () => {
    const { slos } = normalizeSlos([availability({ alerting: { page: { severity: 'critical' }, ticket: { enabled: false } } })]);
    expect(slos[0]?.tiers.map((t) => [t.tier, t.severity])).toEqual([['page', 'critical']]);
  });
});

describe('SLO diagnostics', () => {
  it('GIVEN objectives outside (0, 100) WHEN checked THEN each is reported with STR012', () => {
    expect(lines([availability({ objective: 100.5 }), availability({ objective: 0 }), availability({ objective: 100 })])).toEqual([
      'error STR012 services.orders.slos[0].objective: 100.5 is not a percentage below 100 (e.g. 99.9)',
      'error STR012 services.orders.slos[1].objective: 0 is not a percentage above 0 (e.g. 99.9)',
      'error STR012 services.orders.slos[2].objective: 100 is not a percentage below 100 (e.g. 99.9)',
    ]);
  });

  it('GIVEN a window that is not <n>d or <n>h WHEN checked THEN STR071 quotes it', () => {
    expect(lines([availability({ window: '1 month' })])).toEqual([
      'error STR071 services.orders.slos[0].window: "1 month" is not a window such as "30d", "28d", "7d" or "12h"',
    ]);
  });

  it('GIVEN a 90% objective WHEN checked THEN the page thresholds that can never be reached are STR072, with the objective that would work', () => {
    expect(lines([availability({ objective: 90 })])).toEqual([
      'error STR072 services.orders.slos[0].alerting.page: the 1h/5m burn-rate threshold 14.4 × error budget 0.1 = 1.44 can never be reached (an error ratio is at most 1) (hint: raise the objective above 93.0556 or set alerting.page.enabled: false)',
    ]);
    expect(lines([availability({ objective: 80 })])).toHaveLength(2);
    expect(lines([availability({ objective: 90, alerting: { page: { enabled: false } } })])).toEqual([]);
  });

  it('GIVEN a latency threshold between bucket bounds WHEN checked THEN STR073 lists the bounds and suggests the neighbours', () => {
    const latency = expandShorthands('orders', { latency: { objective: 99, thresholdSeconds: 0.3 } });
    expect(lines(latency)).toEqual([
      "error STR073 services.orders.slos[0].indicator.thresholdSeconds: 0.3 is not a bucket bound of OpenTelemetry's default histogram (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10) (hint: choose 0.25 or 0.5)",
    ]);
  });

  it('GIVEN a 1-day window WHEN checked THEN STR074 says the ticket tier needs 3 days', () => {
    expect(lines([availability({ window: '1d' })])).toEqual([
      'error STR074 services.orders.slos[0].window: 1d is shorter than the 3d window of the ticket tier (hint: use a window of at least 3d or set alerting.ticket.enabled: false)',
    ]);
  });

  it('GIVEN several problems in several SLOs WHEN normalized THEN all are reported at once and only valid SLOs remain', () => {
    const { slos, diagnostics } = normalizeSlos([availability({ objective: 101, window: 'x' }), availability({ name: 'ok' })]);
    expect(diagnostics.map((d) => d.code)).toEqual(['STR012', 'STR071']);
    expect(slos.map((s) => s.name)).toEqual(['ok']);
  });
});
