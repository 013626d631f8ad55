import { describe, expect, it } from 'vitest';
import { formatFinding } from './finding.ts';
import { checkPodSecurity, podSecurityControls } from './pod-security.ts';
import type { KubeObject, TreeObject } from './tree.ts';

type Fields = Record<string, unknown>;

interface ContainerFixture {
  name: string;
  image: string;
  securityContext: Fields;
  [field: string]: unknown;
}

interface PodSpecFixture {
  securityContext: Fields;
  containers: ContainerFixture[];
  initContainers?: ContainerFixture[];
  volumes: Fields[];
  [field: string]: unknown;
}

/** A pod template to edit: `app` is `spec.containers[0]`. */
interface PodFixture {
  annotations: Record<string, string>;
  spec: PodSpecFixture;
  app: ContainerFixture;
}

const file = 'deploy/clusters/dev-local/orders/deployment.yaml';
const where = `${file} Deployment/shop/orders`;

function restrictedContainer(name: string): ContainerFixture {
  return {
    name,
    image: 'registry.example.com/shop/orders:1.4.2',
    securityContext: {
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    },
  };
}

/** Fully restricted-compliant: runAsNonRoot and seccomp set at pod level, inherited by `app`. */
function restrictedPod(): PodFixture {
  const app = restrictedContainer('app');
  return {
    annotations: {},
    app,
    spec: {
      securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [app],
      volumes: [
        { name: 'tmp', emptyDir: {} },
        { name: 'config', configMap: { name: 'orders' } },
        { name: 'credentials', secret: { secretName: 'orders-db' } },
        { name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
      ],
    },
  };
}

function template(pod: PodFixture): Fields {
  return { metadata: { labels: { app: 'orders' }, annotations: pod.annotations }, spec: pod.spec };
}

function deployment(pod: PodFixture): TreeObject {
  const object: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'orders', namespace: 'shop' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'orders' } }, template: template(pod) },
  };
  return { file, index: 0, object };
}

/** The formatted findings for the restricted Deployment after `edit`. */
function linesAfter(edit: (pod: PodFixture) => void): string[] {
  const pod = restrictedPod();
  edit(pod);
  return checkPodSecurity([deployment(pod)]).map(formatFinding);
}

describe('checkPodSecurity', () => {
  it('GIVEN a fully restricted-compliant Deployment WHEN checked THEN there are no findings', () => {
    expect(linesAfter(() => {})).toEqual([]);
  });

  it('GIVEN objects without a pod template WHEN checked THEN they are skipped', () => {
    const objects: TreeObject[] = [
      { file, index: 0, object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'orders' }, spec: {} } },
      { file, index: 1, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'orders' } } },
      // A Rollout that references a Deployment's template instead of carrying one.
      {
        file,
        index: 2,
        object: {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Rollout',
          metadata: { name: 'orders', namespace: 'shop' },
          spec: { workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'orders' } },
        },
      },
    ];
    expect(checkPodSecurity(objects)).toEqual([]);
  });

  describe('baseline', () => {
    it('GIVEN a Windows HostProcess pod WHEN checked THEN pod and container are reported', () => {
      const lines = linesAfter((pod) => {
        pod.spec.securityContext.windowsOptions = { hostProcess: true };
        pod.app.securityContext.windowsOptions = { hostProcess: true };
      });
      expect(lines).toEqual([
        `error PSS-baseline/host-process ${where}: pod sets windowsOptions.hostProcess=true`,
        `error PSS-baseline/host-process ${where}: container "app" sets windowsOptions.hostProcess=true`,
      ]);
    });

    it('GIVEN hostNetwork, hostPID and hostIPC WHEN checked THEN each is reported', () => {
      const lines = linesAfter((pod) => {
        pod.spec.hostNetwork = true;
        pod.spec.hostPID = true;
        pod.spec.hostIPC = true;
      });
      expect(lines).toEqual([
        `error PSS-baseline/host-namespaces ${where}: pod uses hostNetwork`,
        `error PSS-baseline/host-namespaces ${where}: pod uses hostPID`,
        `error PSS-baseline/host-namespaces ${where}: pod uses hostIPC`,
      ]);
    });

    it('GIVEN host namespaces explicitly false WHEN checked THEN nothing is reported', () => {
      const lines = linesAfter((pod) => {
        pod.spec.hostNetwork = false;
        pod.spec.hostPID = false;
      });
      expect(lines).toEqual([]);
    });

    it('GIVEN a privileged container WHEN checked THEN it is a baseline finding, not also a restricted one', () => {
      const lines = linesAfter((pod) => {
        // The API refuses privileged with allowPrivilegeEscalation=false, so it is unset here.
        pod.app.securityContext = { privileged: true, capabilities: { drop: ['ALL'] } };
      });
      expect(lines).toEqual([
        `error PSS-baseline/privileged ${where}: container "app" is privileged`,
        `error PSS-restricted/privilege-escalation ${where}: container "app" does not set allowPrivilegeEscalation=false`,
      ]);
    });

    it('GIVEN privileged explicitly false WHEN checked THEN nothing is reported', () => {
      expect(linesAfter((pod) => (pod.app.securityContext.privileged = false))).toEqual([]);
    });

    it('GIVEN a container adding SYS_ADMIN WHEN checked THEN only the baseline control reports it', () => {
      const lines = linesAfter((pod) => {
        pod.app.securityContext.capabilities = { drop: ['ALL'], add: ['SYS_ADMIN'] };
      });
      expect(lines).toEqual([
        `error PSS-baseline/capabilities ${where}: container "app" adds capability "SYS_ADMIN" beyond the baseline default set`,
      ]);
    });

    it('GIVEN a hostPath volume WHEN checked THEN it is a baseline finding, not also a volume-type one', () => {
      const lines = linesAfter((pod) => {
        pod.spec.volumes.push({ name: 'data', hostPath: { path: '/var/lib/orders' } });
      });
      expect(lines).toEqual([`error PSS-baseline/host-path-volumes ${where}: volume "data" uses hostPath`]);
    });

    it('GIVEN a hostPort WHEN checked THEN the container is reported, and hostPort 0 is allowed', () => {
      const lines = linesAfter((pod) => {
        pod.app.ports = [
          { name: 'http', containerPort: 8080, hostPort: 8080 },
          { name: 'metrics', containerPort: 9090, hostPort: 0 },
        ];
      });
      expect(lines).toEqual([`error PSS-baseline/host-ports ${where}: container "app" uses hostPort 8080`]);
    });

    it('GIVEN a probe and a hook with a host WHEN checked THEN each field is reported', () => {
      const lines = linesAfter((pod) => {
        pod.app.livenessProbe = { httpGet: { host: '10.0.0.1', path: '/healthz', port: 8080 } };
        pod.app.readinessProbe = { httpGet: { host: '', path: '/ready', port: 8080 } };
        pod.app.lifecycle = { preStop: { tcpSocket: { host: 'metadata.internal', port: 80 } } };
      });
      expect(lines).toEqual([
        `error PSS-baseline/host-probes-lifecycle-hooks ${where}: container "app" sets livenessProbe.httpGet.host "10.0.0.1"`,
        `error PSS-baseline/host-probes-lifecycle-hooks ${where}: container "app" sets lifecycle.preStop.tcpSocket.host "metadata.internal"`,
      ]);
    });

    it('GIVEN AppArmor unconfined in the field and the annotation form WHEN checked THEN both are reported', () => {
      const lines = linesAfter((pod) => {
        pod.app.securityContext.appArmorProfile = { type: 'Unconfined' };
        pod.annotations['container.apparmor.security.beta.kubernetes.io/app'] = 'unconfined';
      });
      expect(lines).toEqual([
        `error PSS-baseline/apparmor ${where}: container "app" sets appArmorProfile.type "Unconfined"; allowed: RuntimeDefault, Localhost`,
        `error PSS-baseline/apparmor ${where}: annotation container.apparmor.security.beta.kubernetes.io/app is "unconfined"; allowed: runtime/default, localhost/*`,
      ]);
    });

    it('GIVEN AppArmor RuntimeDefault, Localhost and runtime/default WHEN checked THEN nothing is reported', () => {
      const lines = linesAfter((pod) => {
        pod.spec.securityContext.appArmorProfile = { type: 'RuntimeDefault' };
        pod.app.securityContext.appArmorProfile = { type: 'Localhost', localhostProfile: 'k8s-orders' };
        pod.annotations['container.apparmor.security.beta.kubernetes.io/app'] = 'runtime/default';
      });
      expect(lines).toEqual([]);
    });

    it('GIVEN SELinux type spc_t and a custom user WHEN checked THEN each field is reported', () => {
      const lines = linesAfter((pod) => {
        pod.app.securityContext.seLinuxOptions = { type: 'spc_t' };
        pod.spec.securityContext.seLinuxOptions = { user: 'system_u', level: 's0:c123,c456' };
      });
      expect(lines).toEqual([
        `error PSS-baseline/selinux ${where}: pod sets seLinuxOptions.user "system_u"`,
        `error PSS-baseline/selinux ${where}: container "app" sets seLinuxOptions.type "spc_t"; allowed: container_t, container_init_t, container_kvm_t, container_engine_t`,
      ]);
    });

    it('GIVEN SELinux type container_engine_t and a level WHEN checked THEN nothing is reported', () => {
      const lines = linesAfter((pod) => {
        pod.app.securityContext.seLinuxOptions = { type: 'container_engine_t', level: 's0:c1,c2' };
      });
      expect(lines).toEqual([]);
    });

    it('GIVEN procMount Unmasked WHEN checked THEN it is a baseline finding', () => {
      const lines = linesAfter((pod) => {
        pod.app.securityContext.procMount = 'Unmasked';
      });
      expect(lines).toEqual([`error PSS-baseline/proc-mount ${where}: container "app" sets procMount "Unmasked"`]);
    });

    it('GIVEN a container with seccomp Unconfined WHEN checked THEN it is a baseline finding only', () => {
      const lines = linesAfter((pod) => {
        pod.app.securityContext.seccompProfile = { type: 'Unconfined' };
      });
      expect(lines).toEqual([`error PSS-baseline/seccomp ${where}: container "app" sets seccompProfile.type "Unconfined"`]);
    });

    it('GIVEN a pod-level seccomp Unconfined WHEN checked THEN the pod is reported, not each inheriting container', () => {
      const lines = linesAfter((pod) => {
        pod.spec.securityContext.seccompProfile = { type: 'Unconfined' };
        pod.spec.containers.push(restrictedContainer('sidecar'));
      });
      expect(lines).toEqual([`error PSS-baseline/seccomp ${where}: pod sets seccompProfile.type "Unconfined"`]);
    });

    it('GIVEN an unsafe and a safe sysctl WHEN checked THEN only the unsafe one is reported', () => {
      const lines = linesAfter((pod) => {
        pod.spec.securityContext.sysctls = [
          { name: 'net.ipv4.tcp_keepalive_time', value: '300' },
          { name: 'kernel.msgmax', value: '65536' },
        ];
      });
      expect(lines).toEqual([`error PSS-baseline/sysctls ${where}: pod sets unsafe sysctl "kernel.msgmax"`]);
    });
  });

  describe('restricted', () => {
    it('GIVEN an nfs volume WHEN checked THEN it is a volume-type finding', () => {
      const lines = linesAfter((pod) => {
        pod.spec.volumes.push({ name: 'share', nfs: { server: 'nfs.example.com', path: '/exports' } });
      });
      expect(lines).toEqual([
        `error PSS-restricted/volume-types ${where}: volume "share" uses nfs, which the restricted profile does not allow`,
      ]);
    });

    it('GIVEN csi, ephemeral, downwardAPI, persistentVolumeClaim and image volumes WHEN checked THEN they are allowed', () => {
      const lines = linesAfter((pod) => {
        pod.spec.volumes.push(
          { name: 'secrets-store', csi: { driver: 'secrets-store.csi.k8s.io' } },
          { name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } },
          { name: 'labels', downwardAPI: { items: [] } },
          { name: 'data', persistentVolumeClaim: { claimName: 'orders-data' } },
          { name: 'models', image: { reference: 'registry.example.com/models:1' } },
        );
      });
      expect(lines).toEqual([]);
    });

    it('GIVEN allowPrivilegeEscalation true or missing WHEN checked THEN each container is reported', () => {
      const lines = linesAfter((pod) => {
        pod.app.securityContext.allowPrivilegeEscalation = true;
        const worker = restrictedContainer('worker');
        delete worker.securityContext.allowPrivilegeEscalation;
        pod.spec.containers.push(worker);
      });
      expect(lines).toEqual([
        `error PSS-restricted/privilege-escalation ${where}: container "app" sets allowPrivilegeEscalation=true`,
        `error PSS-restricted/privilege-escalation ${where}: container "worker" does not set allowPrivilegeEscalation=false`,
      ]);
    });

    it('GIVEN runAsNonRoot missing on pod and container WHEN checked THEN the container is reported', () => {
      const lines = linesAfter((pod) => {
        delete pod.spec.securityContext.runAsNonRoot;
      });
      expect(lines).toEqual([
        `error PSS-restricted/run-as-non-root ${where}: container "app" does not set runAsNonRoot=true; set it on the container or the pod`,
      ]);
    });

    it('GIVEN runAsNonRoot false on the pod but true on every container WHEN checked THEN the pod is still reported', () => {
      const lines = linesAfter((pod) => {
        pod.spec.securityContext.runAsNonRoot = false;
        pod.app.securityContext.runAsNonRoot = true;
      });
      expect(lines).toEqual([`error PSS-restricted/run-as-non-root ${where}: pod sets runAsNonRoot=false`]);
    });

    it('GIVEN runAsNonRoot false on the pod and unset on the containers WHEN checked THEN only the pod is reported', () => {
      const lines = linesAfter((pod) => {
        pod.spec.securityContext.runAsNonRoot = false;
        pod.spec.containers.push(restrictedContainer('sidecar'));
      });
      expect(lines).toEqual([`error PSS-restricted/run-as-non-root ${where}: pod sets runAsNonRoot=false`]);
    });

    it('GIVEN runAsNonRoot true on the pod and false on a container WHEN checked THEN the container overrides and is reported', () => {
      const lines = linesAfter((pod) => {
        pod.app.securityContext.runAsNonRoot = false;
      });
      expect(lines).toEqual([`error PSS-restricted/run-as-non-root ${where}: container "app" sets runAsNonRoot=false`]);
    });

    it('GIVEN runAsUser 0 on pod and container WHEN checked THEN both are reported', () => {
      const lines = linesAfter((pod) => {
        pod.spec.securityContext.runAsUser = 0;
        pod.app.securityContext.runAsUser = 0;
      });
      expect(lines).toEqual([
        `error PSS-restricted/run-as-user ${where}: pod sets runAsUser=0`,
        `error PSS-restricted/run-as-user ${where}: container "app" sets runAsUser=0`,
      ]);
    });

    it('GIVEN no seccomp profile on pod or container WHEN checked THEN the container is reported', () => {
      const lines = linesAfter((pod) => {
        delete pod.spec.securityContext.seccompProfile;
      });
      expect(lines).toEqual([
        `error PSS-restricted/seccomp ${where}: container "app" has no seccompProfile; set type RuntimeDefault or Localhost on the container or the pod`,
      ]);
    });

    it('GIVEN no pod seccomp profile but Localhost on every container WHEN checked THEN nothing is reported', () => {
      const lines = linesAfter((pod) => {
        delete pod.spec.securityContext.seccompProfile;
        pod.app.securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'profiles/orders.json' };
      });
      expect(lines).toEqual([]);
    });

    it('GIVEN a container that does not drop ALL capabilities WHEN checked THEN the exact line is printed', () => {
      const lines = linesAfter((pod) => {
        pod.app.securityContext.capabilities = { drop: ['NET_RAW'] };
      });
      expect(lines).toEqual([
        'error PSS-restricted/capabilities deploy/clusters/dev-local/orders/deployment.yaml Deployment/shop/orders: container "app" does not drop ALL capabilities',
      ]);
    });

    it('GIVEN a container adding CHOWN and NET_BIND_SERVICE WHEN checked THEN only CHOWN is reported, as restricted', () => {
      const lines = linesAfter((pod) => {
        pod.app.securityContext.capabilities = { drop: ['ALL'], add: ['NET_BIND_SERVICE', 'CHOWN'] };
      });
      expect(lines).toEqual([
        `error PSS-restricted/capabilities ${where}: container "app" adds capability "CHOWN"; only NET_BIND_SERVICE may be added`,
      ]);
    });

    it('GIVEN a Windows pod without Linux-only settings WHEN checked THEN only the Linux-independent controls apply', () => {
      const lines = linesAfter((pod) => {
        pod.spec.os = { name: 'windows' };
        pod.spec.securityContext = { runAsNonRoot: true };
        pod.app.securityContext = {};
      });
      expect(lines).toEqual([]);
    });

    it('GIVEN a pod in a user namespace WHEN checked THEN root and procMount are relaxed to what restricted still forbids', () => {
      const lines = linesAfter((pod) => {
        pod.spec.hostUsers = false;
        pod.spec.securityContext.runAsNonRoot = false;
        pod.spec.securityContext.runAsUser = 0;
        pod.app.securityContext.procMount = 'Unmasked';
      });
      expect(lines).toEqual([`error PSS-restricted/proc-mount ${where}: container "app" sets procMount "Unmasked"`]);
    });
  });

  describe('inheritance and containers', () => {
    it('GIVEN runAsNonRoot and seccomp only on the containers WHEN checked THEN nothing is reported', () => {
      const lines = linesAfter((pod) => {
        pod.spec.securityContext = {};
        pod.app.securityContext.runAsNonRoot = true;
        pod.app.securityContext.seccompProfile = { type: 'RuntimeDefault' };
      });
      expect(lines).toEqual([]);
    });

    it('GIVEN pod-level runAsNonRoot and seccomp WHEN a second container sets neither THEN it inherits them', () => {
      const lines = linesAfter((pod) => {
        pod.spec.containers.push(restrictedContainer('sidecar'));
      });
      expect(lines).toEqual([]);
    });

    it('GIVEN an init container and an ephemeral container WHEN checked THEN both are checked and named', () => {
      const lines = linesAfter((pod) => {
        const migrate = restrictedContainer('migrate');
        migrate.securityContext.privileged = true;
        delete migrate.securityContext.allowPrivilegeEscalation;
        pod.spec.initContainers = [migrate];
        const debug = restrictedContainer('debug');
        debug.securityContext.capabilities = {};
        pod.spec.ephemeralContainers = [debug];
      });
      expect(lines).toEqual([
        `error PSS-baseline/privileged ${where}: init container "migrate" is privileged`,
        `error PSS-restricted/capabilities ${where}: ephemeral container "debug" does not drop ALL capabilities`,
        `error PSS-restricted/privilege-escalation ${where}: init container "migrate" does not set allowPrivilegeEscalation=false`,
      ]);
    });
  });

  describe('workload kinds', () => {
    function violatingPod(): PodFixture {
      const pod = restrictedPod();
      pod.app.securityContext.privileged = true;
      pod.app.securityContext.allowPrivilegeEscalation = undefined;
      return pod;
    }

    it('GIVEN a CronJob WHEN checked THEN its job template pod is checked', () => {
      const object: KubeObject = {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'orders-cleanup', namespace: 'shop' },
        spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: template(violatingPod()) } } },
      };
      const lines = checkPodSecurity([{ file: 'deploy/cronjob.yaml', index: 0, object }]).map(formatFinding);
      expect(lines).toEqual([
        'error PSS-baseline/privileged deploy/cronjob.yaml CronJob/shop/orders-cleanup: container "app" is privileged',
        'error PSS-restricted/privilege-escalation deploy/cronjob.yaml CronJob/shop/orders-cleanup: container "app" does not set allowPrivilegeEscalation=false',
      ]);
    });

    it.each([
      ['apps/v1', 'StatefulSet'],
      ['apps/v1', 'DaemonSet'],
      ['apps/v1', 'ReplicaSet'],
      ['v1', 'ReplicationController'],
      ['batch/v1', 'Job'],
      ['argoproj.io/v1alpha1', 'Rollout'],
    ])('GIVEN a %s %s WHEN checked THEN its pod template is checked', (apiVersion, kind) => {
      const object: KubeObject = {
        apiVersion,
        kind,
        metadata: { name: 'orders', namespace: 'shop' },
        spec: { template: template(violatingPod()) },
      };
      const findings = checkPodSecurity([{ file: 'deploy/orders.yaml', index: 1, object }]);
      expect(findings.map((f) => `${f.check} ${f.object}`)).toEqual([
        `PSS-baseline/privileged ${kind}/shop/orders`,
        `PSS-restricted/privilege-escalation ${kind}/shop/orders`,
      ]);
    });

    it('GIVEN a bare Pod WHEN checked THEN its own spec and annotations are checked', () => {
      const pod = violatingPod();
      pod.annotations['container.apparmor.security.beta.kubernetes.io/app'] = 'unconfined';
      const object: KubeObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'debug', namespace: 'shop', annotations: pod.annotations },
        spec: pod.spec,
      };
      const findings = checkPodSecurity([{ file: 'deploy/pod.yaml', index: 0, object }]);
      expect(findings.map((f) => f.check)).toEqual([
        'PSS-baseline/privileged',
        'PSS-baseline/apparmor',
        'PSS-restricted/privilege-escalation',
      ]);
      expect(findings[0]).toMatchObject({ severity: 'error', file: 'deploy/pod.yaml', object: 'Pod/shop/debug' });
    });
  });

  it('GIVEN pods violating every control WHEN checked THEN each finding is a documented control and each control fires', () => {
    const everything = linesAfter((pod) => {
      pod.spec.hostNetwork = true;
      pod.spec.securityContext = { windowsOptions: { hostProcess: true }, sysctls: [{ name: 'kernel.msgmax', value: '1' }] };
      pod.spec.volumes.push({ name: 'data', hostPath: { path: '/data' } }, { name: 'share', nfs: { server: 'nfs', path: '/' } });
      pod.app.ports = [{ containerPort: 80, hostPort: 80 }];
      pod.app.livenessProbe = { tcpSocket: { host: '10.0.0.1', port: 80 } };
      pod.app.securityContext = {
        privileged: true,
        capabilities: { add: ['SYS_ADMIN', 'CHOWN'] },
        appArmorProfile: { type: 'Unconfined' },
        seLinuxOptions: { type: 'spc_t' },
        procMount: 'Unmasked',
        seccompProfile: { type: 'Unconfined' },
        runAsUser: 0,
      };
      pod.spec.containers.push({ name: 'sidecar', image: 'sidecar:1', securityContext: {} });
    });
    const userNamespace = linesAfter((pod) => {
      pod.spec.hostUsers = false;
      pod.app.securityContext.procMount = 'Unmasked';
    });
    const fired = new Set([...everything, ...userNamespace].map((line) => line.split(' ')[1]));
    const documented = podSecurityControls.map((c) => `PSS-${c.profile}/${c.id}`);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...fired].sort()).toEqual([...documented].sort());
  });
});
