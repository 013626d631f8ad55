import { QueryVariableBuilder, VariableRefresh, VariableSort } from '@grafana/grafana-foundation-sdk/dashboard';
import { prometheusDatasource } from './panels.ts';

/**
 * The matcher every Prometheus query of the dashboards carries. Without a `cluster`
 * label (one Prometheus per cluster, external labels not applied to queries) the
 * variable offers only All, whose `.*` also matches the absent label.
 */
export const clusterMatcher = 'cluster=~"$cluster"';

/** `cluster`, from the label values of `selector`; multi-value, All by default. */
export function clusterVariable(selector: string): QueryVariableBuilder {
  return labelVariable('cluster', 'Cluster', selector, 'cluster');
}

/** A multi-value variable of the values of `label` on `selector`, All (`.*`) by default. */
export function labelVariable(name: string, label: string, selector: string, labelName: string): QueryVariableBuilder {
  const query = `label_values(${selector}, ${labelName})`;
  return new QueryVariableBuilder(name)
    .label(label)
    .datasource(prometheusDatasource)
    .query(query)
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue('.*')
    .current({ selected: true, text: ['All'], value: ['$__all'] });
}

/** What promtool sees for Grafana's built-in variables: ranges and intervals of 5 minutes. */
const builtInValues: Readonly<Record<string, string>> = {
  __rate_interval: '5m',
  __interval: '5m',
  __range: '5m',
  __interval_ms: '300000',
  __range_ms: '300000',
  __range_s: '300',
};

/**
 * Substitutes Grafana's variables so that promtool (or any PromQL parser) can read a
 * query: `$__rate_interval`, `$__interval` and `$__range` become `5m`; every dashboard
 * variable (`$cluster`, `${cluster}`, `${cluster:regex}`, `[[cluster]]`) becomes `.*`,
 * as the dashboards only use them in regex matchers. `$1` (a label_replace group) is
 * left alone; an unknown built-in (`$__from`) throws, naming it.
 */
export function toPromQL(expr: string): string {
  return expr.replace(/\$\{([A-Za-z_]\w*)(?::\w+)?\}|\[\[([A-Za-z_]\w*)(?::\w+)?\]\]|\$([A-Za-z_]\w*)/g, (_match, braced?: string, bracketed?: string, bare?: string) => {
    const name = braced ?? bracketed ?? bare ?? '';
    if (!name.startsWith('__')) return '.*';
    const value = builtInValues[name];
    if (value === undefined) {
      throw new Error(`toPromQL: no PromQL stand-in for Grafana's built-in variable $${name} in ${JSON.stringify(expr)}; use one of ${Object.keys(builtInValues).map((n) => `$${n}`).join(', ')}`);
    }
    return value;
  });
}
