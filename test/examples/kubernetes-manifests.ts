import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

/** Reading the shipped Kubernetes examples, and what Kubernetes does with a pod's env. */
export type Node = Record<string, unknown>;

export const EXAMPLES = fileURLToPath(new URL('../../examples/kubernetes/', import.meta.url));

/** Every YAML document of every manifest in examples/kubernetes/, with its file. */
export function manifests(): { file: string; doc: Node }[] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(EXAMPLES, file), 'utf8')).map((d) => {
        if (d.errors.length > 0) throw new Error(`${file}: ${d.errors.map(String).join('; ')}`);
        return { file, doc: d.toJS() as Node };
      }),
    );
}

export const at = (node: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((n, k) => (n as Record<string | number, unknown> | undefined)?.[k], node);

/** The pod template of a workload (CronJob, Job, StatefulSet); `undefined` for other kinds. */
export function podTemplateOf(doc: Node): Node | undefined {
  const kind = doc['kind'];
  const path =
    kind === 'CronJob'
      ? ['spec', 'jobTemplate', 'spec', 'template']
      : kind === 'Job' || kind === 'StatefulSet'
        ? ['spec', 'template']
        : undefined;
  return path === undefined ? undefined : (at(doc, ...path) as Node);
}

export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: { readonly fieldRef?: { readonly fieldPath: string } };
}

/** The fields the downward API offers as environment variables (Kubernetes docs). */
export const DOWNWARD_ENV_FIELDS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];

/**
 * A container's environment as Kubernetes builds it for one pod: downward-API fields from
 * `pod`, and `$(NAME)` in a value replaced by a variable defined earlier in the list (an
 * undefined reference stays as written; `$$` escapes). Returns names → values.
 */
export function expandEnv(
  env: readonly EnvVar[],
  pod: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of env) {
    const field = v.valueFrom?.fieldRef?.fieldPath;
    if (field !== undefined) out[v.name] = pod[field] ?? '';
    else if (v.value !== undefined) {
      out[v.name] = v.value.replace(
        /\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g,
        (all, name?: string) => (name === undefined ? '$' : (out[name] ?? all)),
      );
    }
  }
  return out;
}
