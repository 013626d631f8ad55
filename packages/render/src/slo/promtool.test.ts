/**
 * The rendered rules, run by the real promtool (Prometheus 2.42): `check rules`, and
 * `test rules` scenarios for a 99.9% / 30-day availability SLO. Skipped, with a
 * message, when /usr/bin/promtool is absent.
 *
 * promtool evaluates every group at the test's evaluation_interval (group intervals
 * are ignored) and refuses a query that loads more than 10,000 samples; both shape the
 * scenarios below and are said where they matter.
 */
import { normalized } from '../test-support/slos.ts';
import { describe, expect, it } from 'vitest';
import { hasPromtool, promtoolTestRules, runPromtool, warnWithoutPromtool, writeRules } from '../test-support/promtool.ts';
import { renderSloRules, sloSeries, type PrometheusRuleGroup } from './rules.ts';
import { expandShorthands } from './types.ts';

warnWithoutPromtool('the SLO promtool tests');

const requests = 'http_server_request_duration_seconds_count';

const availability = normalized(expandShorthands('orders', { availability: 99.9 }));
const allGroups = renderSloRules(availability, { groupingLabels: ['cluster'] });
/** The 1m groups only (rates and alerts): multi-day scenarios leave out the 5m window group to stay fast. */
const rateAndAlertGroups = allGroups.filter((g) => g.interval === '1m');

/**
 * `promtool test rules` on one scenario. promtool evaluates groups in no fixed order unless
 * told, and Prometheus runs them unsynchronized; the fixed order (rates, then the budget)
 * makes the scenarios deterministic.
 */
function promtoolTest(groups: readonly PrometheusRuleGroup[], evaluationInterval: string, test: Record<string, unknown>) {
  return promtoolTestRules(groups, { evaluationInterval, tests: [test] });
}

/** A request counter of the orders service in one cluster. */
function series(cluster: string, status: string, values: string) {
  return { series: `${requests}{service="orders",cluster="${cluster}",http_response_status_code="${status}"}`, values };
}

const sloLabels = 'service="orders", slo="availability", slo_window="30d"';
const firing = (alertname: string, cluster: string, severity: string) => ({
  labels: `ALERTS{alertname="${alertname}", alertstate="firing", cluster="${cluster}", service="orders", severity="${severity}", slo="availability", slo_window="30d"}`,
  value: 1,
});

describe.skipIf(!hasPromtool)('SLO rules under promtool', () => {
  it('GIVEN the rendered groups of an availability, a latency and a 28-day SLO WHEN promtool checks them THEN they pass without lint output', async () => {
    const slos = normalized([
      ...expandShorthands('orders', { availability: 99.9, latency: { objective: 99, thresholdSeconds: 0.25 } }),
      ...expandShorthands('inventory', { availability: 99.5, window: '28d' }),
    ]);
    const dir = writeRules(renderSloRules(slos, { groupingLabels: ['cluster'] }));
    const result = await runPromtool(['check', 'rules', 'rules.yml'], dir);
    expect(result).toMatchObject({ code: 0, stdout: 'Checking rules.yml\n  SUCCESS: 12 rules found\n\n', stderr: '' });
  });

  it('GIVEN 6 healthy hours, then 100% errors from minute 360 (cluster outage) or a 2-minute blip of 20% errors (cluster blip) WHEN evaluated every minute THEN the outage pages 2 minutes after its onset and the blip never does', async () => {
    const result = await promtoolTest(allGroups, '1m', {
      interval: '1m',
      input_series: [
        // Errors flow from minute 360 on: the counter of 500s grows between samples 360 and 361.
        series('outage', '200', '0+600x360 216000+0x30'),
        series('outage', '500', '0+0x360 600+600x30'),
        series('blip', '200', '0+600x360 216480+480x1 217560+600x27'),
        series('blip', '500', '0+0x360 120+120x1 240+0x27'),
      ],
      alert_rule_test: [{ alertname: 'SLOFastBurn', eval_time: '361m', exp_alerts: [] }],
      promql_expr_test: [
        { expr: 'ALERTS{alertname="SLOFastBurn"}', eval_time: '362m', exp_samples: [firing('SLOFastBurn', 'outage', 'page')] },
        { expr: 'count_over_time(ALERTS{alertname="SLOFastBurn",cluster="blip"}[1h])', eval_time: '390m', exp_samples: [] },
        {
          // At most 4 recorded series per SLO and cluster (3), counted in the TSDB.
          expr: 'count by (cluster, service, slo) ({__name__=~"slo:.+"})',
          eval_time: '362m',
          exp_samples: [
            { labels: `{cluster="blip", service="orders", slo="availability"}`, value: 3 },
            { labels: `{cluster="outage", service="orders", slo="availability"}`, value: 3 },
          ],
        },
      ],
    });
    expect(result.output).toContain('SUCCESS');
  });

  it('GIVEN orders and inventory recorded by one pair of rules WHEN orders fails entirely and inventory has never failed (no 5xx series) THEN orders pages, inventory does not, and each has its own 3 series and budget', async () => {
    const family = normalized([...expandShorthands('orders', { availability: 99.9 }), ...expandShorthands('inventory', { availability: 99.9 })]);
    const groups = renderSloRules(family, { groupingLabels: ['cluster'] });
    expect(groups[0]?.rules.filter((r) => r.record !== undefined)).toHaveLength(2);
    const inventory = (status: string, values: string) => ({ series: `${requests}{service="inventory",cluster="a",http_response_status_code="${status}"}`, values });
    const result = await promtoolTest(groups, '1m', {
      interval: '1m',
      input_series: [series('a', '200', '0+600x60 36000+0x10'), series('a', '500', '0+0x60 600+600x10'), inventory('200', '0+300x70')],
      promql_expr_test: [
        {
          expr: 'ALERTS{alertname="SLOFastBurn"}',
          eval_time: '62m',
          exp_samples: [{ labels: 'ALERTS{alertname="SLOFastBurn", alertstate="firing", cluster="a", service="orders", severity="page", slo="availability", slo_window="30d"}', value: 1 }],
        },
        {
          expr: 'count by (service) ({__name__=~"slo:.+"})',
          eval_time: '62m',
          exp_samples: [
            { labels: '{service="inventory"}', value: 3 },
            { labels: '{service="orders"}', value: 3 },
          ],
        },
        { expr: `${sloSeries.budgetRemaining}{service="inventory"}`, eval_time: '62m', exp_samples: [{ labels: `${sloSeries.budgetRemaining}{cluster="a", service="inventory", slo="availability", slo_window="30d"}`, value: 1 }] },
      ],
    });
    expect(result.output).toContain('SUCCESS');
  });

  it.concurrent(
    'GIVEN a slow burn at 2× the budget for 2 days after a healthy day (cluster slow) and errors at 90% of the budget for 3 days (cluster steady) WHEN evaluated every minute THEN only the slow burn raises a ticket and nothing pages',
    async () => {
      const result = await promtoolTest(rateAndAlertGroups, '1m', {
        interval: '1m',
        input_series: [
          series('slow', '200', '0+1000x1440 1440998+998x2879'),
          series('slow', '500', '0+0x1440 2+2x2879'),
          series('steady', '200', '0+9991x4320'),
          series('steady', '500', '0+9x4320'),
        ],
        promql_expr_test: [
          // Half a day into the burn, 3 days hold 0.2% × 12h / 36h = 0.067% errors: below the budget.
          { expr: 'ALERTS{alertstate="firing"}', eval_time: '36h', exp_samples: [] },
          { expr: 'ALERTS{alertstate="firing"}', eval_time: '3d', exp_samples: [firing('SLOSlowBurn', 'slow', 'ticket')] },
          { expr: 'count_over_time(ALERTS{cluster="steady"}[3d])', eval_time: '3d', exp_samples: [] },
          { expr: 'count_over_time(ALERTS{alertname="SLOFastBurn"}[3d])', eval_time: '3d', exp_samples: [] },
        ],
      });
      expect(result.output).toContain('SUCCESS');
    },
    60_000,
  );

  it.concurrent(
    'GIVEN bursty, uneven traffic over a day WHEN a 1-day SLO is evaluated every minute THEN the error ratio behind its recorded budget is errors ÷ requests over the day within 0.1%',
    async () => {
      // A 1-day window keeps the recorded series under promtool's 10,000-sample limit at 1m resolution.
      const slos = normalized([{ ...expandShorthands('orders', { availability: 99 })[0]!, window: '1d', alerting: { ticket: { enabled: false } } }]);
      const { ok, errors } = burstyTraffic(1440);
      const result = await promtoolTest(renderSloRules(slos, { groupingLabels: ['cluster'] }), '1m', {
        interval: '1m',
        input_series: [series('a', '200', ok.join(' ')), series('a', '500', errors.join(' '))],
        promql_expr_test: [
          {
            expr: `abs(1 - (1 - ${sloSeries.budgetRemaining}{service="orders"}) * 0.01 / scalar(sum(increase(${requests}{http_response_status_code="500"}[1d])) / sum(increase(${requests}[1d])))) < bool 0.001`,
            eval_time: '1d',
            exp_samples: [{ labels: `{cluster="a", service="orders", slo="availability", slo_alerting="custom", slo_window="1d"}`, value: 1 }],
          },
        ],
      });
      expect(result.output).toContain('SUCCESS');
    },
    60_000,
  );

  it.concurrent(
    'GIVEN uneven traffic over 30 days (busy hours with few errors, quiet hours with many) WHEN the 30-day budget rule is evaluated THEN its error ratio is errors ÷ requests within 0.1%, not the average of ratios',
    async () => {
      // 30 days of 1m records exceed promtool's 10,000-sample limit, so this scenario evaluates
      // every 5 minutes (8,640 records) and queries the budget rule's rendered expression at 30d.
      const budgetRule = allGroups.flatMap((g) => g.rules).find((r) => r.record === sloSeries.budgetRemaining);
      const recordsOnly = rateAndAlertGroups.map((g) => ({ ...g, rules: g.rules.filter((r) => r.record !== undefined) }));
      const ok: string[] = ['0'];
      const errors: string[] = ['0'];
      let okTotal = 0;
      let errorTotal = 0;
      for (let block = 0; block < 120; block++) {
        const [perMinute, errorsPerMinute] = block % 2 === 0 ? [6000, 3] : [600, 6];
        ok.push(`${okTotal + perMinute - errorsPerMinute}+${perMinute - errorsPerMinute}x359`);
        errors.push(`${errorTotal + errorsPerMinute}+${errorsPerMinute}x359`);
        okTotal += (perMinute - errorsPerMinute) * 360;
        errorTotal += errorsPerMinute * 360;
      }
      const exact = errorTotal / (okTotal + errorTotal);
      const averageOfRatios = (3 / 6000 + 6 / 600) / 2;
      expect(Math.abs(averageOfRatios / exact - 1)).toBeGreaterThan(2);
      const result = await promtoolTest(recordsOnly, '5m', {
        interval: '1m',
        input_series: [series('a', '200', ok.join(' ')), series('a', '500', errors.join(' '))],
        promql_expr_test: [
          { expr: `abs(1 - (1 - (${budgetRule?.expr})) * 0.001 / ${exact}) < bool 0.001`, eval_time: '30d', exp_samples: [{ labels: `{cluster="a", ${sloLabels}}`, value: 1 }] },
        ],
      });
      expect(result.output).toContain('SUCCESS');
    },
    60_000,
  );

  it('GIVEN a latency SLO on the le="0.25" bucket WHEN 20% of requests become slower than 0.25s for an hour THEN the page fires', async () => {
    const latency = normalized(expandShorthands('orders', { latency: { objective: 99, thresholdSeconds: 0.25 } }));
    const histogram = 'http_server_request_duration_seconds';
    const bucket = (le: string, values: string) => ({ series: `${histogram}_bucket{service="orders",cluster="a",le="${le}"}`, values });
    const result = await promtoolTest(renderSloRules(latency, { groupingLabels: ['cluster'] }), '1m', {
      interval: '1m',
      input_series: [
        bucket('0.1', '0+900x60 54700+700x60'),
        bucket('0.25', '0+1000x60 60800+800x60'),
        bucket('+Inf', '0+1000x120'),
        { series: `${histogram}_count{service="orders",cluster="a"}`, values: '0+1000x120' },
      ],
      promql_expr_test: [
        { expr: 'ALERTS{alertstate="firing"}', eval_time: '60m', exp_samples: [] },
        {
          expr: 'ALERTS{alertname="SLOFastBurn"}',
          eval_time: '120m',
          exp_samples: [{ labels: 'ALERTS{alertname="SLOFastBurn", alertstate="firing", cluster="a", service="orders", severity="page", slo="latency", slo_window="30d"}', value: 1 }],
        },
      ],
    });
    expect(result.output).toContain('SUCCESS');
  });
});

/** Per-minute cumulative counters: traffic between 200 and 2,000 a minute, errors in short bursts of up to 30%. */
function burstyTraffic(minutes: number): { ok: number[]; errors: number[] } {
  const ok = [0];
  const errors = [0];
  let state = 42;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  for (let minute = 1; minute <= minutes; minute++) {
    const traffic = Math.round(200 + 1800 * random());
    const burst = minute % 97 < 3 ? 0.3 * random() : 0.002;
    const bad = minute === minutes ? 0 : Math.round(traffic * burst);
    ok.push(ok[minute - 1]! + traffic - bad);
    errors.push(errors[minute - 1]! + bad);
  }
  return { ok, errors };
}
