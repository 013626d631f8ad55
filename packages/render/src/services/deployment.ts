import { imageReference, type Cluster, type Platform, type Probe, type Service, type ServiceSettings } from '@strata/model';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import { annotations, typed, type KubeObject } from '../kube.ts';
import { selectorLabels, serviceMeta } from './metadata.ts';
import { renderTelemetryEnv } from './telemetry.ts';

/** The non-root user every service image runs as (see the services' Dockerfiles). */
const runAsUser = 10001;

/** A Deployment whose pods meet Pod Security "restricted" and the telemetry contract. */
export function renderDeployment(platform: Platform, service: Service, cluster: Cluster, settings: ServiceSettings): KubeObject {
  const meta = serviceMeta(service, cluster);
  return typed<IDeployment>({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: service.calls.length > 0 ? { ...meta, annotations: { [annotations.calls]: service.calls.join(',') } } : meta,
    spec: {
      // With an autoscaler, replicas belong to it: Argo CD would otherwise undo every scale.
      ...(settings.autoscaling === undefined ? { replicas: settings.replicas } : {}),
      revisionHistoryLimit: 3,
      selector: { matchLabels: selectorLabels(service) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } },
      template: {
        metadata: { labels: meta.labels },
        spec: {
          serviceAccountName: service.name,
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: 30,
          securityContext: {
            runAsNonRoot: true,
            runAsUser,
            runAsGroup: runAsUser,
            fsGroup: runAsUser,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: selectorLabels(service) },
            },
          ],
          containers: [
            {
              name: 'app',
              image: imageReference(settings.image),
              ports: settings.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: p.protocol })),
              env: renderEnv(platform, service, cluster, settings),
              resources: { requests: { ...settings.resources.requests }, limits: { ...settings.resources.limits } },
              livenessProbe: renderProbe(settings.probes.liveness),
              readinessProbe: renderProbe(settings.probes.readiness),
              ...(settings.probes.startup ? { startupProbe: renderProbe(settings.probes.startup) } : {}),
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                capabilities: { drop: ['ALL'] },
                seccompProfile: { type: 'RuntimeDefault' },
              },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          // A read-only root filesystem still needs somewhere to write temporary files.
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        },
      },
    },
  });
}

/** How long a terminating pod keeps serving before its listener closes (service-kit's SHUTDOWN_DELAY_MS). */
const shutdownDelayMs = 5_000;

/** The platform's variables, then the definition's; a variable the definition sets replaces the platform's whole. */
function renderEnv(platform: Platform, service: Service, cluster: Cluster, settings: ServiceSettings): IEnvVar[] {
  const fromPlatform: IEnvVar[] = [
    ...renderTelemetryEnv(platform, service, cluster, settings),
    // service-kit's graceful shutdown: stay in the endpoints (readiness false) while kube-proxy
    // and ingresses catch up, then drain in-flight requests; 5 s + its 20 s drain < the 30 s grace.
    { name: 'SHUTDOWN_DELAY_MS', value: String(shutdownDelayMs) },
  ];
  const declared = settings.env.map((v): IEnvVar =>
    'value' in v ? { name: v.name, value: v.value } : { name: v.name, valueFrom: { secretKeyRef: { name: v.secret, key: v.key } } },
  );
  const names = new Set(declared.map((v) => v.name));
  return [...fromPlatform.filter((v) => !names.has(v.name)), ...declared];
}

function renderProbe(probe: Probe): IProbe {
  return {
    httpGet: { path: probe.path, port: probe.port },
    periodSeconds: probe.periodSeconds,
    failureThreshold: probe.failureThreshold,
    timeoutSeconds: 2,
  };
}
