import { CronJob, Job } from 'kubernetes-models/batch/v1';
import { StatefulSet } from 'kubernetes-models/apps/v1';
import { ConfigMap, PersistentVolumeClaim, Secret, Service } from 'kubernetes-models/v1';

/**
 * Checks Kubernetes manifests against the Kubernetes API's own OpenAPI schemas, as compiled by
 * `kubernetes-models` (types, enums, required fields, formats), plus what the API server's
 * strict field validation (`kubectl apply`, the default since 1.27) adds and those schemas do
 * not say: no unknown field. A field is unknown when the schema's validator never looked at it
 * (it reads every property its schema declares, and every key of a free-form map).
 */
interface Validating {
  validate(): void;
}
type ModelClass = { prototype: Validating };

const MODELS: Readonly<Record<string, ModelClass>> = {
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Service': Service,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/CronJob': CronJob,
  'batch/v1/Job': Job,
};

/** Every problem the schemas find in one manifest document; `[]` when it is valid. */
export function validateManifest(doc: Record<string, unknown>): string[] {
  const type = `${String(doc['apiVersion'])}/${String(doc['kind'])}`;
  const model = MODELS[type];
  if (model === undefined) return [`no schema for ${type} in this test: add its model`];
  const read = new WeakMap<object, Set<PropertyKey>>();
  const errors: string[] = [];
  try {
    model.prototype.validate.call(watch(doc, read));
  } catch (error) {
    errors.push(...(error as Error).message.split(', '));
  }
  if (errors.length > 0) return errors; // a failed branch may skip fields: report the schema's errors
  return unknownFields(doc, read, '');
}

/** `value` behind proxies that record which keys of each object the validator read. */
function watch(value: unknown, read: WeakMap<object, Set<PropertyKey>>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const keys = read.get(value) ?? new Set<PropertyKey>();
  read.set(value, keys);
  return new Proxy(value, {
    get(target, key, receiver) {
      keys.add(key);
      return watch(Reflect.get(target, key, receiver), read);
    },
    has(target, key) {
      keys.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      for (const key of Reflect.ownKeys(target)) keys.add(key);
      return Reflect.ownKeys(target);
    },
  });
}

function unknownFields(
  value: unknown,
  read: WeakMap<object, Set<PropertyKey>>,
  at: string,
): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const seen = read.get(value) ?? new Set<PropertyKey>();
  return Object.entries(value).flatMap(([key, child]) => {
    const path = Array.isArray(value) ? `${at}/${key}` : `${at}/${key}`;
    if (!Array.isArray(value) && !seen.has(key))
      return [`data${path} is not a field of its object (unknown field)`];
    return unknownFields(child, read, path);
  });
}
