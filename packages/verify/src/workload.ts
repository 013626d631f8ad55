/**
 * Reading workloads out of untyped YAML: where each kind keeps its pod template,
 * and safe accessors for fields that may be absent or malformed.
 */
import type { KubeObject } from './tree.ts';

export type Fields = Readonly<Record<string, unknown>>;

/** Where each workload kind keeps its pod template (an object with `metadata` and `spec`). */
export const workloadKinds: readonly { readonly group: string; readonly kind: string; readonly path: readonly string[] }[] = [
  { group: '', kind: 'Pod', path: [] },
  { group: '', kind: 'ReplicationController', path: ['spec', 'template'] },
  { group: 'apps', kind: 'Deployment', path: ['spec', 'template'] },
  { group: 'apps', kind: 'StatefulSet', path: ['spec', 'template'] },
  { group: 'apps', kind: 'DaemonSet', path: ['spec', 'template'] },
  { group: 'apps', kind: 'ReplicaSet', path: ['spec', 'template'] },
  { group: 'batch', kind: 'Job', path: ['spec', 'template'] },
  { group: 'batch', kind: 'CronJob', path: ['spec', 'jobTemplate', 'spec', 'template'] },
  { group: 'argoproj.io', kind: 'Rollout', path: ['spec', 'template'] },
];

export function apiGroup(object: KubeObject): string {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

export function isKind(object: KubeObject, group: string, kind: string): boolean {
  return object.kind === kind && apiGroup(object) === group;
}

/** The workload kind of an object, or undefined when it has no pod template. */
export function workloadKindOf(object: KubeObject): (typeof workloadKinds)[number] | undefined {
  const group = apiGroup(object);
  return workloadKinds.find((k) => k.kind === object.kind && k.group === group);
}

/** The pod template found at the kind's path (undefined when absent, e.g. a Rollout with a workloadRef). */
export function podTemplateOf(object: KubeObject): unknown {
  const workload = workloadKindOf(object);
  if (workload === undefined) return undefined;
  let template: unknown = object;
  for (const key of workload.path) template = fields(template)[key];
  return template;
}

export function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value's fields, or none when it is not an object (absent, null or malformed). */
export function fields(value: unknown): Fields {
  return isRecord(value) ? value : {};
}

export function records(value: unknown): Fields[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** A field counts as set when present and not null, as a non-nil pointer does in the API. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}
