import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../../src/config/index.js';

/**
 * The Kubernetes examples parse, keep their shard counts consistent (an Indexed Job's
 * completions, a StatefulSet's replicas and the `--shard i/n` they pass), probe the port the
 * shipped config serves /healthz on, and that config passes the real config loader.
 */
type Node = Record<string, unknown>;
const dir = fileURLToPath(new URL('../../examples/kubernetes/', import.meta.url));
const docs = (file: string): Node[] =>
  parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS() as Node;
  });
const at = (node: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((n, k) => (n as Record<string | number, unknown> | undefined)?.[k], node);
const envOf = (container: unknown, name: string): unknown =>
  (at(container, 'env') as Node[]).find((e) => e['name'] === name)?.['value'];

describe('examples/kubernetes', () => {
  it('the Indexed CronJob runs shard JOB_COMPLETION_INDEX of as many shards as it has completions', () => {
    const [cron] = docs('cronjob-indexed.yaml');
    const job = at(cron, 'spec', 'jobTemplate', 'spec');
    const container = at(job, 'template', 'spec', 'containers', 0);
    expect(at(job, 'completionMode')).toBe('Indexed');
    expect(at(job, 'completions')).toBe(at(job, 'parallelism'));
    expect(Number(envOf(container, 'SHARDS'))).toBe(at(job, 'completions'));
    expect(String(at(container, 'args', 0))).toContain(
      'run --once --shard "$JOB_COMPLETION_INDEX/$SHARDS"',
    );
    expect(at(cron, 'spec', 'concurrencyPolicy')).toBe('Forbid');
  });

  it('the StatefulSet runs one shard per replica and probes /healthz on the configured port', () => {
    const [set] = docs('statefulset.yaml');
    const container = at(set, 'spec', 'template', 'spec', 'containers', 0);
    expect(Number(envOf(container, 'SHARDS'))).toBe(at(set, 'spec', 'replicas'));
    expect(String(at(container, 'args', 0))).toContain('--shard "${HOSTNAME##*-}/$SHARDS"');
    expect(at(container, 'readinessProbe', 'httpGet', 'path')).toBe('/healthz');
    expect(at(container, 'ports', 0, 'containerPort')).toBe(9464);
  });

  it('ships an agent config the loader accepts, with the metrics port the manifests probe', () => {
    const [configMap] = docs('configmap.yaml');
    const temp = mkdtempSync(join(tmpdir(), 'qm-k8s-'));
    try {
      writeFileSync(
        join(temp, 'agent.config.yaml'),
        String(at(configMap, 'data', 'agent.config.yaml')),
      );
      const { config, diagnostics } = loadConfig({
        flagPath: 'agent.config.yaml',
        env: { QM_CLIENT_SECRET: 'set-by-the-secret' },
        cwd: temp,
      });
      expect(diagnostics).toEqual([]);
      expect(config.daemon).toEqual({ metricsPort: 9464, metricsHost: '0.0.0.0' });
      expect(config.partnerCenter.rateLimitPerMinute).toBe(500);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });

  it('the Dockerfile ships the spec schema the CLI reads at run time', () => {
    const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('COPY --from=build /app/specs/schema.json ./specs/schema.json');
    expect(dockerfile).toMatch(/FROM node:20/);
  });
});
