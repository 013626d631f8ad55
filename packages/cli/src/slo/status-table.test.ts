import { describe, expect, it } from 'vitest';
import { formatStatusTable } from './status-table.ts';
import type { SloStatus } from './status.ts';

const windows = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];
const allWindows = (value: number | null) => Object.fromEntries(windows.map((w) => [w, value]));

const healthy: SloStatus = {
  service: 'orders',
  slo: 'availability',
  cluster: null,
  team: 'shop',
  window: '30d',
  objectivePercent: 99.9,
  sliPercent: 99.95,
  errorBudgetRemaining: 0.5,
  burnRates: allWindows(0.5),
  firingAlerts: [],
};
const silent: SloStatus = { ...healthy, service: 'inventory', sliPercent: null, errorBudgetRemaining: null, burnRates: allWindows(null) };

describe('formatStatusTable', () => {
  it('GIVEN SLOs of one Prometheus WHEN formatted THEN there is no cluster column, numbers align right and missing data is -', () => {
    expect(formatStatusTable([silent, healthy], windows)).toEqual([
      'SERVICE    SLO           WINDOW  OBJECTIVE      SLI  BUDGET LEFT    5m   30m    1h    2h    6h    1d    3d  FIRING',
      'inventory  availability  30d         99.9%        -            -     -     -     -     -     -     -     -  -',
      'orders     availability  30d         99.9%  99.950%        50.0%  0.50  0.50  0.50  0.50  0.50  0.50  0.50  -',
      '',
      '5m 30m 1h 2h 6h 1d 3d: burn rate over that window (errors ÷ error budget; 1 spends the budget exactly in the SLO window). -: no data',
    ]);
  });

  it('GIVEN rows of several clusters and firing alerts WHEN formatted THEN a CLUSTER column shows them and FIRING lists the alert names', () => {
    const burning: SloStatus = {
      ...healthy,
      cluster: 'prod-eu',
      sliPercent: 98,
      errorBudgetRemaining: -19,
      burnRates: allWindows(20),
      firingAlerts: [
        { alertname: 'SLOFastBurn', severity: 'page' },
        { alertname: 'SLOSlowBurn', severity: 'ticket' },
      ],
    };

    const [header, row] = formatStatusTable([burning, { ...healthy, cluster: 'prod-us' }], windows);

    expect(header).toBe('SERVICE  SLO           CLUSTER  WINDOW  OBJECTIVE      SLI  BUDGET LEFT     5m    30m     1h     2h     6h     1d     3d  FIRING');
    expect(row).toBe('orders   availability  prod-eu  30d         99.9%  98.000%     -1900.0%  20.00  20.00  20.00  20.00  20.00  20.00  20.00  SLOFastBurn,SLOSlowBurn');
    expect(formatStatusTable([burning, { ...healthy, cluster: 'prod-us' }], windows)[2]).toBe(
      'orders   availability  prod-us  30d         99.9%  99.950%        50.0%   0.50   0.50   0.50   0.50   0.50   0.50   0.50  -',
    );
  });

  it('GIVEN an SLO whose page tier is off WHEN formatted THEN its page windows are empty, not -', () => {
    const ticketOnly: SloStatus = { ...healthy, burnRates: { '2h': 0.5, '6h': 0.5, '1d': 0.5, '3d': 0.5 } };

    const [, row] = formatStatusTable([ticketOnly], windows);

    expect(row).toBe('orders   availability  30d         99.9%  99.950%        50.0%               0.50  0.50  0.50  0.50  -');
  });
});
