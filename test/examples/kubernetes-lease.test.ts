import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildLeaseEnvironment,
  createLeaseClaim,
  LEASE_IDENTITY_ENV,
  openStateStore,
  openStateStoreReadOnly,
  StateStoreError,
  type HostFacts,
} from '../../src/state/index.js';
import { cliEnv, runQm } from '../agent/daemon/qm-child.js';
import {
  at,
  expandEnv,
  manifests,
  podTemplateOf,
  type EnvVar,
  type Node,
} from './kubernetes-manifests.js';

/**
 * Issue 19: every pod of a shard gets a distinct lease identity. Pods of one shard share a host
 * name (a StatefulSet's `quartermaster-1` in every incarnation; an Indexed Job's
 * `<job>-<index>` in every retry) and run node as pid 1; the manifests give each pod
 * `QM_LEASE_IDENTITY` = its name and uid (downward API), and the lease keys on it.
 */
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'qm-k8s-lease-'));
  dirs.push(d);
  return d;
};

/** Two pods of shard 1 as Kubernetes would run them: same host name, same pid, new uid. */
const PODS = {
  StatefulSet: [
    { 'metadata.name': 'quartermaster-1', 'metadata.uid': '0f0c9a52-6b1e-4c8e-9b7e-111111111111' },
    { 'metadata.name': 'quartermaster-1', 'metadata.uid': '7d3e2b10-9f4a-4d21-8c55-222222222222' },
  ],
  CronJob: [
    {
      'metadata.name': 'quartermaster-29100-1-x7k2p',
      'metadata.uid': 'a1b2c3d4-0000-4000-8000-333333333333',
    },
    {
      'metadata.name': 'quartermaster-29100-1-q9m4z',
      'metadata.uid': 'a1b2c3d4-0000-4000-8000-444444444444',
    },
  ],
} as const;

const workloads = manifests().filter((m) => podTemplateOf(m.doc) !== undefined);
const envOf = (doc: Node): EnvVar[] =>
  (at(podTemplateOf(doc), 'spec', 'containers', 0, 'env') ?? []) as EnvVar[];

/** One node's facts as seen from inside a pod whose boot id and pid namespace cannot be read. */
const podFacts = (start: string): HostFacts => ({
  hostname: 'quartermaster-1',
  pid: 1,
  bootId: '',
  pidNamespace: '',
  processStart: () => start,
  isProcessAlive: () => true,
});

describe('lease identity per pod (examples/kubernetes)', () => {
  it.each(workloads.map((w) => [w.file, w.doc] as const))(
    '%s gives two pods of one shard two lease identities',
    (_file, doc) => {
      const pods = PODS[doc['kind'] as keyof typeof PODS];
      const identities = pods.map((pod) => expandEnv(envOf(doc), pod)[LEASE_IDENTITY_ENV]);
      expect(identities).toEqual(pods.map((p) => `${p['metadata.name']}/${p['metadata.uid']}`));
      expect(new Set(identities).size).toBe(2);
    },
  );

  it('without identities the second pod would take a live lease over; with them it is refused', () => {
    const [first, second] = PODS.StatefulSet;
    const identity = (pod: (typeof PODS.StatefulSet)[number]): string =>
      `${pod['metadata.name']}/${pod['metadata.uid']}`;
    const attempt = (withIdentity: boolean): string => {
      // Same host name, pid 1 alive in both, other start times.
      const holderEnv = buildLeaseEnvironment(
        podFacts('100'),
        withIdentity ? identity(first) : undefined,
      );
      const contenderEnv = buildLeaseEnvironment(
        podFacts('200'),
        withIdentity ? identity(second) : undefined,
      );
      const path = join(tempDir(), 'qm.shard-1-of-3.db');
      const holder = openStateStore(path, { leaseEnvironment: holderEnv });
      const contender = openStateStore(path, { leaseEnvironment: contenderEnv });
      try {
        holder.lease.acquire(createLeaseClaim('run', holderEnv), 60_000);
        const taken = contender.lease.acquire(createLeaseClaim('run', contenderEnv), 60_000);
        return `taken over: ${taken.takenOverFrom?.reason ?? 'free'}`;
      } catch (error) {
        if (!(error instanceof StateStoreError)) throw error;
        return `${error.code}: ${error.message}`;
      } finally {
        holder.close();
        contender.close();
      }
    };
    // Judged by pid alone, the live holder looks like a reused pid 1: its lease is taken.
    expect(attempt(false)).toBe('taken over: owner-gone');
    const refused = attempt(true);
    expect(refused).toMatch(/^lease-held: /);
    expect(refused).toContain(`locked by ${identity(first)} pid 1 (run)`);
  });

  it('the built CLI records the pod identity as the writer in history', async () => {
    const dir = tempDir();
    const identity = `${PODS.CronJob[0]['metadata.name']}/${PODS.CronJob[0]['metadata.uid']}`;
    writeFileSync(
      join(dir, 'agent.config.yaml'),
      'specs: ./specs\nstate: ./state/qm.db\npartnerCenter:\n  endpoint: sandbox\n  auth:\n    mode: none\n',
    );
    const customer = '5ead0000-0000-4000-8000-000000000001';
    const r = await runQm(
      dir,
      ['state', 'unbind', customer, 'exchange'],
      cliEnv({ [LEASE_IDENTITY_ENV]: identity }),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${customer} has no binding for exchange`);
    const store = openStateStoreReadOnly(join(dir, 'state', 'qm.db'));
    try {
      const [run] = store.runs.listRuns(1);
      expect(run).toMatchObject({ command: 'state unbind', outcome: 'failed' });
      expect(run?.owner.startsWith(`${identity}:`)).toBe(true);
    } finally {
      store.close();
    }
  }, 60_000);
});
