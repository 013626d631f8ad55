/**
 * The Pod Security Standards check of `strata verify`: every pod template in the tree is held to
 * the baseline and restricted profiles of https://kubernetes.io/docs/concepts/security/pod-security-standards/
 * at their latest version, with field semantics taken from the reference implementation
 * (k8s.io/pod-security-admission, `enforce-version: latest`).
 *
 * Each violation is reported once, under the lowest profile that forbids it: a privileged
 * container is `PSS-baseline/privileged` only, an added SYS_ADMIN is `PSS-baseline/capabilities`
 * only, while an added CHOWN (allowed by baseline) is `PSS-restricted/capabilities`.
 */
import type { Finding } from './finding.ts';
import type { KubeObject, TreeObject } from './tree.ts';
import { objectRef } from './tree.ts';
import { fields, isRecord, isSet, podTemplateOf, records, strings, type Fields } from './workload.ts';

export type PodSecurityProfile = 'baseline' | 'restricted';

export interface PodSecurityControl {
  readonly profile: PodSecurityProfile;
  /** Kebab-case control id; findings use the check `PSS-<profile>/<id>`. */
  readonly id: string;
  /** The control's name in the published standard. */
  readonly name: string;
  readonly description: string;
}

const baselineCapabilities = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** The safe sysctls of the latest standard (the later entries were added in v1.27, v1.29, v1.32 and v1.37). */
const safeSysctls = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem',
  'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat',
]);

const selinuxTypes = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

/** As the reference implementation: `image` is allowed too, since a pod may mount any image it could run. */
const restrictedVolumeTypes = new Set([
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
]);

const appArmorAnnotationPrefix = 'container.apparmor.security.beta.kubernetes.io/';

/** Every control this check implements, baseline first; each finding's check is `PSS-<profile>/<id>`. */
export const podSecurityControls: readonly PodSecurityControl[] = [
  {
    profile: 'baseline', id: 'host-process', name: 'HostProcess',
    description: 'windowsOptions.hostProcess must not be true on the pod or any container',
  },
  {
    profile: 'baseline', id: 'host-namespaces', name: 'Host Namespaces',
    description: 'hostNetwork, hostPID and hostIPC must not be true',
  },
  {
    profile: 'baseline', id: 'privileged', name: 'Privileged Containers',
    description: 'no container may set securityContext.privileged=true',
  },
  {
    profile: 'baseline', id: 'capabilities', name: 'Capabilities',
    description: `containers may add only ${[...baselineCapabilities].join(', ')}`,
  },
  {
    profile: 'baseline', id: 'host-path-volumes', name: 'HostPath Volumes',
    description: 'no volume may be a hostPath volume',
  },
  {
    profile: 'baseline', id: 'host-ports', name: 'Host Ports',
    description: 'no container port may set a hostPort other than 0',
  },
  {
    profile: 'baseline', id: 'host-probes-lifecycle-hooks', name: 'Host Probes / Lifecycle Hooks',
    description: 'probes and postStart/preStop hooks must not set httpGet.host or tcpSocket.host',
  },
  {
    profile: 'baseline', id: 'apparmor', name: 'AppArmor',
    description: 'AppArmor profiles must be RuntimeDefault or Localhost (annotations: runtime/default or localhost/*)',
  },
  {
    profile: 'baseline', id: 'selinux', name: 'SELinux',
    description: `seLinuxOptions.type must be unset or ${[...selinuxTypes].filter(Boolean).join(', ')}; user and role unset`,
  },
  {
    profile: 'baseline', id: 'proc-mount', name: '/proc Mount Type',
    description: 'procMount must be Default, unless the pod runs in a user namespace (hostUsers: false)',
  },
  {
    profile: 'baseline', id: 'seccomp', name: 'Seccomp',
    description: 'seccompProfile.type, where set on the pod or a container, must be RuntimeDefault or Localhost',
  },
  {
    profile: 'baseline', id: 'sysctls', name: 'Sysctls',
    description: `the pod may set only the safe sysctls: ${[...safeSysctls].join(', ')}`,
  },
  {
    profile: 'restricted', id: 'volume-types', name: 'Volume Types',
    description: `every volume must be one of ${[...restrictedVolumeTypes].join(', ')}`,
  },
  {
    profile: 'restricted', id: 'privilege-escalation', name: 'Privilege Escalation',
    description: 'every container must set allowPrivilegeEscalation=false (Linux pods)',
  },
  {
    profile: 'restricted', id: 'run-as-non-root', name: 'Running as Non-root',
    description: 'runAsNonRoot must be true on the pod or every container, never false (unless hostUsers: false)',
  },
  {
    profile: 'restricted', id: 'run-as-user', name: 'Running as Non-root user',
    description: 'runAsUser must not be 0 on the pod or any container (unless hostUsers: false)',
  },
  {
    profile: 'restricted', id: 'seccomp', name: 'Seccomp',
    description: 'seccompProfile.type must be RuntimeDefault or Localhost on the pod or every container (Linux pods)',
  },
  {
    profile: 'restricted', id: 'capabilities', name: 'Capabilities',
    description: 'every container must drop ALL and may add back only NET_BIND_SERVICE (Linux pods)',
  },
  {
    profile: 'restricted', id: 'proc-mount', name: '/proc Mount Type',
    description: 'procMount must be Default, also for pods in a user namespace',
  },
];


interface ContainerView {
  /** `container "app"`, `init container "migrate"` or `ephemeral container "debug"`. */
  readonly label: string;
  readonly fields: Fields;
  readonly securityContext: Fields;
}

interface PodView {
  readonly annotations: Fields;
  readonly spec: Fields;
  readonly securityContext: Fields;
  readonly containers: readonly ContainerView[];
  readonly volumes: readonly Fields[];
  /** `spec.os.name: windows`: the Linux-only restricted controls do not apply. */
  readonly windows: boolean;
  /** `spec.hostUsers: false`: root in the pod is not root on the node, which relaxes some controls. */
  readonly userNamespace: boolean;
}

interface Violation {
  readonly profile: PodSecurityProfile;
  readonly control: string;
  readonly message: string;
}

type Rule = (pod: PodView) => Violation[];

export function checkPodSecurity(objects: readonly TreeObject[]): Finding[] {
  const findings: Finding[] = [];
  for (const tree of objects) {
    const pod = podView(tree.object);
    if (pod === undefined) continue;
    for (const rule of rules) {
      for (const violation of rule(pod)) {
        findings.push({
          severity: 'error',
          check: `PSS-${violation.profile}/${violation.control}`,
          file: tree.file,
          object: objectRef(tree.object),
          message: violation.message,
        });
      }
    }
  }
  return findings;
}

function baseline(control: string, message: string): Violation {
  return { profile: 'baseline', control, message };
}

function restricted(control: string, message: string): Violation {
  return { profile: 'restricted', control, message };
}

/** The pod and its containers, for fields the standard restricts at both levels. */
function setters(pod: PodView): readonly { readonly label: string; readonly securityContext: Fields }[] {
  return [{ label: 'pod', securityContext: pod.securityContext }, ...pod.containers];
}

const hostProcess: Rule = (pod) =>
  setters(pod)
    .filter((s) => fields(s.securityContext.windowsOptions).hostProcess === true)
    .map((s) => baseline('host-process', `${s.label} sets windowsOptions.hostProcess=true`));

const hostNamespaces: Rule = (pod) =>
  ['hostNetwork', 'hostPID', 'hostIPC']
    .filter((field) => pod.spec[field] === true)
    .map((field) => baseline('host-namespaces', `pod uses ${field}`));

const privileged: Rule = (pod) =>
  pod.containers
    .filter((c) => c.securityContext.privileged === true)
    .map((c) => baseline('privileged', `${c.label} is privileged`));

const capabilities: Rule = (pod) => {
  const found: Violation[] = [];
  for (const c of pod.containers) {
    const caps = fields(c.securityContext.capabilities);
    const added = strings(caps.add);
    const beyondBaseline = added.filter((cap) => !baselineCapabilities.has(cap));
    if (beyondBaseline.length > 0) {
      const what = quoted('capability', 'capabilities', beyondBaseline);
      found.push(baseline('capabilities', `${c.label} adds ${what} beyond the baseline default set`));
    }
    if (pod.windows) continue;
    if (!strings(caps.drop).includes('ALL')) {
      found.push(restricted('capabilities', `${c.label} does not drop ALL capabilities`));
    }
    const beyondRestricted = added.filter((cap) => baselineCapabilities.has(cap) && cap !== 'NET_BIND_SERVICE');
    if (beyondRestricted.length > 0) {
      const what = quoted('capability', 'capabilities', beyondRestricted);
      found.push(restricted('capabilities', `${c.label} adds ${what}; only NET_BIND_SERVICE may be added`));
    }
  }
  return found;
};

const hostPathVolumes: Rule = (pod) =>
  pod.volumes
    .filter((volume) => isSet(volume.hostPath))
    .map((volume) => baseline('host-path-volumes', `volume ${nameOf(volume)} uses hostPath`));

const hostPorts: Rule = (pod) => {
  const found: Violation[] = [];
  for (const c of pod.containers) {
    const ports = records(c.fields.ports)
      .map((port) => port.hostPort)
      .filter((port): port is number => typeof port === 'number' && port !== 0);
    if (ports.length > 0) {
      const what = `${ports.length === 1 ? 'hostPort' : 'hostPorts'} ${ports.join(', ')}`;
      found.push(baseline('host-ports', `${c.label} uses ${what}`));
    }
  }
  return found;
};

const hostProbesAndLifecycleHooks: Rule = (pod) => {
  const found: Violation[] = [];
  for (const c of pod.containers) {
    const lifecycle = fields(c.fields.lifecycle);
    const handlers: readonly [string, unknown][] = [
      ['livenessProbe', c.fields.livenessProbe],
      ['readinessProbe', c.fields.readinessProbe],
      ['startupProbe', c.fields.startupProbe],
      ['lifecycle.postStart', lifecycle.postStart],
      ['lifecycle.preStop', lifecycle.preStop],
    ];
    for (const [path, handler] of handlers) {
      for (const action of ['httpGet', 'tcpSocket']) {
        const host = fields(fields(handler)[action]).host;
        if (typeof host === 'string' && host !== '') {
          found.push(baseline('host-probes-lifecycle-hooks', `${c.label} sets ${path}.${action}.host "${host}"`));
        }
      }
    }
  }
  return found;
};

const appArmor: Rule = (pod) => {
  const found: Violation[] = [];
  for (const s of setters(pod)) {
    const profile = s.securityContext.appArmorProfile;
    const type = fields(profile).type;
    if (isSet(profile) && type !== 'RuntimeDefault' && type !== 'Localhost') {
      const message = `${s.label} sets appArmorProfile.type ${show(type)}; allowed: RuntimeDefault, Localhost`;
      found.push(baseline('apparmor', message));
    }
  }
  for (const key of Object.keys(pod.annotations).sort()) {
    const value = pod.annotations[key];
    if (!key.startsWith(appArmorAnnotationPrefix) || typeof value !== 'string') continue;
    if (value !== '' && value !== 'runtime/default' && !value.startsWith('localhost/')) {
      found.push(baseline('apparmor', `annotation ${key} is "${value}"; allowed: runtime/default, localhost/*`));
    }
  }
  return found;
};

const seLinux: Rule = (pod) => {
  const found: Violation[] = [];
  for (const s of setters(pod)) {
    if (!isSet(s.securityContext.seLinuxOptions)) continue;
    const options = fields(s.securityContext.seLinuxOptions);
    const type = options.type ?? '';
    if (typeof type !== 'string' || !selinuxTypes.has(type)) {
      const allowed = [...selinuxTypes].filter(Boolean).join(', ');
      found.push(baseline('selinux', `${s.label} sets seLinuxOptions.type ${show(type)}; allowed: ${allowed}`));
    }
    for (const field of ['user', 'role']) {
      const value = options[field];
      if (isSet(value) && value !== '') {
        found.push(baseline('selinux', `${s.label} sets seLinuxOptions.${field} ${show(value)}`));
      }
    }
  }
  return found;
};

const procMount: Rule = (pod) =>
  pod.containers
    .filter((c) => isSet(c.securityContext.procMount) && c.securityContext.procMount !== 'Default')
    .map((c) => {
      // Baseline allows any procMount in a user namespace; restricted still does not.
      const violation = pod.userNamespace ? restricted : baseline;
      return violation('proc-mount', `${c.label} sets procMount ${show(c.securityContext.procMount)}`);
    });

const seccomp: Rule = (pod) => {
  const found: Violation[] = [];
  const allowed = (profile: unknown) => ['RuntimeDefault', 'Localhost'].includes(String(fields(profile).type));
  const podProfile = pod.securityContext.seccompProfile;
  if (isSet(podProfile) && !allowed(podProfile)) {
    found.push(baseline('seccomp', `pod sets seccompProfile.type ${show(fields(podProfile).type)}`));
  }
  for (const c of pod.containers) {
    const profile = c.securityContext.seccompProfile;
    if (isSet(profile) && !allowed(profile)) {
      found.push(baseline('seccomp', `${c.label} sets seccompProfile.type ${show(fields(profile).type)}`));
    }
    // A container inheriting a bad pod-level profile is covered by the pod's finding.
    if (!isSet(profile) && !isSet(podProfile) && !pod.windows) {
      const message = `${c.label} has no seccompProfile; set type RuntimeDefault or Localhost on the container or the pod`;
      found.push(restricted('seccomp', message));
    }
  }
  return found;
};

const sysctls: Rule = (pod) =>
  records(pod.securityContext.sysctls)
    .map((sysctl) => sysctl.name)
    .filter((name) => typeof name !== 'string' || !safeSysctls.has(name))
    .map((name) => baseline('sysctls', `pod sets unsafe sysctl ${show(name)}`));

const volumeTypes: Rule = (pod) => {
  const found: Violation[] = [];
  for (const volume of pod.volumes) {
    const sources = Object.keys(volume).filter((key) => key !== 'name' && isSet(volume[key]));
    // A volume without a source is defaulted to emptyDir; hostPath is the baseline control's.
    if (sources.length === 0 || sources.includes('hostPath')) continue;
    if (sources.some((source) => restrictedVolumeTypes.has(source))) continue;
    const message = `volume ${nameOf(volume)} uses ${sources.join(', ')}, which the restricted profile does not allow`;
    found.push(restricted('volume-types', message));
  }
  return found;
};

const privilegeEscalation: Rule = (pod) => {
  if (pod.windows) return [];
  const found: Violation[] = [];
  for (const c of pod.containers) {
    const value = c.securityContext.allowPrivilegeEscalation;
    if (value === true) {
      found.push(restricted('privilege-escalation', `${c.label} sets allowPrivilegeEscalation=true`));
    } else if (value !== false) {
      found.push(restricted('privilege-escalation', `${c.label} does not set allowPrivilegeEscalation=false`));
    }
  }
  return found;
};

const runAsNonRoot: Rule = (pod) => {
  if (pod.userNamespace) return [];
  const found: Violation[] = [];
  const podValue = pod.securityContext.runAsNonRoot;
  if (podValue === false) found.push(restricted('run-as-non-root', 'pod sets runAsNonRoot=false'));
  for (const c of pod.containers) {
    const value = c.securityContext.runAsNonRoot;
    if (value === false) {
      found.push(restricted('run-as-non-root', `${c.label} sets runAsNonRoot=false`));
    } else if (value !== true && podValue !== true && podValue !== false) {
      // Unset on both levels; unset under a pod-level false is covered by the pod's finding.
      const message = `${c.label} does not set runAsNonRoot=true; set it on the container or the pod`;
      found.push(restricted('run-as-non-root', message));
    }
  }
  return found;
};

const runAsUser: Rule = (pod) => {
  if (pod.userNamespace) return [];
  return setters(pod)
    .filter((s) => s.securityContext.runAsUser === 0)
    .map((s) => restricted('run-as-user', `${s.label} sets runAsUser=0`));
};

/** Run in this order on every pod template; a control both profiles restrict is one rule, so it reports once. */
const rules: readonly Rule[] = [
  hostProcess, hostNamespaces, privileged, capabilities, hostPathVolumes, hostPorts, hostProbesAndLifecycleHooks,
  appArmor, seLinux, procMount, seccomp, sysctls, volumeTypes, privilegeEscalation, runAsNonRoot, runAsUser,
];

function podView(object: KubeObject): PodView | undefined {
  const template = podTemplateOf(object);
  const spec = fields(template).spec;
  // A Rollout may reference its pod template through spec.workloadRef instead.
  if (!isRecord(spec)) return undefined;
  const containerLists = [
    ['initContainers', 'init container'],
    ['containers', 'container'],
    ['ephemeralContainers', 'ephemeral container'],
  ] as const;
  const containers = containerLists.flatMap(([field, kind]) =>
    records(spec[field]).map((container) => ({
      label: `${kind} ${nameOf(container)}`,
      fields: container,
      securityContext: fields(container.securityContext),
    })),
  );
  return {
    annotations: fields(fields(fields(template).metadata).annotations),
    spec,
    securityContext: fields(spec.securityContext),
    containers,
    volumes: records(spec.volumes),
    windows: fields(spec.os).name === 'windows',
    userNamespace: spec.hostUsers === false,
  };
}

function nameOf(item: Fields): string {
  return typeof item.name === 'string' ? `"${item.name}"` : '(unnamed)';
}

function show(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

function quoted(singular: string, plural: string, values: readonly string[]): string {
  return `${values.length === 1 ? singular : plural} ${values.map((value) => `"${value}"`).join(', ')}`;
}
