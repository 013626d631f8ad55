import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { Cluster, Platform } from '@strata/model';
import type { Component } from '../component.ts';
import { labels, managedBy, typed, type KubeObject } from '../kube.ts';
import { addonsProject } from '../naming.ts';
import type { AppUnit, ChartUnit } from '../unit.ts';
import { waves } from '../waves.ts';
import { releases } from './endpoints.ts';
import { renderAlloyValues, renderLokiValues } from './logs.ts';
import { renderMonitoringNetworkPolicies } from './network-policy.ts';
import { prometheusStackValuesHeader, renderPrometheusStackValues } from './prometheus-stack.ts';
import { renderDashboardConfigMaps } from '../dashboards/index.ts';
import { platformSlos, renderPlatformAlertsPrometheusRule, renderSloPrometheusRule } from './rules.ts';
import { renderCollectorValues, renderTempoValues } from './traces.ts';

/**
 * The monitoring namespace. node-exporter (host network, PID, paths) and Alloy (hostPath
 * /var/log) cannot run under "restricted", so it enforces "privileged" and only warns and
 * audits at "baseline". Its pods come from charts rendered in the cluster, which
 * `strata verify` cannot see; the charts' own security contexts are trusted here.
 */
function renderMonitoringNamespace(platform: Platform, cluster: Cluster): KubeObject {
  return typed<INamespace>({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: platform.monitoringNamespace,
      labels: {
        [labels.managedBy]: managedBy,
        [labels.environment]: cluster.environment,
        'pod-security.kubernetes.io/enforce': 'privileged',
        'pod-security.kubernetes.io/enforce-version': 'latest',
        'pod-security.kubernetes.io/audit': 'baseline',
        'pod-security.kubernetes.io/warn': 'baseline',
      },
    },
  });
}

/**
 * Metrics, logs, traces and alerting on every workload cluster: kube-prometheus-stack,
 * Loki with Alloy on every node, Tempo and the OpenTelemetry Collector, after the CRDs;
 * the platform's alerts and the SLOs' rules as PrometheusRules, and the dashboards as
 * ConfigMaps for Grafana's sidecar.
 */
export const observability: Component = {
  name: 'observability',
  render(platform: Platform, cluster: Cluster): readonly AppUnit[] {
    if (cluster.role !== 'workload') return [];
    const chart = (unit: Omit<ChartUnit, 'type' | 'namespace' | 'project' | 'wave'>): ChartUnit => ({
      type: 'chart',
      namespace: platform.monitoringNamespace,
      project: addonsProject,
      wave: waves.addons,
      ...unit,
    });
    return [
      {
        type: 'manifests',
        name: 'monitoring-namespace',
        namespace: platform.monitoringNamespace,
        project: addonsProject,
        wave: waves.tenancy,
        objects: [renderMonitoringNamespace(platform, cluster), ...renderMonitoringNetworkPolicies(platform, cluster)],
      },
      chart({
        name: releases.prometheusStack,
        chart: 'kube-prometheus-stack',
        // Its CRs are large and the operator's webhooks patch them: apply server-side.
        serverSideApply: true,
        values: renderPrometheusStackValues(platform, cluster),
        valuesHeader: prometheusStackValuesHeader(platform),
      }),
      chart({ name: releases.loki, chart: 'loki', values: renderLokiValues(platform, cluster) }),
      chart({ name: releases.alloy, chart: 'alloy', values: renderAlloyValues(platform, cluster) }),
      chart({ name: releases.tempo, chart: 'tempo', values: renderTempoValues(platform, cluster) }),
      chart({ name: releases.collector, chart: 'opentelemetry-collector', values: renderCollectorValues(platform, cluster) }),
      {
        type: 'manifests',
        name: 'monitoring-rules',
        namespace: platform.monitoringNamespace,
        project: addonsProject,
        wave: waves.addons,
        objects: [renderPlatformAlertsPrometheusRule(platform), ...renderSloPrometheusRule(platform)],
      },
      {
        type: 'manifests',
        name: 'dashboards',
        namespace: platform.monitoringNamespace,
        project: addonsProject,
        wave: waves.addons,
        // Dashboards are large JSON documents: no last-applied annotation.
        serverSideApply: true,
        objects: renderDashboardConfigMaps({
          namespace: platform.monitoringNamespace,
          services: platform.services.map((s) => s.name),
          slos: platformSlos(platform),
        }),
      },
    ];
  },
};
