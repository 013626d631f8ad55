import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import type { Platform, Slo } from '@strata/model';
import { labels, managedBy, typed, type KubeObject } from '../kube.ts';
import { renderSloRules, type PrometheusRuleGroup } from '../slo/rules.ts';
import { renderPlatformAlertGroups } from './platform-alerts.ts';

/** The folder of runbooks in the platform's repository; every alert's runbook_url points into it. */
export const runbookFolder = 'docs/runbooks';

/**
 * `https://github.com/acme/platform/blob/main/docs/runbooks/`: runbooks are read where the
 * platform's Git repository is browsed (GitHub's and Gitea's `blob/<revision>` layout).
 */
export function runbookBaseUrl(platform: Platform): string {
  const web = platform.repo.url.replace(/\.git$/, '').replace(/^git@([^:]+):/, 'https://$1/');
  return `${web}/blob/${platform.repo.revision}/${runbookFolder}/`;
}

/** Every SLO of the platform, by service then name. */
export function platformSlos(platform: Platform): Slo[] {
  return platform.services.flatMap((s) => s.slos);
}

/** The recording and alerting rules of every SLO; none when no service has one. */
export function renderSloPrometheusRule(platform: Platform): KubeObject[] {
  const slos = platformSlos(platform);
  if (slos.length === 0) return [];
  // Each cluster's Prometheus evaluates its own rules: no grouping label is needed in
  // the cluster; `cluster` is an external label added to every alert it sends.
  const groups = renderSloRules(slos, { runbookUrl: `${runbookBaseUrl(platform)}slo-burn-rate.md` });
  return [prometheusRule(platform, 'strata-slos', groups)];
}

/** The platform's own alerts, beyond the chart's defaults. */
export function renderPlatformAlertsPrometheusRule(platform: Platform): KubeObject {
  return prometheusRule(platform, 'strata-platform-alerts', renderPlatformAlertGroups({ runbookBaseUrl: runbookBaseUrl(platform) }));
}

function prometheusRule(platform: Platform, name: string, groups: readonly PrometheusRuleGroup[]): KubeObject {
  return typed<IPrometheusRule>({
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name, namespace: platform.monitoringNamespace, labels: { [labels.managedBy]: managedBy } },
    spec: {
      groups: groups.map((g) => ({
        name: g.name,
        ...(g.interval === undefined ? {} : { interval: g.interval }),
        rules: g.rules.map((r) => ({ ...r })),
      })),
    },
  });
}
