/**
 * The dashboards' PromQL under the real promtool (Prometheus 2.42): every query parses
 * (`check rules`, each query a recording rule), and the SLO and RED queries give the
 * expected numbers on the rules render/slo renders (`test rules`), so a change in what
 * the recorded series mean shows up here. Skipped, with a message, without promtool.
 */
import { normalized } from '../test-support/slos.ts';
import { describe, expect, it } from 'vitest';
import { expandShorthands, renderSloRules } from '../slo/index.ts';
import { dashboardQueries, renderDashboards, renderServiceDashboard, renderSloDashboard, renderSloOverviewDashboard, toPromQL, type DashboardQuery } from './index.ts';
import { hasPromtool, promtoolTestRules, runPromtool, warnWithoutPromtool, writeRules } from '../test-support/promtool.ts';

warnWithoutPromtool('the dashboard promtool tests');

/** The query of `panel` (refId `refId`) in a list, as promtool must read it. */
function promql(queries: readonly DashboardQuery[], panel: string, refId = 'A'): string {
  const query = queries.find((q) => q.panel === panel && q.refId === refId);
  if (query === undefined) throw new Error(`no query ${refId} in panel ${JSON.stringify(panel)}`);
  return toPromQL(query.expr);
}

describe.skipIf(!hasPromtool)('dashboard queries under promtool', () => {
  it('GIVEN every Prometheus query of every dashboard (availability and latency SLOs, 30 and 28 days) WHEN promtool checks them as recording rules THEN all parse', async () => {
    const slos = normalized([
      ...expandShorthands('orders', { availability: 99.9, latency: { objective: 99, thresholdSeconds: 0.25 } }),
      ...expandShorthands('inventory', { availability: 99.5, window: '28d' }),
    ]);
    const queries = renderDashboards({ services: ['orders', 'inventory', 'payments'], slos })
      .flatMap((dashboard) => dashboardQueries(dashboard))
      .filter((q) => q.datasource === 'prometheus');
    const rules = queries.map((q, n) => ({ record: `q_${n}`, expr: toPromQL(q.expr) }));
    const dir = writeRules([{ name: 'dashboard-queries', rules }], 'strata-dashboards-');
    const result = await runPromtool(['check', 'rules', 'rules.yml'], dir);
    expect(result).toMatchObject({ code: 0, stdout: `Checking rules.yml\n  SUCCESS: ${rules.length} rules found\n\n`, stderr: '' });
    expect(rules.length).toBeGreaterThan(100);
  });

  it('GIVEN 2 hours at 1% errors (budget 0.1%) on the rendered SLO rules WHEN the dashboards query them THEN burn rate is 10, SLI 99%, budget −900%, both alerts fire, and 5xx ratios are per route', async () => {
    const slos = normalized(expandShorthands('orders', { availability: 99.9 }));
    const slo = slos[0]!;
    const sloQueries = dashboardQueries(renderSloDashboard(slo));
    const overview = dashboardQueries(renderSloOverviewDashboard(slos));
    const service = dashboardQueries(renderServiceDashboard('orders', slos));
    const count = (route: string, status: string, perMinute: number) => ({
      series: `http_server_request_duration_seconds_count{service="orders",cluster="a",http_route="${route}",http_response_status_code="${status}"}`,
      values: `0+${perMinute}x120`,
    });
    const near = (expr: string, value: number) => `abs(${expr} - ${value}) < bool 0.000001`;
    const identity = '{dashboard="strata-slo-orders-availability", service="orders", slo="availability"}';
    const test = {
      interval: '1m',
      input_series: [count('/orders', '200', 930), count('/orders', '500', 10), count('/health', '200', 60)],
      promql_expr_test: [
        { expr: near(`sum(${promql(sloQueries, 'Burn rate over 1h and 5m')})`, 10), eval_time: '120m', exp_samples: [{ labels: '{}', value: 1 }] },
        { expr: near(`sum(${promql(sloQueries, 'Burn rate over 6h and 30m', 'B')})`, 10), eval_time: '120m', exp_samples: [{ labels: '{}', value: 1 }] },
        { expr: near(promql(sloQueries, 'SLI over 30d'), 0.99), eval_time: '120m', exp_samples: [{ labels: '{}', value: 1 }] },
        { expr: near(promql(sloQueries, 'Error budget remaining'), -9), eval_time: '120m', exp_samples: [{ labels: '{}', value: 1 }] },
        { expr: promql(sloQueries, 'Burn-rate alerts firing'), eval_time: '120m', exp_samples: [{ labels: '{}', value: 2 }] },
        {
          expr: promql(sloQueries, 'Burn-rate alerts'),
          eval_time: '120m',
          exp_samples: [
            { labels: '{alertname="SLOFastBurn", alertstate="firing", severity="page"}', value: 1 },
            { labels: '{alertname="SLOSlowBurn", alertstate="firing", severity="ticket"}', value: 1 },
          ],
        },
        { expr: near(promql(overview, 'SLOs', 'A'), 0.999), eval_time: '120m', exp_samples: [{ labels: identity, value: 1 }] },
        { expr: near(promql(overview, 'SLOs', 'B'), 0.99), eval_time: '120m', exp_samples: [{ labels: identity, value: 1 }] },
        { expr: near(promql(overview, 'SLOs', 'C'), -9), eval_time: '120m', exp_samples: [{ labels: identity, value: 1 }] },
        { expr: near(promql(overview, 'SLOs', 'D'), 10), eval_time: '120m', exp_samples: [{ labels: identity, value: 1 }] },
        { expr: near(promql(overview, 'Error budget remaining'), -9), eval_time: '120m', exp_samples: [{ labels: identity, value: 1 }] },
        { expr: near(promql(service, 'Error ratio (5xx)'), 0.01), eval_time: '120m', exp_samples: [{ labels: '{}', value: 1 }] },
        {
          expr: near(promql(service, 'Error ratio (5xx) by route'), 10 / 940),
          eval_time: '120m',
          exp_samples: [
            { labels: '{http_route="/health"}', value: 0 },
            { labels: '{http_route="/orders"}', value: 1 },
          ],
        },
        { expr: near(promql(service, 'Error ratio (5xx) by route'), 0), eval_time: '120m', exp_samples: [{ labels: '{http_route="/health"}', value: 1 }, { labels: '{http_route="/orders"}', value: 0 }] },
        { expr: near(promql(service, 'Request rate by route'), 1), eval_time: '120m', exp_samples: [{ labels: '{http_route="/health"}', value: 1 }, { labels: '{http_route="/orders"}', value: 0 }] },
      ],
    };
    const result = await promtoolTestRules(renderSloRules(slos, { groupingLabels: ['cluster'] }), { evaluationInterval: '1m', tests: [test] });
    expect(result.output).toBe('Unit Testing:  test.yml\n  SUCCESS\n\n');
  });
});
