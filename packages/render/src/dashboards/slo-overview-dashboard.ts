import * as common from '@grafana/grafana-foundation-sdk/common';
import { PanelBuilder as BarGaugePanelBuilder } from '@grafana/grafana-foundation-sdk/bargauge';
import type { Dashboard, DynamicConfigValue } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TablePanelBuilder } from '@grafana/grafana-foundation-sdk/table';
import { compare } from '@strata/model';
import { sloSeries } from '../slo/index.ts';
import { applyFieldOptions, dataLink, finishDashboard, headerLink, newDashboard, prometheusDatasource, prometheusTargets, thresholds, timeSeriesPanel } from './panels.ts';
import { budgetRemainingSteps } from './slo-dashboard.ts';
import { burnRateExpr, formatNumber, objectiveRatio, sliFromBudgetExpr, worstBudgetRemainingExpr } from './slo-queries.ts';
import type { DashboardSlo } from './types.ts';
import { dashboardUids, sloDashboardUid } from './uids.ts';
import { clusterMatcher, clusterVariable } from './variables.ts';

/** The short window whose burn rate the table shows: the fast-burn page's long window. */
const tableBurnWindow = '1h';

/** Column titles of the table, by the refId of the query that fills them. */
const columns = { A: 'Objective', B: 'SLI', C: 'Error budget remaining', D: `Burn rate (${tableBurnWindow})` } as const;

/**
 * Every SLO of the platform at a glance: a table (objective, SLI over its window, budget
 * remaining, burn rate over the last hour), worst budget first, each SLO linking to its
 * dashboard; the budget remaining as bars and over time.
 */
export function renderSloOverviewDashboard(slos: readonly DashboardSlo[]): Dashboard {
  if (slos.length === 0) {
    throw new Error('renderSloOverviewDashboard: `slos` is empty; render the SLO overview only for a platform with at least one SLO');
  }
  const sorted = [...slos].sort((a, b) => (a.service === b.service ? compare(a.name, b.name) : compare(a.service, b.service)));
  const dashboard = newDashboard({
    uid: dashboardUids.sloOverview,
    title: 'SLOs: overview',
    description: 'Every SLO of the platform: objective, SLI and error budget over its window, burn rate over the last hour.',
    tags: ['slo'],
    from: 'now-7d',
    variables: [clusterVariable(sloSeries.events)],
    links: [headerLink('Traces', dashboardUids.tracing)],
  });

  const perSlo = (expr: (slo: DashboardSlo) => string) => sorted.map((slo) => labelledBySlo(expr(slo), slo)).join('\nor\n');
  dashboard.withPanel(sloTable(sorted, perSlo)).withPanel(budgetBars(sorted, perSlo));
  dashboard.withPanel(
    timeSeriesPanel({
      title: 'Error budget remaining over time',
      description: 'Per SLO, the worst selected cluster.',
      targets: [{ expr: `min by (service, slo) (${sloSeries.budgetRemaining}{${clusterMatcher}})`, legend: '{{service}} / {{slo}}' }],
      unit: 'percentunit',
      decimals: 1,
      thresholds: thresholds('red', budgetRemainingSteps),
      thresholdsStyle: common.GraphThresholdsStyleMode.Dashed,
      width: 24,
    }),
  );
  return finishDashboard(dashboard);
}

function sloTable(sorted: readonly DashboardSlo[], perSlo: (expr: (slo: DashboardSlo) => string) => string): TablePanelBuilder {
  const decimals = 3;
  const percent = (name: string, extra: DynamicConfigValue[] = []) => ({
    matcher: { id: 'byName', options: name },
    properties: [{ id: 'unit', value: 'percentunit' }, { id: 'decimals', value: decimals }, ...extra],
  });
  const colorText = { id: 'custom.cellOptions', value: { type: common.TableCellDisplayMode.ColorText } };
  const panel = new TablePanelBuilder()
    .title('SLOs')
    .description(`Objective and SLI over each SLO's window, budget remaining (worst selected cluster), burn rate over ${tableBurnWindow} (1 = spending the budget exactly over the window).`)
    .datasource(prometheusDatasource)
    .targets(
      prometheusTargets([
        { expr: perSlo((slo) => `vector(${formatNumber(objectiveRatio(slo))})`), instant: true, format: 'table' },
        { expr: perSlo((slo) => sliFromBudgetExpr(slo, worstBudgetRemainingExpr(slo))), instant: true, format: 'table' },
        { expr: perSlo((slo) => worstBudgetRemainingExpr(slo)), instant: true, format: 'table' },
        { expr: perSlo((slo) => `max(\n  ${burnRateExpr(slo, tableBurnWindow).replace(/\n/g, '\n  ')}\n)`), instant: true, format: 'table' },
      ]),
    )
    .span(24)
    .height(Math.min(24, 4 + sorted.length))
    .transformations([
      { id: 'merge', options: {} },
      {
        id: 'organize',
        options: {
          excludeByName: { Time: true },
          indexByName: { service: 0, slo: 1, 'Value #A': 2, 'Value #B': 3, 'Value #C': 4, 'Value #D': 5, dashboard: 6 },
          renameByName: { service: 'Service', slo: 'SLO', 'Value #A': columns.A, 'Value #B': columns.B, 'Value #C': columns.C, 'Value #D': columns.D },
        },
      },
    ])
    .sortBy([new common.TableSortByFieldStateBuilder().displayName(columns.C).desc(false)])
    .overrides([
      // Kept (hidden) for the SLO column's link: the uid of each SLO's dashboard.
      { matcher: { id: 'byName', options: 'dashboard' }, properties: [{ id: 'custom.hidden', value: true }] },
      {
        matcher: { id: 'byName', options: 'SLO' },
        properties: [{ id: 'links', value: [{ title: 'SLO dashboard', url: `/d/\${__data.fields.dashboard}?\${__url_time_range}&\${cluster:queryparam}` }] }],
      },
      percent(columns.A),
      percent(columns.B),
      percent(columns.C, [{ id: 'decimals', value: 1 }, { id: 'thresholds', value: thresholds('red', budgetRemainingSteps).build() }, colorText]),
      {
        matcher: { id: 'byName', options: columns.D },
        properties: [
          { id: 'unit', value: 'suffix:×' },
          { id: 'decimals', value: 2 },
          { id: 'thresholds', value: thresholds('green', [{ value: 1, color: 'orange' }]).build() },
          colorText,
        ],
      },
    ]);
  return panel;
}

function budgetBars(sorted: readonly DashboardSlo[], perSlo: (expr: (slo: DashboardSlo) => string) => string): BarGaugePanelBuilder {
  const panel = new BarGaugePanelBuilder()
    .title('Error budget remaining')
    .description('Per SLO, the worst selected cluster, lowest first; empty once overspent.')
    .datasource(prometheusDatasource)
    .targets(prometheusTargets([{ expr: `sort(\n${perSlo((slo) => worstBudgetRemainingExpr(slo))}\n)`, legend: '{{service}} / {{slo}}', instant: true }]))
    .span(24)
    .height(Math.min(24, 3 + sorted.length))
    .orientation(common.VizOrientation.Horizontal)
    .displayMode(common.BarGaugeDisplayMode.Basic)
    .valueMode(common.BarGaugeValueMode.Color)
    .showUnfilled(true)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false));
  return applyFieldOptions(panel, {
    unit: 'percentunit',
    decimals: 1,
    min: 0,
    max: 1,
    thresholds: thresholds('red', budgetRemainingSteps),
    links: [dataLink('SLO dashboard', '${__field.labels.dashboard}')],
  });
}

/** Gives a per-SLO expression the labels `service`, `slo` and `dashboard` (the uid its rows link to). */
function labelledBySlo(expr: string, slo: DashboardSlo): string {
  const labels: readonly [string, string][] = [
    ['service', slo.service],
    ['slo', slo.name],
    ['dashboard', sloDashboardUid(slo)],
  ];
  return labels.reduce((inner, [label, value]) => `label_replace(${inner}, "${label}", ${JSON.stringify(value)}, "", "")`, expr);
}
