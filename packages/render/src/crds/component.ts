import type { Component } from '../component.ts';
import { addonsProject } from '../naming.ts';
import type { AppUnit } from '../unit.ts';
import { waves } from '../waves.ts';

/** The Prometheus Operator's CRDs, which services' ServiceMonitors need before they sync. */
const prometheusOperatorCrds = [
  'Alertmanager',
  'AlertmanagerConfig',
  'PodMonitor',
  'Probe',
  'Prometheus',
  'PrometheusAgent',
  'PrometheusRule',
  'ScrapeConfig',
  'ServiceMonitor',
  'ThanosRuler',
].map((kind) => `monitoring.coreos.com/${kind}`);

/** CRDs installed on their own, in the earliest wave, so that no later wave waits on a chart. */
export const crds: Component = {
  name: 'crds',
  render(): readonly AppUnit[] {
    return [
      {
        type: 'chart',
        name: 'prometheus-operator-crds',
        chart: 'prometheus-operator-crds',
        namespace: 'kube-system',
        project: addonsProject,
        wave: waves.crds,
        providesCrds: prometheusOperatorCrds,
        // These CRDs exceed the 256 KiB limit of client-side apply's annotation.
        serverSideApply: true,
        values: {},
      },
    ];
  },
};
