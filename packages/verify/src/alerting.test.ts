import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkQueries, checkRunbooks, grafanaQueryAsPromQL, promtoolAvailable } from './alerting.ts';
import { formatFinding } from './finding.ts';
import type { TreeObject } from './tree.ts';

const file = 'deploy/clusters/dev-local/monitoring-rules/prometheus-rule.yaml';
const runbooks = 'https://github.com/acme/platform/blob/main/docs/runbooks/';

function prometheusRule(rules: readonly Record<string, unknown>[]): TreeObject {
  return {
    file,
    index: 0,
    object: { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'alerts', namespace: 'monitoring' }, spec: { groups: [{ name: 'g', rules }] } },
  };
}

function dashboard(panels: readonly Record<string, unknown>[]): TreeObject {
  return {
    file: 'deploy/clusters/dev-local/dashboards/config-map.yaml',
    index: 0,
    object: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'dashboard-x', namespace: 'monitoring', labels: { grafana_dashboard: '1' } },
      data: { 'x.json': JSON.stringify({ uid: 'x', panels }) },
    },
  };
}

/** A repository root holding docs/runbooks/known.md. */
function repo(): string {
  const root = mkdtempSync(join(tmpdir(), 'strata-runbooks-'));
  mkdirSync(join(root, 'docs/runbooks'), { recursive: true });
  writeFileSync(join(root, 'docs/runbooks/known.md'), '# Runbook: Known\n');
  return root;
}

describe('checkRunbooks', () => {
  it('GIVEN alerts with a runbook that exists, one that does not, one outside docs/runbooks and one without any WHEN checked THEN each bad one is reported', () => {
    const tree = [
      prometheusRule([
        { alert: 'Known', expr: 'up == 0', annotations: { runbook_url: `${runbooks}known.md` } },
        { alert: 'Unwritten', expr: 'up == 0', annotations: { runbook_url: `${runbooks}unwritten.md#first-steps` } },
        { alert: 'Elsewhere', expr: 'up == 0', annotations: { runbook_url: 'https://wiki.example.com/x' } },
        { alert: 'Bare', expr: 'up == 0', annotations: { summary: 's' } },
        { record: 'r', expr: 'up' },
      ]),
    ];
    expect(checkRunbooks(tree, repo()).map(formatFinding)).toEqual([
      `error alerts/runbook ${file} PrometheusRule/monitoring/alerts: alert Unwritten (group g): runbook docs/runbooks/unwritten.md does not exist (runbook_url ${runbooks}unwritten.md#first-steps); write it`,
      `error alerts/runbook ${file} PrometheusRule/monitoring/alerts: alert Elsewhere (group g): runbook_url https://wiki.example.com/x does not point to a Markdown file in docs/runbooks/`,
      `error alerts/runbook ${file} PrometheusRule/monitoring/alerts: alert Bare (group g): has no runbook_url annotation (write a runbook in docs/runbooks/ and point the alert to it)`,
    ]);
  });
});

describe('grafanaQueryAsPromQL', () => {
  it('GIVEN a dashboard query with variables WHEN converted THEN Prometheus can read it', () => {
    expect(grafanaQueryAsPromQL('sum(rate(x{cluster=~"$cluster",svc="${service}"}[$__rate_interval]))')).toBe('sum(rate(x{cluster=~".*",svc=".*"}[5m]))');
    expect(grafanaQueryAsPromQL('increase(x[$__range]) / $__range_s')).toBe('increase(x[5m]) / 300');
  });
});

describe.skipIf(!promtoolAvailable())('checkQueries (promtool)', () => {
  it('GIVEN a rule that does not parse and a dashboard with one bad query among good ones WHEN checked THEN both are reported, the dashboard one by panel and refId', async () => {
    const findings = await checkQueries([
      prometheusRule([{ alert: 'Broken', expr: 'sum(rate(x[5m])' }]),
      dashboard([
        { title: 'Good', targets: [{ refId: 'A', expr: 'sum by (route) (rate(x{cluster=~"$cluster"}[$__rate_interval]))' }] },
        { title: 'Row', type: 'row', panels: [{ title: 'Bad', targets: [{ refId: 'B', expr: 'rate(x[5m]' }] }] },
        { title: 'Traces', targets: [{ refId: 'A', datasource: { type: 'tempo' }, expr: '{ status = error }' }] },
      ]),
    ]);
    expect(findings.map((f) => [f.check, f.object])).toEqual([
      ['alerts/promql', 'PrometheusRule/monitoring/alerts'],
      ['dashboards/promql', 'ConfigMap/monitoring/dashboard-x'],
    ]);
    expect(findings[0]?.message).toMatch(/^promtool check rules: .*unclosed left parenthesis/);
    expect(findings[1]?.message).toContain('x.json panel "Row" panel "Bad" query B');
    expect(findings[1]?.message).not.toContain('"Good"');
  });

  it('GIVEN valid rules and dashboards WHEN checked THEN nothing is reported', async () => {
    expect(await checkQueries([prometheusRule([{ alert: 'Up', expr: 'up == 0', for: '5m' }]), dashboard([{ title: 'p', targets: [{ refId: 'A', expr: 'up' }] }])])).toEqual([]);
  });
});
