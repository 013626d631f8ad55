import * as common from '@grafana/grafana-foundation-sdk/common';
import { MappingType, type Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as StateTimelinePanelBuilder } from '@grafana/grafana-foundation-sdk/statetimeline';
import { sloSeries } from '../slo/index.ts';
import { addRow, finishDashboard, headerLink, newDashboard, prometheusDatasource, prometheusTargets, statPanel, thresholds, timeSeriesPanel, type Threshold } from './panels.ts';
import {
  alertsExpr,
  budgetRemainingExpr,
  burnRateExpr,
  errorsRateExpr,
  eventsRateExpr,
  firingAlertsExpr,
  formatNumber,
  objectiveRatio,
  sliFromBudgetExpr,
  worstBudgetRemainingExpr,
} from './slo-queries.ts';
import type { DashboardBurnRateWindow, DashboardSlo, DashboardSloTier } from './types.ts';
import { dashboardUids, serviceDashboardUid, sloDashboardUid } from './uids.ts';
import { clusterVariable } from './variables.ts';

/** Budget remaining: red once overspent, orange under a quarter, green otherwise. */
export const budgetRemainingSteps: readonly Threshold[] = [
  { value: 0, color: 'orange' },
  { value: 0.25, color: 'green' },
];

/** Decimals of an SLI in percent: one more than the objective has, at least two (99.9 → 99.953%). */
export function sliDecimals(slo: Pick<DashboardSlo, 'objective'>): number {
  const written = formatNumber(slo.objective).split('.')[1]?.length ?? 0;
  return Math.max(2, written + 2);
}

/**
 * One SLO: where it stands over its window (SLI against the objective, budget left),
 * how fast it burns over every window its alerts watch (the tier's factor drawn as the
 * threshold), and its alerts. Seven days by default: the longest alert window (3d)
 * twice over, within the retention of every environment but dev.
 */
export function renderSloDashboard(slo: DashboardSlo): Dashboard {
  const sliLabel = `SLI over ${slo.window}`;
  const decimals = sliDecimals(slo);
  const dashboard = newDashboard({
    uid: sloDashboardUid(slo),
    title: `SLO: ${slo.service} / ${slo.name}`,
    description: `${slo.name} SLO of ${slo.service}: ${formatNumber(slo.objective)}% over ${slo.window}, an error budget of ${formatNumber(slo.errorBudget)}.`,
    tags: ['slo', slo.service],
    from: 'now-7d',
    variables: [clusterVariable(`${sloSeries.events}{service=${JSON.stringify(slo.service)},slo=${JSON.stringify(slo.name)}}`)],
    links: [headerLink(`Service: ${slo.service}`, serviceDashboardUid(slo.service)), headerLink('All SLOs', dashboardUids.sloOverview)],
  });

  dashboard
    .withPanel(
      statPanel({
        title: 'Objective',
        description: `${formatNumber(slo.objective)}% of events good over ${slo.window}.`,
        targets: [{ expr: `vector(${formatNumber(objectiveRatio(slo))})` }],
        unit: 'percentunit',
        decimals,
        thresholds: thresholds('blue'),
      }),
    )
    .withPanel(
      statPanel({
        title: sliLabel,
        description: 'Good events ÷ all events over the SLO window, in the worst selected cluster.',
        targets: [{ expr: sliFromBudgetExpr(slo, worstBudgetRemainingExpr(slo)) }],
        unit: 'percentunit',
        decimals,
        thresholds: thresholds('red', [{ value: objectiveRatio(slo), color: 'green' }]),
      }),
    )
    .withPanel(
      statPanel({
        title: 'Error budget remaining',
        description: `Share of the ${slo.window} error budget left, in the worst selected cluster; negative once overspent.`,
        targets: [{ expr: worstBudgetRemainingExpr(slo) }],
        unit: 'percentunit',
        decimals: 1,
        thresholds: thresholds('red', budgetRemainingSteps),
        sparkline: true,
      }),
    )
    .withPanel(
      statPanel({
        title: 'Burn-rate alerts firing',
        targets: [{ expr: firingAlertsExpr(slo) }],
        decimals: 0,
        thresholds: thresholds('green', [{ value: 1, color: 'red' }]),
      }),
    );

  addRow(dashboard, 'Error budget', [
    timeSeriesPanel({
      title: sliLabel,
      description: 'The SLI of each cluster; the line is the objective.',
      targets: [{ expr: sliFromBudgetExpr(slo, budgetRemainingExpr(slo)), legend: '{{cluster}}' }],
      unit: 'percentunit',
      decimals,
      thresholds: thresholds('red', [{ value: objectiveRatio(slo), color: 'green' }]),
      thresholdsStyle: common.GraphThresholdsStyleMode.Dashed,
    }),
    timeSeriesPanel({
      title: 'Error budget remaining',
      description: `Share of the ${slo.window} error budget left, per cluster.`,
      targets: [{ expr: budgetRemainingExpr(slo), legend: '{{cluster}}' }],
      unit: 'percentunit',
      decimals: 1,
      thresholds: thresholds('red', budgetRemainingSteps),
      thresholdsStyle: common.GraphThresholdsStyleMode.Dashed,
    }),
    timeSeriesPanel({
      title: 'Events per second',
      description: 'All events and bad events of the SLI, per cluster.',
      targets: [
        { expr: eventsRateExpr(slo), legend: 'all {{cluster}}' },
        { expr: errorsRateExpr(slo), legend: 'bad {{cluster}}' },
      ],
      unit: 'ops',
      width: 24,
    }),
  ]);

  const pairs = slo.tiers.flatMap((tier) => tier.windows.map((window) => burnRatePanel(slo, tier, window)));
  if (pairs.length > 0) addRow(dashboard, 'Burn rate per alert window', pairs);

  addRow(dashboard, 'Alerts', [alertStatePanel(slo)]);
  return finishDashboard(dashboard);
}

/** Both windows of a pair, with the tier's factor as the threshold: the alert fires when both cross it. */
function burnRatePanel(slo: DashboardSlo, tier: DashboardSloTier, window: DashboardBurnRateWindow) {
  const factor = formatNumber(window.factor);
  return timeSeriesPanel({
    title: `Burn rate over ${window.long} and ${window.short}`,
    description: `The ${tier.tier} tier (severity ${tier.severity}) fires when both windows burn faster than ${factor}× the budget rate.`,
    targets: [
      { expr: burnRateExpr(slo, window.long), legend: `${window.long} {{cluster}}` },
      { expr: burnRateExpr(slo, window.short), legend: `${window.short} {{cluster}}` },
    ],
    unit: 'suffix:×',
    decimals: 2,
    min: 0,
    thresholds: thresholds('green', [{ value: window.factor, color: 'red' }]),
    thresholdsStyle: common.GraphThresholdsStyleMode.LineAndArea,
  });
}

function alertStatePanel(slo: DashboardSlo): StateTimelinePanelBuilder {
  return new StateTimelinePanelBuilder()
    .title('Burn-rate alerts')
    .description('Pending and firing SLOFastBurn (page) and SLOSlowBurn (ticket) alerts of this SLO.')
    .datasource(prometheusDatasource)
    .targets(prometheusTargets([{ expr: alertsExpr(slo), legend: '{{alertname}} ({{severity}}) {{alertstate}}' }]))
    .span(24)
    .height(6)
    .mappings([{ type: MappingType.ValueToText, options: { '1': { text: 'active', color: 'red', index: 0 } } }])
    .showValue(common.VisibilityMode.Never)
    .mergeValues(true)
    .legend(new common.VizLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom));
}
