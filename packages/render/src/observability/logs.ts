import { environmentOf, type Cluster, type ObjectStorage, type Platform } from '@strata/model';
import { endpoints } from './endpoints.ts';
import { sizing } from './sizing.ts';

/** Loki: one binary on the filesystem without a bucket (kind, dev), simple-scalable on S3 with one. */
export function renderLokiValues(platform: Platform, cluster: Cluster): Record<string, unknown> {
  const environment = environmentOf(platform, cluster);
  const size = sizing[environment.profile];
  const storage: ObjectStorage = platform.addons.observability.logs[cluster.name] ?? { type: 'filesystem' };
  const schemaConfig = {
    configs: [{ from: '2024-04-01', store: 'tsdb', object_store: storage.type, schema: 'v13', index: { prefix: 'index_', period: '24h' } }],
  };
  const common = {
    lokiCanary: { enabled: false },
    test: { enabled: false },
    // The chunks cache asks for 8 GiB of memory by default; results caching is enough here.
    chunksCache: { enabled: false },
    // Loki's own metrics feed the platform's Loki alerts (push errors, discarded samples).
    monitoring: { serviceMonitor: { enabled: true } },
  };
  const limits = { retention_period: size.logRetention };
  // Retention is applied by the compactor, which needs to know where delete requests live.
  const compactor = { retention_enabled: true, delete_request_store: storage.type };
  if (storage.type === 'filesystem') {
    return {
      ...common,
      deploymentMode: 'SingleBinary',
      loki: { auth_enabled: false, commonConfig: { replication_factor: 1 }, storage: { type: 'filesystem' }, schemaConfig, limits_config: limits, compactor },
      singleBinary: { replicas: 1, persistence: { size: size.lokiStorage } },
      read: { replicas: 0 },
      write: { replicas: 0 },
      backend: { replicas: 0 },
      resultsCache: { enabled: false },
    };
  }
  return {
    ...common,
    deploymentMode: 'SimpleScalable',
    loki: {
      auth_enabled: false,
      storage: { type: 's3', bucketNames: { chunks: storage.bucket, ruler: storage.bucket, admin: storage.bucket }, s3: { region: storage.region } },
      schemaConfig,
      limits_config: limits,
      compactor,
    },
    write: { replicas: 3, persistence: { size: size.lokiStorage } },
    read: { replicas: 2 },
    backend: { replicas: 2 },
  };
}

/**
 * Grafana Alloy on every node: tails the pods' log files (hostPath /var/log, so its
 * namespace is privileged) and pushes them to Loki with namespace, pod and container labels.
 */
export function renderAlloyValues(platform: Platform, cluster: Cluster): Record<string, unknown> {
  const { lokiUrl } = endpoints(platform.monitoringNamespace);
  const config = `discovery.kubernetes "pods" {
  role = "pod"
  selectors {
    role  = "pod"
    field = "spec.nodeName=" + sys.env("HOSTNAME")
  }
}

discovery.relabel "pods" {
  targets = discovery.kubernetes.pods.targets
  rule {
    source_labels = ["__meta_kubernetes_namespace"]
    target_label  = "namespace"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_name"]
    target_label  = "pod"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_container_name"]
    target_label  = "container"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_label_app_kubernetes_io_name"]
    target_label  = "app"
  }
  rule {
    source_labels = ["__meta_kubernetes_pod_uid", "__meta_kubernetes_pod_container_name"]
    separator     = "/"
    target_label  = "__path__"
    replacement   = "/var/log/pods/*$1/*.log"
  }
}

local.file_match "pods" {
  path_targets = discovery.relabel.pods.output
}

loki.source.file "pods" {
  targets    = local.file_match.pods.targets
  forward_to = [loki.process.pods.receiver]
}

loki.process "pods" {
  stage.cri {}
  forward_to = [loki.write.default.receiver]
}

loki.write "default" {
  endpoint {
    url = "${lokiUrl}/loki/api/v1/push"
  }
  external_labels = {
    cluster = "${cluster.name}",
  }
}
`;
  return {
    controller: { type: 'daemonset' },
    alloy: { configMap: { content: config }, mounts: { varlog: true } },
    // Alloy's metrics (loki_write_dropped_entries_total) feed the AlloyDroppingLogs alert.
    serviceMonitor: { enabled: true },
  };
}
