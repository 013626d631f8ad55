/**
 * Checks of the rendered alerting and dashboards:
 * - `alerts/runbook`: every alert of every PrometheusRule has a `runbook_url` that
 *   points into the repository's docs/runbooks/, and that runbook file exists;
 * - `alerts/promql` and `dashboards/promql`: every rule expression and every
 *   Prometheus query of every dashboard parses, as `promtool check rules` sees it
 *   (Prometheus' own parser). Dashboard queries have Grafana's variables replaced first.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dump } from 'js-yaml';
import type { Finding } from './finding.ts';
import { objectRef, type KubeObject, type TreeObject } from './tree.ts';

const execFileAsync = promisify(execFile);

/** The folder every runbook_url must point into, relative to the repository's root. */
export const runbookFolder = 'docs/runbooks';

/** The label kube-prometheus-stack's Grafana sidecar loads dashboards from. */
const dashboardLabel = 'grafana_dashboard';

export function promtoolAvailable(): boolean {
  return spawnSync('promtool', ['--version'], { stdio: 'ignore' }).status === 0;
}

interface Rule {
  readonly alert?: unknown;
  readonly record?: unknown;
  readonly expr?: unknown;
  readonly annotations?: Record<string, unknown>;
}

interface Group {
  readonly name?: unknown;
  readonly rules?: readonly Rule[];
}

function groupsOf(object: KubeObject): readonly Group[] {
  const spec = object.spec as { groups?: unknown } | undefined;
  return Array.isArray(spec?.groups) ? (spec.groups as Group[]) : [];
}

const prometheusRules = (objects: readonly TreeObject[]) => objects.filter((o) => o.object.kind === 'PrometheusRule');
const dashboards = (objects: readonly TreeObject[]) =>
  objects.filter((o) => o.object.kind === 'ConfigMap' && String(o.object.metadata?.labels?.[dashboardLabel] ?? '') === '1');

/** Every alert has a runbook_url ending in docs/runbooks/<file>.md, and `<repoRoot>/docs/runbooks/<file>.md` exists. */
export function checkRunbooks(objects: readonly TreeObject[], repoRoot: string): Finding[] {
  const findings: Finding[] = [];
  for (const { file, object } of prometheusRules(objects)) {
    for (const group of groupsOf(object)) {
      for (const rule of group.rules ?? []) {
        if (typeof rule.alert !== 'string') continue;
        const error = (message: string) =>
          findings.push({ severity: 'error', check: 'alerts/runbook', file, object: objectRef(object), message: `alert ${rule.alert} (group ${String(group.name)}): ${message}` });
        const url = rule.annotations?.runbook_url;
        if (typeof url !== 'string' || url === '') {
          error(`has no runbook_url annotation (write a runbook in ${runbookFolder}/ and point the alert to it)`);
          continue;
        }
        const at = url.lastIndexOf(`/${runbookFolder}/`);
        const relative = at === -1 ? undefined : url.slice(at + 1).replace(/[#?].*$/, '');
        if (relative === undefined || !relative.endsWith('.md')) {
          error(`runbook_url ${url} does not point to a Markdown file in ${runbookFolder}/`);
        } else if (!existsSync(join(repoRoot, relative))) {
          error(`runbook ${relative} does not exist (runbook_url ${url}); write it`);
        }
      }
    }
  }
  return findings;
}

/** A Prometheus query with Grafana's variables replaced, so that Prometheus' parser can read it. */
export function grafanaQueryAsPromQL(expr: string): string {
  return expr
    .replace(/\$__(rate_interval|interval|range|range_s|range_ms)\b/g, (_, name: string) => (name.startsWith('range_') ? '300' : '5m'))
    .replace(/\[\$\{?(\w+)\}?\]/g, '[5m]')
    .replace(/\$\{(\w+)(:[a-z]+)?\}|\$(\w+)/g, '.*');
}

interface DashboardQuery {
  readonly expr: string;
  readonly where: string;
}

/** Prometheus queries of a dashboard ConfigMap: every target with an `expr`, in every panel and row. */
function dashboardQueries(object: KubeObject): { queries: DashboardQuery[]; problems: string[] } {
  const queries: DashboardQuery[] = [];
  const problems: string[] = [];
  const data = (object.data ?? {}) as Record<string, unknown>;
  for (const [key, text] of Object.entries(data)) {
    let dashboard: unknown;
    try {
      dashboard = JSON.parse(String(text));
    } catch (error) {
      problems.push(`${key} is not JSON: ${(error as Error).message}`);
      continue;
    }
    const visit = (panels: unknown, path: string) => {
      if (!Array.isArray(panels)) return;
      panels.forEach((panel: { title?: unknown; targets?: unknown; panels?: unknown; datasource?: { type?: unknown } }, i) => {
        const where = `${path} panel "${String(panel.title ?? i)}"`;
        if (Array.isArray(panel.targets)) {
          for (const target of panel.targets as { expr?: unknown; refId?: unknown; datasource?: { type?: unknown } }[]) {
            const type = target.datasource?.type ?? panel.datasource?.type ?? 'prometheus';
            if (type === 'prometheus' && typeof target.expr === 'string' && target.expr !== '') {
              queries.push({ expr: target.expr, where: `${where} query ${String(target.refId ?? '?')}` });
            }
          }
        }
        visit(panel.panels, where);
      });
    };
    visit((dashboard as { panels?: unknown }).panels, key);
  }
  return { queries, problems };
}

/** Parses every rule and dashboard query with `promtool check rules`, one file per object. */
export async function checkQueries(objects: readonly TreeObject[]): Promise<Finding[]> {
  const dir = mkdtempSync(join(tmpdir(), 'strata-verify-promql-'));
  const findings: Finding[] = [];
  try {
    const files: { path: string; tree: TreeObject; check: string; where: readonly string[] }[] = [];
    prometheusRules(objects).forEach((tree, i) => {
      const path = join(dir, `rules-${i}.yml`);
      writeFileSync(path, dump({ groups: groupsOf(tree.object) }, { lineWidth: -1, noRefs: true }));
      files.push({ path, tree, check: 'alerts/promql', where: [] });
    });
    dashboards(objects).forEach((tree, i) => {
      const { queries, problems } = dashboardQueries(tree.object);
      for (const problem of problems) findings.push({ severity: 'error', check: 'dashboards/promql', file: tree.file, object: objectRef(tree.object), message: problem });
      if (queries.length === 0) return;
      const path = join(dir, `dashboard-${i}.yml`);
      const rules = queries.map((q, n) => ({ record: `dashboard_query_${n}`, expr: grafanaQueryAsPromQL(q.expr) }));
      writeFileSync(path, dump({ groups: [{ name: 'dashboard', rules }] }, { lineWidth: -1, noRefs: true }));
      files.push({ path, tree, check: 'dashboards/promql', where: queries.map((q) => q.where) });
    });
    // One promtool per file, a few at a time: its exit code and output then belong to one object.
    const outputs: (string | undefined)[] = [];
    for (let i = 0; i < files.length; i += 8) {
      outputs.push(...(await Promise.all(files.slice(i, i + 8).map(({ path }) => promtool(path)))));
    }
    files.forEach(({ path, tree, check, where }, i) => {
      const output = outputs[i];
      if (output === undefined) return;
      const message = output
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('Checking') && line !== 'FAILED:')
        .map((line) => line.replace(path, '').replace(/dashboard_query_(\d+)/g, (_, n: string) => where[Number(n)] ?? `query ${n}`))
        .join('; ');
      findings.push({ severity: 'error', check, file: tree.file, object: objectRef(tree.object), message: `promtool check rules: ${message}` });
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return findings;
}

/** promtool's output when the file fails, undefined when it passes. */
async function promtool(path: string): Promise<string | undefined> {
  try {
    await execFileAsync('promtool', ['check', 'rules', path], { maxBuffer: 1 << 26 });
    return undefined;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    return `${failed.stdout ?? ''}${failed.stderr ?? ''}` || failed.message;
  }
}
