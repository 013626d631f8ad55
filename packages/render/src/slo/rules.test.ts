import { normalized } from '../test-support/slos.ts';
import { describe, expect, it } from 'vitest';
import { renderAlertmanagerInhibitions, renderSloRules, sloGroupNames, sloRunbookUrl, sloSeries } from './rules.ts';
import { expandShorthands } from './types.ts';

const orders = normalized(
  expandShorthands('orders', { availability: 99.9, latency: { objective: 99, thresholdSeconds: 0.25 } }).map((s) => ({ ...s, team: 'shop' })),
);
const groups = renderSloRules(orders, { groupingLabels: ['cluster'] });
const rules = groups.flatMap((g) => g.rules);
const alerts = rules.filter((r) => r.alert !== undefined);

describe('renderSloRules', () => {
  it('GIVEN two SLOs WHEN rendered THEN each records 2 rates with its identity, and one budget rule per window covers both (3 series each, at most 4)', () => {
    for (const slo of ['availability', 'latency']) {
      const recorded = rules.filter((r) => r.record !== undefined && r.labels?.slo === slo);
      expect(recorded.map((r) => r.record)).toEqual([sloSeries.errorsPerBudget, sloSeries.events]);
      for (const rule of recorded) expect(rule.labels).toEqual({ service: 'orders', slo, slo_window: '30d', team: 'shop' });
    }
    expect(rules.filter((r) => r.record === sloSeries.budgetRemaining)).toHaveLength(1);
  });

  it('GIVEN grouping label cluster WHEN rendered THEN every recorded rate is summed by cluster', () => {
    const rates = rules.filter((r) => r.record === sloSeries.errorsPerBudget || r.record === sloSeries.events);
    for (const rule of rates) {
      expect(rule.expr).toMatch(/sum by \(cluster\) \(rate\(/);
      expect(rule.expr.match(/sum(?! by \(cluster\))/g)).toBeNull();
    }
  });

  it('GIVEN an availability SLO of 99.9% WHEN rendered THEN its errors are divided by the budget 0.001, counting no error series as zero', () => {
    const errors = rules.find((r) => r.record === sloSeries.errorsPerBudget && r.labels?.slo === 'availability');
    expect(errors?.expr).toBe(
      '(\n  sum by (cluster) (rate(http_server_request_duration_seconds_count{service="orders",http_response_status_code=~"5.."}[2m]))\n  or\n  0 * sum by (cluster) (rate(http_server_request_duration_seconds_count{service="orders"}[2m]))\n)\n/ 0.001',
    );
  });

  it('GIVEN SLOs with the default tiers WHEN rendered THEN one alert per tier serves them, a ratio of sums compared to the plain factor, never an average of ratios', () => {
    expect(alerts.map((a) => [a.alert, a.labels])).toEqual([
      ['SLOFastBurn', { slo_window: '30d', severity: 'page' }],
      ['SLOSlowBurn', { slo_window: '30d', severity: 'ticket' }],
    ]);
    expect(alerts[0]?.expr).toContain(
      'sum_over_time(slo:errors_per_budget:rate2m{slo_window="30d",slo_alerting=""}[1h])\n  /\n  sum_over_time(slo:events:rate2m{slo_window="30d",slo_alerting=""}[1h])) > 14.4',
    );
    expect(alerts[1]?.expr).toContain('[3d])) > 1\n');
    expect(rules.map((r) => r.expr).join('\n')).not.toMatch(/avg_over_time|count_over_time/);
  });

  it('GIVEN a latency SLO WHEN rendered THEN errors are requests above the le="0.25" bucket, over the budget 0.01', () => {
    const errors = rules.find((r) => r.record === sloSeries.errorsPerBudget && r.labels?.slo === 'latency');
    expect(errors?.expr).toBe(
      '(\n  sum by (cluster) (rate(http_server_request_duration_seconds_count{service="orders"}[2m]))\n  -\n  sum by (cluster) (rate(http_server_request_duration_seconds_bucket{service="orders",le="0.25"}[2m]))\n)\n/ 0.01',
    );
  });

  it('GIVEN the default alerting WHEN rendered THEN every alert has a severity and a summary, description and runbook naming the service and SLO from the series', () => {
    for (const alert of alerts) {
      expect(Object.keys(alert.annotations ?? {}).sort()).toEqual(['description', 'runbook_url', 'summary']);
      expect(alert.annotations?.runbook_url).toBe(sloRunbookUrl);
      expect(alert.annotations?.summary).toBe('{{ $labels.service }} is burning the error budget of its {{ $labels.slo }} SLO too fast (cluster={{ $labels.cluster }})');
    }
  });

  it('GIVEN a page tier turned off and a ticket severity WHEN rendered THEN that SLO is marked custom and gets its own ticket alert with that severity', () => {
    const custom = normalized([{ ...expandShorthands('payments', { availability: 99.9 })[0]!, alerting: { page: { enabled: false }, ticket: { severity: 'low' } } }]);
    const all = renderSloRules([...orders, ...custom]).flatMap((g) => g.rules);
    expect(all.filter((r) => r.alert !== undefined).map((a) => [a.alert, a.labels?.severity, a.expr.includes('service="payments"')])).toEqual([
      ['SLOFastBurn', 'page', false],
      ['SLOSlowBurn', 'ticket', false],
      ['SLOSlowBurn', 'low', true],
    ]);
    expect(all.find((r) => r.record !== undefined && r.labels?.service === 'payments')?.labels).toMatchObject({ slo_alerting: 'custom' });
  });

  it('GIVEN the same SLOs in another order WHEN rendered THEN the groups are identical: rates then alerts every minute, the budget every 5 minutes', () => {
    expect(renderSloRules([...orders].reverse(), { groupingLabels: ['cluster'] })).toEqual(groups);
    expect(groups.map((g) => [g.name, g.interval])).toEqual([
      [sloGroupNames.rates, '1m'],
      [sloGroupNames.budget, '5m'],
    ]);
    // Alerts come after every recording they read, so that they see this minute's rates.
    const rates = groups[0]?.rules ?? [];
    expect(rates.findIndex((r) => r.alert !== undefined)).toBe(rates.filter((r) => r.record !== undefined).length);
    expect(renderSloRules([])).toEqual([]);
  });
});

describe('renderSloRules: one pair of recordings for SLOs that differ only in their service', () => {
  const shop = normalized(
    [
      ...expandShorthands('orders', { availability: 99.9 }),
      ...expandShorthands('inventory', { availability: 99.9 }),
      ...expandShorthands('payments', { availability: 99.5 }),
      {
        ...expandShorthands('search', { availability: 99.9 })[0]!,
        indicator: { type: 'ratio' as const, errors: 'http_client_request_duration_seconds_count{peer_service="search",error_type!=""}', total: 'http_client_request_duration_seconds_count{peer_service="search"}' },
      },
    ].map((s) => ({ ...s, team: 'shop' })),
  );
  const recorded = renderSloRules(shop, { groupingLabels: ['cluster'] })[0]!.rules.filter((r) => r.record !== undefined);

  it('GIVEN availability shorthands of 99.9% for orders and inventory WHEN rendered THEN one pair selects both services and sums by service, its labels without service', () => {
    const family = recorded.filter((r) => r.expr.includes('service=~"inventory|orders"'));
    expect(family.map((r) => [r.record, r.labels])).toEqual([
      [sloSeries.errorsPerBudget, { slo: 'availability', slo_window: '30d', team: 'shop' }],
      [sloSeries.events, { slo: 'availability', slo_window: '30d', team: 'shop' }],
    ]);
    expect(family[1]?.expr).toBe('sum by (cluster, service) (rate(http_server_request_duration_seconds_count{service=~"inventory|orders"}[2m]))');
    expect(family[0]?.expr).toContain('sum by (cluster, service) (rate(http_server_request_duration_seconds_count{service=~"inventory|orders",http_response_status_code=~"5.."}[2m]))');
  });

  it('GIVEN another objective, and an indicator without its own service matcher (peer_service only) WHEN rendered THEN each is recorded alone, with its service label', () => {
    expect(recorded).toHaveLength(6);
    expect(recorded.filter((r) => r.labels?.service !== undefined).map((r) => r.labels?.service)).toEqual(['payments', 'payments', 'search', 'search']);
  });
});

describe('renderAlertmanagerInhibitions', () => {
  it('GIVEN SLOs with both tiers WHEN rendered THEN a page of an SLO inhibits its ticket in the same cluster', () => {
    expect(renderAlertmanagerInhibitions(orders, { groupingLabels: ['cluster'] })).toEqual([
      { source_matchers: ['alertname="SLOFastBurn"'], target_matchers: ['alertname="SLOSlowBurn"'], equal: ['service', 'slo', 'cluster'] },
    ]);
  });

  it('GIVEN only SLOs without a page tier WHEN rendered THEN there is no inhibition', () => {
    const slos = normalized([{ ...expandShorthands('orders', { availability: 99.9 })[0]!, alerting: { page: { enabled: false } } }]);
    expect(renderAlertmanagerInhibitions(slos)).toEqual([]);
  });
});
