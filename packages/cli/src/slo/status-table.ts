/** The table of `strata slo status`: one row per SLO and cluster, columns aligned, `-` for no data. */
import { formatNumber } from '@strata/model';
import type { SloStatus } from './status.ts';

export const noData = '-';

/** The table's lines, header first, then a legend. `windows` are the burn-rate columns, shortest first. */
export function formatStatusTable(rows: readonly SloStatus[], windows: readonly string[]): string[] {
  const withCluster = rows.some((row) => row.cluster !== null);
  const header = ['SERVICE', 'SLO', ...(withCluster ? ['CLUSTER'] : []), 'WINDOW', 'OBJECTIVE', 'SLI', 'BUDGET LEFT', ...windows, 'FIRING'];
  const cells = rows.map((row) => [
    row.service,
    row.slo,
    ...(withCluster ? [row.cluster ?? noData] : []),
    row.window,
    `${formatNumber(row.objectivePercent)}%`,
    row.sliPercent === null ? noData : `${row.sliPercent.toFixed(3)}%`,
    row.errorBudgetRemaining === null ? noData : `${(100 * row.errorBudgetRemaining).toFixed(1)}%`,
    // A window that is not one of this SLO's alert windows (its tier is off) stays empty.
    ...windows.map((w) => (w in row.burnRates ? formatBurnRate(row.burnRates[w] ?? null) : '')),
    row.firingAlerts.length === 0 ? noData : row.firingAlerts.map((a) => a.alertname).join(','),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((row) => (row[column] ?? '').length)));
  // Text columns align left, numbers right.
  const firstNumber = withCluster ? 4 : 3;
  const line = (row: readonly string[]) =>
    row
      .map((cell, column) => (column >= firstNumber && column < row.length - 1 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [
    line(header),
    ...cells.map(line),
    '',
    `${windows.length === 0 ? '' : `${windows.join(' ')}: burn rate over that window (errors ÷ error budget; 1 spends the budget exactly in the SLO window). `}${noData}: no data`,
  ];
}

function formatBurnRate(value: number | null): string {
  return value === null ? noData : value.toFixed(2);
}
