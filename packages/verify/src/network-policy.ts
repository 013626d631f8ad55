/**
 * The network check of `strata verify`, run on the objects of one cluster's rendered folder: every
 * namespace with a workload must deny all traffic by default, and the NetworkPolicies
 * (networking.k8s.io/v1, evaluated as the API defines them) must allow exactly the calls that
 * workloads declare in their `strata.dev/calls` annotation, no fewer and no more. A service's
 * own database server (pods labelled `strata.dev/database-of: <service>` in its namespace) is
 * reached without a declaration.
 *
 * Only traffic between workloads of the input is judged: peers in namespaces without workloads
 * here (monitoring, ingress-nginx) and ipBlock peers match no workload. One path to pods outside
 * the input is judged too: a workload whose OTEL_EXPORTER_OTLP_ENDPOINT names an in-cluster
 * Service must be allowed out to that Service's namespace on its port, and in, if that namespace
 * denies ingress by default. The chart's pods behind the Service are not in the input, so pod
 * selectors on that side are not evaluated: the check finds a path that is closed, not one that
 * selects the wrong pods.
 */
import type { Finding } from './finding.ts';
import type { KubeObject, TreeObject } from './tree.ts';
import { objectRef } from './tree.ts';
import { fields, isKind, isSet, podTemplateOf, records, strings, workloadKindOf, type Fields } from './workload.ts';

const callsAnnotation = 'strata.dev/calls';
/** Where OpenTelemetry SDKs (service-kit among them) send telemetry. */
const otlpEndpointVariable = 'OTEL_EXPORTER_OTLP_ENDPOINT';
/** On the pods of a service's database server, the service's name: the service reaches it without declaring a call. */
const databaseOfLabel = 'strata.dev/database-of';
/** Identifies the service a workload's pods belong to; callee names are resolved through it. */
const serviceNameLabel = 'app.kubernetes.io/name';
/** Set by the API server on every namespace, whether or not its object is in the input. */
const namespaceNameLabel = 'kubernetes.io/metadata.name';

type Labels = ReadonlyMap<string, string>;

interface ContainerPort {
  readonly number: number;
  readonly name: string | undefined;
  /** `TCP` unless the container port says otherwise. */
  readonly protocol: string;
}

interface Workload {
  /** Position among the workloads, in input order. */
  readonly index: number;
  readonly tree: TreeObject;
  readonly ref: string;
  readonly namespace: string;
  /** The `app.kubernetes.io/name` pod label, when set. */
  readonly service: string | undefined;
  /** How messages name the workload: its service, else its object name. */
  readonly name: string;
  /** Pod template labels. */
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  /** Declared callee service names, deduplicated, in annotation order. */
  readonly calls: readonly string[];
  /** Literal values of OTEL_EXPORTER_OTLP_ENDPOINT in its containers, deduplicated. */
  readonly otlpEndpoints: readonly string[];
}

/** One requirement of a label selector; matchLabels entries become `In` with one value. */
interface Requirement {
  readonly key: string;
  readonly operator: string;
  readonly values: readonly string[];
}

interface Selector {
  readonly requirements: readonly Requirement[];
  /** The matchLabels entries as `key=value`, to look candidates up in the label index. */
  readonly equalities: readonly string[];
}

interface PortRule {
  readonly protocol: string;
  /** A number, a container port name, or undefined for every port of the protocol. */
  readonly port: number | string | undefined;
  readonly endPort: number | undefined;
}

/** A peer as written, reduced to the namespaces it selects, for destinations that are not workloads of the input. */
type NamespaceReach = { readonly name: string } | { readonly selector: Selector };

/** One ingress or egress rule: the workloads it admits, on which ports. */
interface Rule {
  readonly peers: 'all' | ReadonlySet<Workload>;
  /** The namespaces its peers select, whichever pods they name there; `all` without peers. */
  readonly reach: 'all' | readonly NamespaceReach[];
  /** Undefined: every port and protocol. */
  readonly ports: readonly PortRule[] | undefined;
}

/** The rules that apply to a workload in one direction; undefined when no policy isolates it. */
type Isolation = readonly Rule[] | undefined;

interface Cluster {
  readonly workloads: readonly Workload[];
  readonly byNamespace: ReadonlyMap<string, readonly Workload[]>;
  /** Workloads by `key=value` of each pod label. */
  readonly byLabel: ReadonlyMap<string, readonly Workload[]>;
  readonly byService: ReadonlyMap<string, readonly Workload[]>;
  /** Labels of the namespaces that hold workloads, the implicit name label included. */
  readonly namespaceLabels: ReadonlyMap<string, Labels>;
  /** Labels of the Namespace objects of the input, without the implicit name label. */
  readonly namespaceObjectLabels: ReadonlyMap<string, Labels>;
  /** Peers repeat across policies (a namespace by name, Prometheus): each is evaluated once. */
  readonly peerCache: Map<string, ReadonlySet<Workload>>;
  readonly namespaceSelectorCache: Map<string, readonly string[]>;
}

interface Verdict {
  readonly egressAllowed: boolean;
  readonly ingressAllowed: boolean;
  /** The callee's ports on which both directions allow the traffic. */
  readonly open: readonly ContainerPort[];
}

/** Undeclared paths listed one by one per target; the rest are counted, so a wide-open cluster stays readable. */
const maxUndeclaredListed = 10;

export function checkNetworkPolicies(objects: readonly TreeObject[]): Finding[] {
  const cluster = indexCluster(objects);
  if (cluster.workloads.length === 0) return [];
  const { ingress, egress, denied, ingressByNamespace } = applyPolicies(cluster, objects);
  const evaluate = (from: Workload, to: Workload) => verdict(from, to, egress[from.index], ingress[to.index]);
  const undeclared = undeclaredPaths(cluster, egress, ingress);

  const findings: Finding[] = [];
  const finding = (workload: Workload, check: string, message: string) =>
    findings.push({ severity: 'error', check, file: workload.tree.file, object: workload.ref, message });
  const judgedNamespaces = new Set<string>();
  for (const workload of cluster.workloads) {
    if (!judgedNamespaces.has(workload.namespace)) {
      judgedNamespaces.add(workload.namespace);
      const deny = denied.get(workload.namespace);
      const missing = [deny?.ingress ? [] : ['ingress'], deny?.egress ? [] : ['egress']].flat();
      if (missing.length > 0) {
        const message = `namespace "${workload.namespace}" has no default-deny NetworkPolicy for ${missing.join(' and ')}`;
        finding(workload, 'network/default-deny', message);
      }
    }
    for (const callee of workload.calls) {
      const targets = cluster.byService.get(callee);
      if (targets === undefined) {
        finding(workload, 'network/unknown-callee', `calls "${callee}", which is not a workload of this cluster`);
        continue;
      }
      for (const target of targets) {
        if (target === workload) continue;
        const problem = callProblem(workload, target, evaluate(workload, target));
        if (problem !== undefined) finding(workload, 'network/call-blocked', problem);
      }
    }
    const paths = undeclared[workload.index] ?? [];
    for (const { source, ports } of paths.slice(0, maxUndeclaredListed)) {
      const message =
        `"${source.name}" (${source.ref}) can reach "${workload.name}" on ${formatPorts(ports)} ` +
        'but does not declare a call to it';
      finding(workload, 'network/undeclared-path', message);
    }
    if (paths.length > maxUndeclaredListed) {
      const more = paths.length - maxUndeclaredListed;
      finding(workload, 'network/undeclared-path', `${more} more workloads can reach "${workload.name}" without declaring a call to it`);
    }
    for (const endpoint of workload.otlpEndpoints) {
      const problem = telemetryProblem(cluster, workload, endpoint, egress[workload.index], ingressByNamespace);
      if (problem !== undefined) finding(workload, 'network/telemetry-blocked', problem);
    }
  }
  return findings;
}

interface PolicyEffect {
  /** Per workload (by index), the rules that apply to it in each direction. */
  readonly ingress: readonly Isolation[];
  readonly egress: readonly Isolation[];
  /** Namespaces with a policy that selects all pods and allows nothing, per direction. */
  readonly denied: ReadonlyMap<string, { readonly ingress: boolean; readonly egress: boolean }>;
  /** Per namespace, whether a policy isolates all its pods for ingress, and every ingress rule of its policies. */
  readonly ingressByNamespace: ReadonlyMap<string, NamespaceIngress>;
}

interface NamespaceIngress {
  readonly isolatesAll: boolean;
  readonly rules: readonly Rule[];
}

function applyPolicies(cluster: Cluster, objects: readonly TreeObject[]): PolicyEffect {
  const ingress: (Rule[] | undefined)[] = cluster.workloads.map(() => undefined);
  const egress: (Rule[] | undefined)[] = cluster.workloads.map(() => undefined);
  const denied = new Map<string, { ingress: boolean; egress: boolean }>();
  const ingressByNamespace = new Map<string, { isolatesAll: boolean; rules: Rule[] }>();
  for (const { object: policy } of objects.filter((tree) => isKind(tree.object, 'networking.k8s.io', 'NetworkPolicy'))) {
    const namespace = namespaceOf(policy);
    const spec = fields(policy.spec);
    const selector = parseSelector(spec.podSelector ?? {});
    const selected = podsMatching(cluster, selector, [namespace]);
    const types = policyTypes(spec);
    const directions = [
      { type: 'Ingress', rules: spec.ingress, peers: 'from', isolation: ingress },
      { type: 'Egress', rules: spec.egress, peers: 'to', isolation: egress },
    ] as const;
    for (const { type, rules, peers, isolation } of directions) {
      if (!types.includes(type)) continue;
      const parsed = records(rules).map((rule) => parseRule(cluster, rule, peers, namespace));
      for (const workload of selected) (isolation[workload.index] ??= []).push(...parsed);
      if (type === 'Ingress') {
        const inNamespace = ingressByNamespace.get(namespace) ?? { isolatesAll: false, rules: [] };
        inNamespace.isolatesAll ||= selector.requirements.length === 0;
        inNamespace.rules.push(...parsed);
        ingressByNamespace.set(namespace, inNamespace);
      }
      if (parsed.length === 0 && selector.requirements.length === 0) {
        const deny = denied.get(namespace) ?? { ingress: false, egress: false };
        if (type === 'Ingress') deny.ingress = true;
        else deny.egress = true;
        denied.set(namespace, deny);
      }
    }
  }
  return { ingress, egress, denied, ingressByNamespace };
}

/** Why a declared call is not allowed, or undefined when it is. */
function callProblem(caller: Workload, callee: Workload, result: Verdict): string | undefined {
  if (result.open.length > 0) return undefined;
  const call = `call to "${callee.name}" (${callee.ref})`;
  if (callee.ports.length === 0) return `${call} cannot be checked: "${callee.name}" declares no container ports`;
  const egress = `egress from "${caller.name}"`;
  const ingress = `ingress to "${callee.name}"`;
  const reason =
    !result.egressAllowed && !result.ingressAllowed ? `${egress} and ${ingress} are denied`
    : !result.egressAllowed ? `${egress} is denied`
    : !result.ingressAllowed ? `${ingress} is denied`
    : `${egress} and ${ingress} are allowed on no common port`;
  return `${call} is not allowed by network policies: ${reason}`;
}

/** An in-cluster Service's address: its namespace and port. */
interface ServiceAddress {
  readonly namespace: string;
  readonly port: number;
}

/**
 * The namespace and port of a URL whose host is a Service: `name` (the workload's namespace),
 * or `name.namespace.svc[.cluster domain]`. Undefined for other hosts (external names, IPs,
 * localhost), which network policies cannot be judged against here. The URL's port is the
 * Service's, taken as its pods' too (the collector's chart gives both the same number).
 */
function serviceAddress(value: string, ownNamespace: string): ServiceAddress | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const labels = url.hostname.split('.');
  if (url.hostname === 'localhost' || !labels.every((label) => /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(label))) return undefined;
  const namespace = labels.length === 1 ? ownNamespace : labels.length >= 3 && labels[2] === 'svc' ? labels[1] : undefined;
  if (namespace === undefined) return undefined;
  return { namespace, port: url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80 };
}

/** Why the workload cannot reach its OTLP endpoint, or undefined when it can or the endpoint cannot be judged. */
function telemetryProblem(
  cluster: Cluster,
  workload: Workload,
  endpoint: string,
  egress: Isolation,
  ingressByNamespace: ReadonlyMap<string, NamespaceIngress>,
): string | undefined {
  const address = serviceAddress(endpoint, workload.namespace);
  if (address === undefined) return undefined;
  const port: ContainerPort = { number: address.port, name: undefined, protocol: 'TCP' };
  const onPort = (rule: Rule) => rule.ports === undefined || rule.ports.some((portRule) => portMatches(portRule, port));
  const reachesNamespace = (rule: Rule) => rule.reach === 'all' || rule.reach.some((r) => reaches(cluster, r, address.namespace));
  const egressAllowed = egress === undefined || egress.some((rule) => onPort(rule) && reachesNamespace(rule));
  // Which policies select the Service's pods is unknown here: any ingress rule of the namespace counts.
  const inNamespace = ingressByNamespace.get(address.namespace);
  const admitsWorkload = (rule: Rule) => rule.peers === 'all' || rule.peers.has(workload);
  const ingressAllowed = !inNamespace?.isolatesAll || inNamespace.rules.some((rule) => onPort(rule) && admitsWorkload(rule));
  if (egressAllowed && ingressAllowed) return undefined;
  const denied = [
    ...(egressAllowed ? [] : [`egress from "${workload.name}" to namespace "${address.namespace}"`]),
    ...(ingressAllowed ? [] : [`ingress to namespace "${address.namespace}" from "${workload.name}"`]),
  ];
  return `sends telemetry to ${endpoint} (${otlpEndpointVariable}), but ${denied.join(' and ')} on port ${address.port} ${denied.length > 1 ? 'are' : 'is'} denied`;
}

/** Whether a peer selects the namespace: by its Namespace object's labels, or the name label the API server sets. */
function reaches(cluster: Cluster, reach: NamespaceReach, namespace: string): boolean {
  if ('name' in reach) return reach.name === namespace;
  const labels = new Map(cluster.namespaceObjectLabels.get(namespace) ?? []).set(namespaceNameLabel, namespace);
  return matches(reach.selector, labels);
}

interface UndeclaredPath {
  readonly source: Workload;
  readonly ports: readonly ContainerPort[];
}

/**
 * For each workload (by index), the other workloads that can reach it without declaring a call,
 * in input order. For each source only the smaller of two candidate lists is evaluated: the
 * workloads its egress rules admit, or those whose ingress is open to all or names it. Where
 * namespaces deny by default, that costs about one evaluation per declared call.
 */
function undeclaredPaths(cluster: Cluster, egress: readonly Isolation[], ingress: readonly Isolation[]): UndeclaredPath[][] {
  const { workloads } = cluster;
  const found: UndeclaredPath[][] = workloads.map(() => []);
  const openIngress = workloads.filter((w) => ingress[w.index]?.some((rule) => rule.peers === 'all') ?? true);
  const isOpenIngress = new Set(openIngress);
  const admittedBy: Set<Workload>[] = workloads.map(() => new Set());
  for (const target of workloads) {
    for (const rule of ingress[target.index] ?? []) {
      if (rule.peers !== 'all') for (const source of rule.peers) admittedBy[source.index]?.add(target);
    }
  }
  for (const source of workloads) {
    const rules = egress[source.index];
    const egressBound = (rules ?? []).reduce((sum, rule) => sum + (rule.peers === 'all' ? Infinity : rule.peers.size), rules ? 0 : Infinity);
    const namedBy = [...(admittedBy[source.index] ?? [])].filter((target) => !isOpenIngress.has(target));
    const targets = openIngress.length + namedBy.length <= egressBound
      ? [...openIngress, ...namedBy]
      : new Set((rules ?? []).flatMap((rule) => (rule.peers === 'all' ? [] : [...rule.peers])));
    const declared = new Set(source.calls);
    for (const target of targets) {
      if (target === source || target.ports.length === 0) continue;
      if (target.service !== undefined && declared.has(target.service)) continue;
      // Pods of one service (a Deployment and its migration Job) talking among themselves make no call.
      if (target.service !== undefined && target.service === source.service && target.namespace === source.namespace) continue;
      // Nor does a service talking to its own database server.
      if (source.service !== undefined && target.labels.get(databaseOfLabel) === source.service && target.namespace === source.namespace) continue;
      const { open } = verdict(source, target, rules, ingress[target.index]);
      if (open.length > 0) found[target.index]?.push({ source, ports: open });
    }
  }
  return found;
}

function verdict(from: Workload, to: Workload, egress: Isolation, ingress: Isolation): Verdict {
  let egressAllowed = false;
  let ingressAllowed = false;
  const open: ContainerPort[] = [];
  for (const port of to.ports) {
    const out = admits(egress, to, port);
    const into = admits(ingress, from, port);
    egressAllowed ||= out;
    ingressAllowed ||= into;
    if (out && into) open.push(port);
  }
  return { egressAllowed, ingressAllowed, open };
}

/** Whether the rules admit the peer on the destination port; a workload no policy isolates admits all. */
function admits(rules: Isolation, peer: Workload, port: ContainerPort): boolean {
  if (rules === undefined) return true;
  return rules.some(
    (rule) =>
      (rule.peers === 'all' || rule.peers.has(peer)) &&
      (rule.ports === undefined || rule.ports.some((portRule) => portMatches(portRule, port))),
  );
}

/** Named ports resolve against the destination's container ports, in both directions. */
function portMatches(rule: PortRule, port: ContainerPort): boolean {
  if (rule.protocol !== port.protocol) return false;
  if (rule.port === undefined) return true;
  if (typeof rule.port === 'string') return rule.port === port.name;
  if (rule.endPort !== undefined) return port.number >= rule.port && port.number <= rule.endPort;
  return port.number === rule.port;
}

/** As the API defaults it: every policy affects Ingress, and Egress too when it has egress rules. */
function policyTypes(spec: Fields): readonly string[] {
  if (Array.isArray(spec.policyTypes)) return strings(spec.policyTypes);
  return records(spec.egress).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

function parseRule(cluster: Cluster, rule: Fields, peersField: 'from' | 'to', namespace: string): Rule {
  const peers = rule[peersField];
  const ports = records(rule.ports).map((port) => ({
    protocol: typeof port.protocol === 'string' ? port.protocol : 'TCP',
    port: typeof port.port === 'number' || typeof port.port === 'string' ? port.port : undefined,
    endPort: typeof port.endPort === 'number' ? port.endPort : undefined,
  }));
  const ruleOf = (admitted: Rule['peers'], reach: Rule['reach']): Rule => ({ peers: admitted, reach, ports: ports.length > 0 ? ports : undefined });
  if (!Array.isArray(peers) || peers.length === 0) return ruleOf('all', 'all');
  const sets = records(peers).map((peer) => peerWorkloads(cluster, peer, namespace));
  const reach = records(peers).flatMap((peer): NamespaceReach[] => {
    if (isSet(peer.ipBlock)) return [];
    if (isSet(peer.namespaceSelector)) return [{ selector: parseSelector(peer.namespaceSelector) }];
    return isSet(peer.podSelector) ? [{ name: namespace }] : [];
  });
  return ruleOf(sets.length === 1 && sets[0] !== undefined ? sets[0] : new Set(sets.flatMap((set) => [...set])), reach);
}

/** The workloads a `from`/`to` peer selects; a podSelector alone means the policy's namespace. */
function peerWorkloads(cluster: Cluster, peer: Fields, policyNamespace: string): ReadonlySet<Workload> {
  const { podSelector, namespaceSelector } = peer;
  if (isSet(peer.ipBlock) || (!isSet(podSelector) && !isSet(namespaceSelector))) return new Set();
  const key = `${isSet(namespaceSelector) ? '' : policyNamespace}\n${JSON.stringify([podSelector, namespaceSelector])}`;
  const cached = cluster.peerCache.get(key);
  if (cached !== undefined) return cached;
  const namespaces = isSet(namespaceSelector) ? selectNamespaces(cluster, namespaceSelector) : [policyNamespace];
  const selected = new Set(podsMatching(cluster, parseSelector(isSet(podSelector) ? podSelector : {}), namespaces));
  cluster.peerCache.set(key, selected);
  return selected;
}

/** The namespaces holding workloads whose labels match. */
function selectNamespaces(cluster: Cluster, namespaceSelector: unknown): readonly string[] {
  const key = JSON.stringify(namespaceSelector);
  const cached = cluster.namespaceSelectorCache.get(key);
  if (cached !== undefined) return cached;
  const selector = parseSelector(namespaceSelector);
  const selected = [...cluster.namespaceLabels].filter(([, labels]) => matches(selector, labels)).map(([name]) => name);
  cluster.namespaceSelectorCache.set(key, selected);
  return selected;
}

/** The workloads of the namespaces whose pod labels match, from the smallest candidate list at hand. */
function podsMatching(cluster: Cluster, selector: Selector, namespaces: readonly string[]): Workload[] {
  let candidates: readonly Workload[] | undefined;
  let count = namespaces.reduce((sum, namespace) => sum + (cluster.byNamespace.get(namespace)?.length ?? 0), 0);
  for (const equality of selector.equalities) {
    const labelled = cluster.byLabel.get(equality) ?? [];
    if (labelled.length < count) [candidates, count] = [labelled, labelled.length];
  }
  if (candidates === undefined) {
    const inNamespaces = namespaces.flatMap((namespace) => cluster.byNamespace.get(namespace) ?? []);
    return inNamespaces.filter((w) => matches(selector, w.labels));
  }
  const inNamespaces = new Set(namespaces);
  return candidates.filter((w) => inNamespaces.has(w.namespace) && matches(selector, w.labels));
}

/** An absent selector is never passed here; a malformed requirement matches nothing, as the API would reject it. */
function parseSelector(value: unknown): Selector {
  const selector = fields(value);
  const requirements: Requirement[] = [];
  const equalities: string[] = [];
  for (const [key, label] of Object.entries(fields(selector.matchLabels))) {
    requirements.push({ key, operator: typeof label === 'string' ? 'In' : 'Invalid', values: strings([label]) });
    if (typeof label === 'string') equalities.push(`${key}=${label}`);
  }
  for (const expression of records(selector.matchExpressions)) {
    const key = typeof expression.key === 'string' ? expression.key : '';
    const operator = typeof expression.operator === 'string' ? expression.operator : 'Invalid';
    requirements.push({ key, operator, values: strings(expression.values) });
  }
  return { requirements, equalities };
}

function matches(selector: Selector, labels: Labels): boolean {
  return selector.requirements.every((requirement) => {
    const value = labels.get(requirement.key);
    switch (requirement.operator) {
      case 'In':
        return value !== undefined && requirement.values.includes(value);
      case 'NotIn':
        return value === undefined || !requirement.values.includes(value);
      case 'Exists':
        return value !== undefined;
      case 'DoesNotExist':
        return value === undefined;
      default:
        return false;
    }
  });
}

function indexCluster(objects: readonly TreeObject[]): Cluster {
  const workloads: Workload[] = [];
  for (const tree of objects) {
    const template = podTemplate(tree.object, objects);
    if (template === undefined) continue;
    const labels = labelMap(fields(template.metadata).labels);
    const service = labels.get(serviceNameLabel);
    const calls = fields(tree.object.metadata?.annotations)[callsAnnotation];
    const otlpEndpoints = records(fields(template.spec).containers)
      .flatMap((container) => records(container.env))
      .filter((variable) => variable.name === otlpEndpointVariable && typeof variable.value === 'string')
      .map((variable) => variable.value as string);
    workloads.push({
      index: workloads.length,
      tree,
      ref: objectRef(tree.object),
      namespace: namespaceOf(tree.object),
      service,
      name: service ?? (typeof tree.object.metadata?.name === 'string' ? tree.object.metadata.name : '?'),
      labels,
      ports: records(fields(template.spec).containers).flatMap((container) => containerPorts(container.ports)),
      calls: typeof calls === 'string' ? [...new Set(calls.split(',').map((c) => c.trim()).filter(Boolean))] : [],
      otlpEndpoints: [...new Set(otlpEndpoints)],
    });
  }
  const namespaceObjects = new Map(
    objects
      .filter((tree) => isKind(tree.object, '', 'Namespace'))
      .map((tree) => [tree.object.metadata?.name, tree.object.metadata?.labels] as const),
  );
  const byNamespace = new Map<string, Workload[]>();
  const byLabel = new Map<string, Workload[]>();
  const byService = new Map<string, Workload[]>();
  const namespaceLabels = new Map<string, Labels>();
  const add = (index: Map<string, Workload[]>, key: string, workload: Workload) => {
    const list = index.get(key);
    if (list === undefined) index.set(key, [workload]);
    else list.push(workload);
  };
  for (const workload of workloads) {
    add(byNamespace, workload.namespace, workload);
    for (const [key, value] of workload.labels) add(byLabel, `${key}=${value}`, workload);
    if (workload.service !== undefined) add(byService, workload.service, workload);
    if (!namespaceLabels.has(workload.namespace)) {
      const labels = new Map(labelMap(namespaceObjects.get(workload.namespace)));
      namespaceLabels.set(workload.namespace, labels.set(namespaceNameLabel, workload.namespace));
    }
  }
  const namespaceObjectLabels = new Map<string, Labels>();
  for (const [name, labels] of namespaceObjects) if (typeof name === 'string') namespaceObjectLabels.set(name, labelMap(labels));
  return {
    workloads,
    byNamespace,
    byLabel,
    byService,
    namespaceLabels,
    namespaceObjectLabels,
    peerCache: new Map(),
    namespaceSelectorCache: new Map(),
  };
}

/** The pod template of a workload; a Rollout with a workloadRef borrows its Deployment's. */
function podTemplate(object: KubeObject, objects: readonly TreeObject[]): Fields | undefined {
  if (workloadKindOf(object) === undefined) return undefined;
  let template = podTemplateOf(object);
  const ref = fields(fields(object.spec).workloadRef);
  if (isKind(object, 'argoproj.io', 'Rollout') && !isSet(template) && typeof ref.name === 'string') {
    const target = objects.find(
      (tree) => isKind(tree.object, 'apps', 'Deployment') && tree.object.metadata?.name === ref.name &&
        namespaceOf(tree.object) === namespaceOf(object),
    );
    template = fields(fields(target?.object.spec).template);
  }
  return fields(template);
}

function containerPorts(value: unknown): ContainerPort[] {
  return records(value)
    .filter((port) => typeof port.containerPort === 'number')
    .map((port) => ({
      number: port.containerPort as number,
      name: typeof port.name === 'string' ? port.name : undefined,
      protocol: typeof port.protocol === 'string' ? port.protocol : 'TCP',
    }));
}

/** `port 8080`, `ports 8080, 9090`; non-TCP ports carry their protocol (`53/UDP`). */
function formatPorts(ports: readonly ContainerPort[]): string {
  const shown = [...new Set(ports.map((p) => (p.protocol === 'TCP' ? `${p.number}` : `${p.number}/${p.protocol}`)))];
  return `${shown.length === 1 ? 'port' : 'ports'} ${shown.join(', ')}`;
}

/** Objects without a namespace land in `default`, as kubectl and Argo CD without a destination put them. */
function namespaceOf(object: KubeObject): string {
  const namespace = object.metadata?.namespace;
  return typeof namespace === 'string' && namespace !== '' ? namespace : 'default';
}

function labelMap(value: unknown): Map<string, string> {
  return new Map(Object.entries(fields(value)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

