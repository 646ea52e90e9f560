import { describe, expect, it } from 'vitest';
import {
  at,
  DOWNWARD_ENV_FIELDS,
  manifests,
  podTemplateOf,
  type EnvVar,
  type Node,
} from './kubernetes-manifests.js';
import { validateManifest } from './kubernetes-schema.js';

/**
 * Issue 19: the Kubernetes examples checked against Kubernetes itself. Every document of every
 * shipped manifest passes the Kubernetes API's own OpenAPI schemas (`kubernetes-models`) with
 * strict field validation, and the rules the API server adds that concern these manifests.
 */
const DOCS = manifests();
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const clone = (doc: Node): Node => structuredClone(doc);
const cronJob = (): Node => clone(DOCS.find((d) => d.doc['kind'] === 'CronJob')!.doc);

describe('examples/kubernetes against the Kubernetes API schemas', () => {
  it('ships the workloads the docs describe', () => {
    expect(DOCS.map((d) => `${d.file}: ${String(d.doc['kind'])}`)).toEqual([
      'configmap.yaml: ConfigMap',
      'configmap.yaml: Secret',
      'cronjob-indexed.yaml: CronJob',
      'cronjob-indexed.yaml: PersistentVolumeClaim',
      'statefulset.yaml: StatefulSet',
    ]);
  });

  it.each(DOCS.map((d) => [`${d.file} ${String(d.doc['kind'])}`, d.doc] as const))(
    '%s is valid, with no unknown field',
    (_name, doc) => {
      expect(validateManifest(doc)).toEqual([]);
      expect(String(at(doc, 'metadata', 'name'))).toMatch(DNS_SUBDOMAIN);
    },
  );

  it.each(
    DOCS.filter((d) => podTemplateOf(d.doc) !== undefined).map((d) => [d.file, d.doc] as const),
  )('%s: env references and downward-API fields are ones Kubernetes resolves', (_file, doc) => {
    const template = podTemplateOf(doc)!;
    for (const container of at(template, 'spec', 'containers') as Node[]) {
      const env = (container['env'] ?? []) as EnvVar[];
      env.forEach((v, i) => {
        const field = v.valueFrom?.fieldRef?.fieldPath;
        if (field !== undefined) expect(DOWNWARD_ENV_FIELDS).toContain(field);
        for (const [, ref] of (v.value ?? '').matchAll(/\$\(([^)]*)\)/g)) {
          // Kubernetes expands $(NAME) only from variables defined earlier in the list.
          expect(
            env.slice(0, i).map((e) => e.name),
            `${v.name} uses $(${ref})`,
          ).toContain(ref);
        }
      });
    }
    if (doc['kind'] === 'StatefulSet') {
      expect(at(template, 'metadata', 'labels')).toMatchObject(
        at(doc, 'spec', 'selector', 'matchLabels') as Node,
      );
    }
  });

  describe('the check fails where Kubernetes would refuse', () => {
    it('a misspelt field (strict field validation)', () => {
      const doc = cronJob();
      (at(doc, 'spec', 'jobTemplate', 'spec') as Node)['backofLimitPerIndex'] = 1;
      expect(validateManifest(doc)).toEqual([
        'data/spec/jobTemplate/spec/backofLimitPerIndex is not a field of its object (unknown field)',
      ]);
    });

    it('a wrong type, a bad enum value and a missing required field', () => {
      const doc = cronJob();
      const job = at(doc, 'spec', 'jobTemplate', 'spec') as Node;
      job['completions'] = '3';
      job['completionMode'] = 'indexed';
      delete (at(job, 'template', 'spec', 'containers', 0) as Node)['name'];
      const errors = validateManifest(doc).join('\n');
      expect(errors).toContain('data/spec/jobTemplate/spec/completions must be integer');
      expect(errors).toContain(
        'data/spec/jobTemplate/spec/completionMode must be equal to one of the allowed values',
      );
      expect(errors).toContain('template/spec/containers/0 must have required property name');
    });

    it('a kind it has no schema for', () => {
      expect(validateManifest({ apiVersion: 'v1', kind: 'Pdo', metadata: { name: 'x' } })).toEqual([
        'no schema for v1/Pdo in this test: add its model',
      ]);
    });
  });
});
