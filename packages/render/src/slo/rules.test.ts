import { describe, expect, it } from 'vitest';
import { normalizeSlos, type Slo } from './burn-rate.ts';
import { renderAlertmanagerInhibitions, renderSloRules, sloRunbookUrl, sloSeries } from './rules.ts';
import { expandShorthands, type SloSpec } from './types.ts';

function normalized(specs: SloSpec[]): Slo[] {
  const { slos, diagnostics } = normalizeSlos(specs);
  if (diagnostics.length > 0) throw new Error(JSON.stringify(diagnostics));
  return slos;
}

const orders = normalized(expandShorthands('orders', { availability: 99.9, latency: { objective: 99, thresholdSeconds: 0.25 } }));
const groups = renderSloRules(orders, { groupingLabels: ['cluster'] });
const rules = groups.flatMap((g) => g.rules);

describe('renderSloRules', () => {
  it('GIVEN two SLOs WHEN rendered THEN each records 3 series (at most 4)', () => {
    for (const slo of ['availability', 'latency']) {
      const recorded = rules.filter((r) => r.record !== undefined && r.labels?.slo === slo).map((r) => r.record);
      expect(recorded).toEqual([sloSeries.errors, sloSeries.events, sloSeries.budgetRemaining]);
    }
  });

  it('GIVEN grouping label cluster WHEN rendered THEN every recorded rate is summed by cluster', () => {
    const rates = rules.filter((r) => r.record === sloSeries.errors || r.record === sloSeries.events);
    for (const rule of rates) {
      expect(rule.expr).toMatch(/^sum by \(cluster\) \(rate\(/);
      expect(rule.expr.match(/sum(?! by \(cluster\))/g)).toBeNull();
    }
  });

  it('GIVEN an availability SLO WHEN rendered THEN the windows are ratios of sums of the recorded rates, never averages of ratios', () => {
    const page = rules.find((r) => r.alert === 'SLOFastBurn' && r.labels?.slo === 'availability');
    expect(page?.expr).toContain(
      'sum_over_time(slo:errors:rate2m{service="orders",slo="availability"}[1h])\n  /\n  sum_over_time(slo:events:rate2m{service="orders",slo="availability"}[1h])) > (14.4 * 0.001)',
    );
    expect(rules.map((r) => r.expr).join('\n')).not.toMatch(/avg_over_time|count_over_time/);
  });

  it('GIVEN a latency SLO WHEN rendered THEN errors are requests above the le="0.25" bucket', () => {
    const errors = rules.find((r) => r.record === sloSeries.errors && r.labels?.slo === 'latency');
    expect(errors?.expr).toBe(
      'sum by (cluster) (rate(http_server_request_duration_seconds_count{service="orders"}[2m]))\n-\nsum by (cluster) (rate(http_server_request_duration_seconds_bucket{service="orders",le="0.25"}[2m]))',
    );
  });

  it('GIVEN the default alerting WHEN rendered THEN every alert has service, slo, severity and a summary, description and runbook', () => {
    const alerts = rules.filter((r) => r.alert !== undefined);
    expect(alerts.map((a) => [a.alert, a.labels?.slo, a.labels?.severity])).toEqual([
      ['SLOFastBurn', 'availability', 'page'],
      ['SLOSlowBurn', 'availability', 'ticket'],
      ['SLOFastBurn', 'latency', 'page'],
      ['SLOSlowBurn', 'latency', 'ticket'],
    ]);
    for (const alert of alerts) {
      expect(alert.labels).toMatchObject({ service: 'orders' });
      expect(Object.keys(alert.annotations ?? {}).sort()).toEqual(['description', 'runbook_url', 'summary']);
      expect(alert.annotations?.runbook_url).toBe(sloRunbookUrl);
      expect(alert.annotations?.summary).toContain('cluster={{ $labels.cluster }}');
    }
  });

  it('GIVEN a page tier turned off and a ticket severity WHEN rendered THEN only the ticket alert remains, with that severity', () => {
    const [slo] = normalized([{ ...expandShorthands('orders', { availability: 99.9 })[0]!, alerting: { page: { enabled: false }, ticket: { severity: 'low' } } }]);
    const alerts = renderSloRules([slo!]).flatMap((g) => g.rules).filter((r) => r.alert !== undefined);
    expect(alerts.map((a) => [a.alert, a.labels?.severity])).toEqual([['SLOSlowBurn', 'low']]);
  });

  it('GIVEN the same SLOs in another order WHEN rendered THEN the groups are identical and sorted', () => {
    expect(renderSloRules([...orders].reverse(), { groupingLabels: ['cluster'] })).toEqual(groups);
    expect(groups.map((g) => [g.name, g.interval])).toEqual([
      ['slo-orders-availability', '1m'],
      ['slo-orders-availability-window', '5m'],
      ['slo-orders-latency', '1m'],
      ['slo-orders-latency-window', '5m'],
    ]);
  });
});

describe('renderAlertmanagerInhibitions', () => {
  it('GIVEN SLOs with both tiers WHEN rendered THEN a page of an SLO inhibits its ticket in the same cluster', () => {
    expect(renderAlertmanagerInhibitions(orders, { groupingLabels: ['cluster'] })[0]).toEqual({
      source_matchers: ['alertname="SLOFastBurn"', 'service="orders"', 'slo="availability"'],
      target_matchers: ['alertname="SLOSlowBurn"', 'service="orders"', 'slo="availability"'],
      equal: ['service', 'slo', 'cluster'],
    });
  });

  it('GIVEN an SLO without a page tier WHEN rendered THEN it has no inhibition', () => {
    const slos = normalized([{ ...expandShorthands('orders', { availability: 99.9 })[0]!, alerting: { page: { enabled: false } } }]);
    expect(renderAlertmanagerInhibitions(slos)).toEqual([]);
  });
});
