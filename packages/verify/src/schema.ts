import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from './finding.ts';
import { objectRef } from './tree.ts';
import type { KubeObject, TreeObject } from './tree.ts';
import { closest } from '@strata/model';

/**
 * Packages whose model classes give the schemas, tried in order. Each lays out its
 * classes as `<group>/<version>/<Kind>.js` (the core group as `v1/<Kind>.js`).
 */
const modelPackages = ['kubernetes-models', '@kubernetes-models/argo-cd', '@kubernetes-models/prometheus-operator'];

/**
 * Checks every object against the schema of its kind, as the API server would with
 * strict field validation: wrong types, missing required fields and unknown fields
 * are errors. Kinds defined by a CustomResourceDefinition in `objects` are accepted
 * with only apiVersion, kind and metadata.name checked. `status` is not checked.
 */
export function checkSchemas(objects: readonly TreeObject[]): Finding[] {
  const crdKinds = customResourceKinds(objects);
  return objects.flatMap((tree) => {
    const error = (message: string): Finding => ({
      severity: 'error',
      check: 'schema',
      file: tree.file,
      object: objectRef(tree.object),
      message,
    });
    return checkObject(tree.object, crdKinds).map(error);
  });
}

function checkObject(object: KubeObject, crdKinds: ReadonlySet<string>): string[] {
  const { apiVersion, kind } = object;
  const typeMeta = [requiredString('apiVersion', apiVersion), requiredString('kind', kind)].filter(
    (message) => message !== undefined,
  );
  if (typeMeta.length > 0 || typeof apiVersion !== 'string' || typeof kind !== 'string') return typeMeta;
  const messages: string[] = [];
  const validate = findValidator(apiVersion, kind);
  if (validate !== undefined) {
    messages.push(...validateFields(object, validate));
  } else if (!crdKinds.has(kindKey(apiVersion, kind))) {
    return [`unknown kind "${kindKey(apiVersion, kind)}": no schema for it`];
  }
  const metadata = asRecord(object.metadata);
  if (!isNonEmptyString(metadata?.['name']) && !isNonEmptyString(metadata?.['generateName'])) {
    messages.push('metadata.name is required');
  }
  return messages;
}

function requiredString(field: string, value: unknown): string | undefined {
  if (value === undefined || value === '') return `${field} is required`;
  return typeof value === 'string' ? undefined : `${field} must be string`;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function kindKey(apiVersion: string, kind: string): string {
  return `${apiVersion} ${kind}`;
}

/** `group/version Kind` of every kind served by a CustomResourceDefinition in `objects`. */
function customResourceKinds(objects: readonly TreeObject[]): Set<string> {
  const kinds = new Set<string>();
  for (const { object } of objects) {
    if (object.apiVersion !== 'apiextensions.k8s.io/v1' || object.kind !== 'CustomResourceDefinition') continue;
    const spec = asRecord(object['spec']);
    const group = spec?.['group'];
    const kind = asRecord(spec?.['names'])?.['kind'];
    const versions = spec?.['versions'];
    if (typeof group !== 'string' || typeof kind !== 'string' || !Array.isArray(versions)) continue;
    for (const version of versions) {
      const name = asRecord(version)?.['name'];
      if (typeof name === 'string') kinds.add(kindKey(`${group}/${name}`, kind));
    }
  }
  return kinds;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

// --- Model lookup ------------------------------------------------------------

/** Runs a kubernetes-models validator on `data`; throws an error carrying ajv's `errors` when invalid. */
type Validator = (data: unknown) => void;

interface ModelClass {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly prototype: { readonly validate?: unknown };
}

const requireModule = createRequire(import.meta.url);
const validators = new Map<string, Validator | undefined>();
let packageRoots: readonly string[] | undefined;

/**
 * The validator of one kind, loaded on first use. Only the kind's own class module is
 * loaded: importing the packages' index modules takes about two seconds. The module
 * is loaded with require(): Node 24 loads ES modules synchronously that way, which
 * keeps `checkSchemas` synchronous.
 */
function findValidator(apiVersion: string, kind: string): Validator | undefined {
  const key = kindKey(apiVersion, kind);
  if (!validators.has(key)) validators.set(key, loadValidator(apiVersion, kind));
  return validators.get(key);
}

function loadValidator(apiVersion: string, kind: string): Validator | undefined {
  const parts = /^(?:([a-z0-9.-]+)\/)?(v[0-9]+(?:(?:alpha|beta)[0-9]+)?)$/.exec(apiVersion);
  if (parts === null || !/^[A-Z][A-Za-z0-9]*$/.test(kind)) return undefined;
  const [, group = '', version = ''] = parts;
  packageRoots ??= modelPackages.map((name) => dirname(fileURLToPath(import.meta.resolve(name))));
  for (const root of packageRoots) {
    const file = join(root, group, version, `${kind}.js`);
    if (!existsSync(file)) continue;
    const exported = (requireModule(file) as Record<string, unknown>)[kind];
    if (typeof exported !== 'function') continue;
    const model = exported as unknown as ModelClass;
    const validate = model.prototype.validate;
    // Files for nested types (`v1/PodSpec.js`) exist too; only top-level kinds carry apiVersion and kind.
    if (model.apiVersion === apiVersion && model.kind === kind && typeof validate === 'function') {
      return (data) => validate.call(data);
    }
  }
  return undefined;
}

// --- Validation and unknown fields -------------------------------------------

/** One error as reported by the ajv validators that kubernetes-models ships. */
interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}

type PathSegment = string | number;

/** Which fields a validator looked up in one object of the data. */
interface FieldReads {
  readonly names: Set<string>;
  /** The validator listed the object's keys: it is a map, any key is allowed. */
  enumerated: boolean;
}

function validateFields(object: KubeObject, validate: Validator): string[] {
  const reads = new Map<object, FieldReads>();
  const errors = runValidator(validate, trackReads(object, reads));
  const messages = describeErrors(object, errors);
  collectUnknownFields(object, [], reads, messages);
  return messages;
}

function runValidator(validate: Validator, data: unknown): readonly SchemaError[] {
  try {
    validate(data);
    return [];
  } catch (error) {
    const errors = (error as { errors?: unknown }).errors;
    if (!Array.isArray(errors)) throw error;
    return errors as SchemaError[];
  }
}

/**
 * The validators do not reject unknown fields and do not expose their JSON schema,
 * but they look up every property the schema declares (`data.replicas !== undefined`)
 * and list the keys of maps. Recording those lookups gives, for every object the
 * schema describes, the set of known fields; anything else in it is unknown.
 */
function trackReads(root: object, reads: Map<object, FieldReads>): object {
  const proxies = new WeakMap<object, object>();
  const wrap = <T>(value: T): T => {
    if (value === null || typeof value !== 'object') return value;
    const existing = proxies.get(value);
    if (existing !== undefined) return existing as T;
    const entry: FieldReads = { names: new Set(), enumerated: false };
    reads.set(value, entry);
    const proxy = new Proxy(value, {
      get(target, key) {
        const field = (target as Record<PropertyKey, unknown>)[key];
        if (typeof key !== 'string') return field;
        entry.names.add(key);
        return wrap(field);
      },
      has(target, key) {
        if (typeof key === 'string') entry.names.add(key);
        return Reflect.has(target, key);
      },
      getOwnPropertyDescriptor(target, key) {
        if (typeof key === 'string') entry.names.add(key);
        return Reflect.getOwnPropertyDescriptor(target, key);
      },
      ownKeys(target) {
        entry.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  };
  return wrap(root);
}

/** Adds a message for every field the schema does not know; `path` is a stack shared by the recursion. */
function collectUnknownFields(
  value: unknown,
  path: PathSegment[],
  reads: ReadonlyMap<object, FieldReads>,
  messages: string[],
): void {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      collectUnknownFields(value[index], path, reads, messages);
      path.pop();
    }
    return;
  }
  const record = asRecord(value);
  if (record === undefined) return;
  const entry = reads.get(record);
  // Objects the validator never looked into have no schema (e.g. Helm `valuesObject`).
  const known = entry !== undefined && !entry.enumerated && entry.names.size > 0 ? entry.names : undefined;
  for (const key of Object.keys(record)) {
    if (path.length === 0 && key === 'status') continue;
    path.push(key);
    if (known === undefined || known.has(key) || isDroppedFromValidators(key)) {
      collectUnknownFields(record[key], path, reads, messages);
    } else {
      const suggestion = closest(key, known);
      const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
      messages.push(`unknown field "${formatPath(path)}"${hint}`);
    }
    path.pop();
  }
}

/**
 * The kubernetes-models generator strips `description` and `x-kubernetes-*` keys from
 * the schemas it compiles, and with them the properties of those names: Argo CD's
 * `AppProject.spec.description` and the `x-kubernetes-*` fields of a
 * CustomResourceDefinition's schema are never looked up. Accept them everywhere.
 */
function isDroppedFromValidators(field: string): boolean {
  return field === 'description' || field.startsWith('x-kubernetes-');
}

/** One message per failing field, e.g. `spec.replicas must be integer`. */
function describeErrors(object: KubeObject, errors: readonly SchemaError[]): string[] {
  const byPath = new Map<string, SchemaError[]>();
  for (const error of errors) {
    const group = byPath.get(error.instancePath);
    if (group === undefined) byPath.set(error.instancePath, [error]);
    else group.push(error);
  }
  const messages: string[] = [];
  for (const [instancePath, pathErrors] of byPath) {
    const path = pointerToPath(object, instancePath);
    if (path[0] === 'status') continue;
    const types = pathErrors.filter((error) => error.keyword === 'type').map((error) => String(error.params['type']));
    if (types.length > 0) messages.push(`${formatPath(path)} must be ${types.join(' or ')}`);
    for (const error of pathErrors) {
      const message = describeError(path, error, types.length > 0);
      if (message !== undefined) messages.push(message);
    }
  }
  return messages;
}

function describeError(path: readonly PathSegment[], error: SchemaError, hasTypeError: boolean): string | undefined {
  switch (error.keyword) {
    case 'type':
      return undefined;
    case 'required':
      return `${formatPath([...path, String(error.params['missingProperty'])])} is required`;
    case 'enum': {
      const allowed = error.params['allowedValues'];
      const choices = Array.isArray(allowed) ? allowed.map((choice) => JSON.stringify(choice)).join(', ') : '';
      return `${formatPath(path)} must be one of ${choices}`;
    }
    case 'oneOf':
    case 'anyOf':
      // Already said by the type errors of its branches ("must be string or integer").
      return hasTypeError ? undefined : `${formatPath(path)} ${error.message ?? `must match ${error.keyword}`}`;
    default:
      return `${formatPath(path)} ${error.message ?? `fails ${error.keyword}`}`;
  }
}

/** Turns ajv's `/spec/containers/0/name` into segments, telling array indices from keys by the data. */
function pointerToPath(object: KubeObject, instancePath: string): PathSegment[] {
  if (instancePath === '') return [];
  let cursor: unknown = object;
  return instancePath
    .split('/')
    .slice(1)
    .map((escaped) => {
      const key = escaped.replaceAll('~1', '/').replaceAll('~0', '~');
      if (Array.isArray(cursor)) {
        const index = Number(key);
        cursor = cursor[index] as unknown;
        return index;
      }
      cursor = asRecord(cursor)?.[key];
      return key;
    });
}

/** `spec.template.spec.containers[0].name`; keys that are not plain names are quoted: `metadata.labels["app.kubernetes.io/name"]`. */
function formatPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return 'object';
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    if (!/^[A-Za-z_$][\w$-]*$/.test(segment)) return `${text}[${JSON.stringify(segment)}]`;
    return text === '' ? segment : `${text}.${segment}`;
  }, '');
}
