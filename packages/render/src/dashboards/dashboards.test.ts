/* eslint-disable @typescript-eslint/no-explicit-any -- rendered dashboards and Helm values are untyped JSON; these tests read into them. */
import { normalized } from '../test-support/slos.ts';
import { describe, expect, it } from 'vitest';
import { renderCollectorValues } from '../observability/traces.ts';
import { expandShorthands } from '../slo/index.ts';
import { clusterOf, platformWith } from '../test-support/reference.ts';
import {
  dashboardPanels,
  dashboardQueries,
  dashboardUids,
  maxDashboardUidLength,
  renderDashboardConfigMaps,
  renderDashboards,
  renderServiceDashboard,
  renderSloDashboard,
  renderSloOverviewDashboard,
  renderTracingDashboard,
  sloDashboardUid,
  toPromQL,
  type DashboardSlo,
} from './index.ts';
import { spanMetrics } from './metrics.ts';

/** Model SLOs, passed as they are: DashboardSlo is a structural subset of them. */
const slos: readonly DashboardSlo[] = normalized([
  ...expandShorthands('orders', { availability: 99.9, latency: { objective: 99, thresholdSeconds: 0.25 } }),
  ...expandShorthands('inventory', { availability: 99.5, window: '28d' }),
]);
const services = ['orders', 'inventory', 'payments'];
const dashboards = renderDashboards({ services, slos });
const ordersAvailability = slos.find((s) => s.service === 'orders' && s.name === 'availability')!;

describe('dashboards', () => {
  it('GIVEN two services with SLOs and one without WHEN rendered THEN there is tracing, the overview, one per service and one per SLO, under stable uids', () => {
    expect(dashboards.map((d) => d.uid)).toEqual([
      'strata-slo-inventory-availability',
      'strata-slo-orders-availability',
      'strata-slo-orders-latency',
      'strata-slo-overview',
      'strata-svc-inventory',
      'strata-svc-orders',
      'strata-svc-payments',
      'strata-tracing',
    ]);
    for (const dashboard of dashboards) {
      expect(dashboard.uid!.length).toBeLessThanOrEqual(maxDashboardUidLength);
      expect(dashboard).toMatchObject({ tags: expect.arrayContaining(['strata']), refresh: '1m', editable: false });
    }
  });

  it('GIVEN every dashboard WHEN its panels are read THEN each has a title, a datasource, ids unique in the dashboard, and targets with unique refIds', () => {
    for (const dashboard of dashboards) {
      const panels = dashboardPanels(dashboard);
      expect(panels.length, dashboard.uid).toBeGreaterThan(0);
      const ids = (dashboard.panels ?? []).flatMap((p) => [p.id, ...(p.type === 'row' && 'panels' in p ? p.panels.map((n) => n.id) : [])]);
      expect(new Set(ids).size, `${dashboard.uid}: panel ids`).toBe(ids.length);
      for (const panel of panels) {
        const where = `${dashboard.uid}: ${panel.title}`;
        expect(panel.title, where).toBeTruthy();
        expect(panel.datasource?.uid, where).toMatch(/^(prometheus|tempo)$/);
        const refIds = (panel.targets ?? []).map((t) => (t as any).refId as string);
        expect(refIds.length, where).toBeGreaterThan(0);
        expect(refIds.every((r) => /^[A-Z]+$/.test(r)), where).toBe(true);
        expect(new Set(refIds).size, where).toBe(refIds.length);
      }
    }
  });

  it('GIVEN every Prometheus query WHEN its selectors are read THEN each selects by the cluster variable', () => {
    for (const dashboard of dashboards) {
      for (const query of dashboardQueries(dashboard).filter((q) => q.datasource === 'prometheus')) {
        const selectors = [...query.expr.matchAll(/[A-Za-z_:][\w:]*\{([^}]*)\}/g)].map((m) => m[1]);
        // A constant (the objective) selects nothing.
        if (selectors.length === 0 && query.expr.includes('vector(')) continue;
        expect(selectors.length, `${dashboard.uid}: ${query.panel}`).toBeGreaterThan(0);
        for (const selector of selectors) expect(selector, `${dashboard.uid}: ${query.panel}`).toContain('cluster=~"$cluster"');
      }
    }
  });

  it('GIVEN the same SLOs in another order WHEN the ConfigMaps are rendered twice THEN they are identical', () => {
    const once = renderDashboardConfigMaps({ namespace: 'monitoring', services, slos });
    const again = renderDashboardConfigMaps({ namespace: 'monitoring', services: [...services].reverse(), slos: [...slos].reverse() });
    expect(JSON.stringify(again)).toBe(JSON.stringify(once));
  });
});

describe('SLO dashboard', () => {
  const dashboard = renderSloDashboard(ordersAvailability);
  const burnPanels = dashboardPanels(dashboard).filter((p) => p.title?.startsWith('Burn rate over'));

  it("GIVEN a 30-day SLO WHEN rendered THEN each alert window pair has a panel whose threshold is the tier's factor (14.4, 6, 3, 1)", () => {
    expect(burnPanels.map((p) => [p.title, (p.fieldConfig?.defaults?.thresholds?.steps ?? []).map((s) => s.value)])).toEqual([
      ['Burn rate over 1h and 5m', [null, 14.4]],
      ['Burn rate over 6h and 30m', [null, 6]],
      ['Burn rate over 1d and 2h', [null, 3]],
      ['Burn rate over 3d and 6h', [null, 1]],
    ]);
    for (const panel of burnPanels) expect(panel.fieldConfig?.defaults?.custom).toMatchObject({ thresholdsStyle: { mode: 'line+area' } });
  });

  it('GIVEN a 30-day SLO WHEN its burn-rate queries are listed THEN there is one per long and short window of every tier, over the recorded series', () => {
    const windows = dashboardQueries(dashboard)
      .filter((q) => q.panel.startsWith('Burn rate over'))
      .map((q) => /slo:errors_per_budget:rate2m\{service="orders",slo="availability",cluster=~"\$cluster"\}\[(\w+)\]/.exec(q.expr)?.[1]);
    expect(windows).toEqual(['1h', '5m', '6h', '30m', '1d', '2h', '3d', '6h']);
  });

  it("GIVEN a 28-day SLO WHEN rendered THEN the thresholds are that window's factors", () => {
    const inventory = slos.find((s) => s.service === 'inventory')!;
    const factors = inventory.tiers.flatMap((t) => t.windows.map((w) => w.factor));
    const thresholds = dashboardPanels(renderSloDashboard(inventory))
      .filter((p) => p.title?.startsWith('Burn rate over'))
      .map((p) => p.fieldConfig?.defaults?.thresholds?.steps?.[1]?.value);
    expect(thresholds).toEqual(factors);
    expect(factors).not.toContain(14.4);
  });

  it('GIVEN an SLO WHEN rendered THEN the SLI is drawn against the objective and the alerts are those of this SLO', () => {
    const panels = dashboardPanels(dashboard);
    expect(panels.find((p) => p.title === 'SLI over 30d' && p.type === 'timeseries')?.fieldConfig?.defaults?.thresholds?.steps?.[1]?.value).toBe(0.999);
    expect(dashboardQueries(dashboard).find((q) => q.panel === 'Burn-rate alerts')?.expr).toBe(
      'max by (alertname, severity, alertstate) (ALERTS{alertname=~"SLOFastBurn|SLOSlowBurn",service="orders",slo="availability",cluster=~"$cluster"})',
    );
  });
});

describe('service dashboard', () => {
  it('GIVEN a service and SLOs of two services WHEN rendered THEN its SLO row has its own SLOs only, each stat linking to the SLO dashboard', () => {
    const dashboard = renderServiceDashboard('orders', slos);
    const sloStats = dashboardPanels(dashboard).filter((p) => p.title?.startsWith('availability:') || p.title?.startsWith('latency:'));
    expect(sloStats.map((p) => p.title)).toEqual([
      'availability: SLI over 30d',
      'availability: error budget remaining',
      'latency: SLI over 30d',
      'latency: error budget remaining',
    ]);
    expect(sloStats[0]?.fieldConfig?.defaults?.links?.[0]?.url).toBe('/d/strata-slo-orders-availability?${__url_time_range}&${cluster:queryparam}');
    expect(JSON.stringify(dashboard)).not.toContain('inventory');
  });

  it('GIVEN a service WHEN rendered THEN the cluster variable comes from its request counter, with All as .*', () => {
    expect(renderServiceDashboard('orders', []).templating?.list?.[0]).toMatchObject({
      name: 'cluster',
      query: 'label_values(http_server_request_duration_seconds_count{service="orders"}, cluster)',
      includeAll: true,
      allValue: '.*',
      multi: true,
    });
  });
});

describe('SLO overview', () => {
  it('GIVEN SLOs WHEN the overview is rendered THEN the table has four columns of queries, each with a row per SLO that carries its dashboard uid', () => {
    const queries = dashboardQueries(renderSloOverviewDashboard(slos)).filter((q) => q.panel === 'SLOs');
    expect(queries.map((q) => q.refId)).toEqual(['A', 'B', 'C', 'D']);
    for (const query of queries) {
      for (const slo of slos) expect(query.expr).toContain(`"dashboard", "${sloDashboardUid(slo)}", "", "")`);
    }
  });

  it('GIVEN no SLO WHEN the overview is rendered THEN it fails, saying so, and the ConfigMaps leave it out', () => {
    expect(() => renderSloOverviewDashboard([])).toThrow(
      'renderSloOverviewDashboard: `slos` is empty; render the SLO overview only for a platform with at least one SLO',
    );
    const names = renderDashboardConfigMaps({ namespace: 'monitoring', services: ['orders'], slos: [] }).map((c) => c.metadata.name);
    expect(names).toEqual(['dashboard-strata-svc-orders', 'dashboard-strata-tracing']);
  });
});

describe('tracing dashboard', () => {
  const dashboard = renderTracingDashboard();

  it('GIVEN the tracing dashboard WHEN rendered THEN the service graph and the trace search query Tempo', () => {
    const tempo = dashboardQueries(dashboard).filter((q) => q.datasource === 'tempo');
    expect(tempo).toEqual([
      { panel: 'Service graph', refId: 'A', expr: '', datasource: 'tempo' },
      { panel: 'Recent traces', refId: 'A', expr: '{ resource.service.name =~ "$service" }', datasource: 'tempo' },
      { panel: 'Recent failed traces', refId: 'A', expr: '{ resource.service.name =~ "$service" && status = error }', datasource: 'tempo' },
    ]);
    expect(dashboardPanels(dashboard).find((p) => p.title === 'Service graph')).toMatchObject({ type: 'nodeGraph', targets: [{ queryType: 'serviceMap' }] });
  });

  it('GIVEN the collector as rendered WHEN the dashboard reads its metrics THEN the servicegraph connector feeds the metrics pipeline and span durations are in milliseconds', () => {
    const platform = platformWith();
    const values = renderCollectorValues(platform, clusterOf(platform, 'prod-eu')) as any;
    expect(values.config.service.pipelines.traces.exporters).toContain('servicegraph');
    expect(values.config.service.pipelines.metrics.receivers).toContain('servicegraph');
    // No unit set: the connector's default (ms) until its gate flips, which the metric name must follow.
    expect(values.config.connectors.spanmetrics.histogram.unit ?? 'ms').toBe(spanMetrics.durationUnit);
    expect(spanMetrics.duration).toBe('traces_span_metrics_duration_milliseconds');
  });
});

describe('ConfigMaps', () => {
  const configMaps = renderDashboardConfigMaps({ namespace: 'monitoring', services, slos }) as any[];

  it("GIVEN the dashboards WHEN rendered as ConfigMaps THEN each carries the sidecar's label and its dashboard as <uid>.json, well under the size limits", () => {
    expect(configMaps.map((c) => c.metadata.name)).toEqual(dashboards.map((d) => `dashboard-${d.uid}`));
    for (const [index, configMap] of configMaps.entries()) {
      const uid = dashboards[index]!.uid!;
      expect(configMap).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'monitoring', labels: { grafana_dashboard: '1' } } });
      expect(configMap.metadata.annotations).toBeUndefined();
      expect(Object.keys(configMap.data)).toEqual([`${uid}.json`]);
      const json: string = configMap.data[`${uid}.json`];
      expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(dashboards[index])));
      // 256 KiB is the last-applied annotation's limit (client-side apply); 1 MiB is etcd's.
      expect(Buffer.byteLength(json), uid).toBeLessThan(256 * 1024);
    }
  });

  it('GIVEN a service and an SLO whose joined names collide WHEN rendered THEN it fails, naming both dashboards', () => {
    const slo = (service: string, name: string): DashboardSlo => ({ service, name, objective: 99, window: '30d', errorBudget: 0.01, tiers: [] });
    expect(() => renderDashboards({ services: [], slos: [slo('a-b', 'c'), slo('a', 'b-c')] })).toThrow(
      'dashboards "SLO: a-b / c" and "SLO: a / b-c" would share the uid "strata-slo-a-b-c"; rename a service or an SLO so that "<service>-<slo>" tells them apart',
    );
  });
});

describe('uids', () => {
  it('GIVEN names too long or not uid-safe WHEN a uid is made THEN it is cut to 40 characters with a stable hash, distinct per name', () => {
    const long = sloDashboardUid({ service: 'customer-notifications-gateway', name: 'availability' });
    const other = sloDashboardUid({ service: 'customer-notifications-gateway', name: 'availability-eu' });
    expect(long).toMatch(/^strata-slo-customer-notificatio-[0-9a-f]{8}$/);
    expect(long).toHaveLength(40);
    expect(other).not.toBe(long);
    expect(sloDashboardUid({ service: 'Orders', name: 'p99 latency' })).toMatch(/^strata-slo-orders-p99-latency-[0-9a-f]{8}$/);
    expect(dashboardUids).toEqual({ sloOverview: 'strata-slo-overview', tracing: 'strata-tracing' });
  });
});

describe('toPromQL', () => {
  it("GIVEN Grafana's variables WHEN substituted THEN dashboard variables become .* and intervals 5m, and label_replace groups stay", () => {
    expect(toPromQL('rate(x{cluster=~"$cluster",a=~"${service}",b=~"${service:regex}",c=~"[[cluster]]"}[$__rate_interval])')).toBe(
      'rate(x{cluster=~".*",a=~".*",b=~".*",c=~".*"}[5m])',
    );
    expect(toPromQL('sum_over_time(x[$__interval]) / sum_over_time(x[${__range}]) * $__range_s')).toBe('sum_over_time(x[5m]) / sum_over_time(x[5m]) * 300');
    expect(toPromQL('label_replace(up, "a", "$1", "b", "(.*)")')).toBe('label_replace(up, "a", "$1", "b", "(.*)")');
  });

  it('GIVEN a built-in without a PromQL stand-in WHEN substituted THEN it fails, naming it and the ones it knows', () => {
    expect(() => toPromQL('x offset $__from')).toThrow(
      "toPromQL: no PromQL stand-in for Grafana's built-in variable $__from in \"x offset $__from\"; use one of $__rate_interval, $__interval, $__range, $__interval_ms, $__range_ms, $__range_s",
    );
  });
});
