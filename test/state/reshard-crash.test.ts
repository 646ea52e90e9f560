import { cpSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../../src/agent/index.js';
import { createLeaseClaim, openStateStore, StateStoreError } from '../../src/state/index.js';
import { makeTempDirs } from './builders.js';
import { spawnChild } from './child-process.js';
import {
  basePath,
  customers,
  filesHolding,
  fingerprint,
  layoutPaths,
  reshard,
  seedEstate,
} from './reshard-fixtures.js';

/**
 * A reshard that dies after any step leaves a state that a re-run finishes: until then no
 * customer is in two files that accept writers, every customer's state is whole in its old
 * file or in its new one, and after the re-run each customer is in exactly one file, unchanged.
 */
const temp = makeTempDirs();
const IDS = customers(8);
let seeded: string;

beforeAll(() => {
  seeded = temp.dir();
  seedEstate(basePath(seeded), 3, IDS);
});
afterAll(() => temp.cleanup());

const STEPS = [
  'leases',
  ...[0, 1, 2].map((i) => `mark-source:${i}`),
  ...[0, 1, 2, 3, 4].map((j) => `write-destination:${j}`),
  'verified',
  ...[0, 1, 2].map((i) => `drain-source:${i}`),
  ...[0, 1, 2, 3, 4].map((j) => `finish-destination:${j}`),
];

/** A copy of the seeded 3-shard estate in a new folder. */
function copyEstate(): string {
  const dir = temp.dir();
  cpSync(seeded, dir, { recursive: true });
  return basePath(dir);
}

/** Whether a writer (an apply) may take the lease of the file at `path` now. */
function acceptsWriters(path: string): boolean {
  const store = openStateStore(path);
  try {
    const claim = createLeaseClaim('apply');
    store.lease.acquire(claim, 60_000);
    store.lease.release(claim);
    return true;
  } catch (error) {
    if (error instanceof StateStoreError && error.code === 'state-resharded') return false;
    throw error;
  } finally {
    store.close();
  }
}

/** The invariants that must hold after a crash, then the re-run and its outcome. */
function checkCrashAndRerun(base: string, before: Record<string, unknown>[]): void {
  const old = layoutPaths(base, 3);
  const next = layoutPaths(base, 5);
  const writable = [...old, ...next].filter(acceptsWriters);
  for (const [n, id] of IDS.entries()) {
    const from = old[shardOf(id, 3)]!;
    const to = next[shardOf(id, 5)]!;
    const whole = [from, to].filter((p) => equal(fingerprint(p, id), before[n]));
    expect(whole.length, `customer ${id} whole somewhere`).toBeGreaterThan(0);
    const usable = filesHolding([...old, ...next], id).filter((p) => writable.includes(p));
    expect(
      usable.length,
      `customer ${id} in writable files ${usable.join(', ')}`,
    ).toBeLessThanOrEqual(1);
  }
  reshard(base, 5);
  for (const [n, id] of IDS.entries()) {
    expect(filesHolding([...old, ...next], id)).toEqual([next[shardOf(id, 5)]]);
    expect(fingerprint(next[shardOf(id, 5)]!, id)).toEqual(before[n]);
  }
  expect(next.every(acceptsWriters)).toBe(true);
  expect(old.some(acceptsWriters)).toBe(false);
}

const equal = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

describe('reshard crash safety', () => {
  it.each(STEPS)('an error right after %s: a re-run finishes the move', (step) => {
    const base = copyEstate();
    const before = IDS.map((id) => fingerprint(layoutPaths(base, 3)[shardOf(id, 3)]!, id));
    expect(() =>
      reshard(base, 5, {
        afterStep: (done) => {
          if (done === step) throw new Error(`crash after ${step}`);
        },
      }),
    ).toThrow(`crash after ${step}`);
    checkCrashAndRerun(base, before);
  });

  it.each(['write-destination:2', 'drain-source:1'])(
    'SIGKILL right after %s (leases left held by a dead process): a re-run finishes the move',
    async (step) => {
      const base = copyEstate();
      const before = IDS.map((id) => fingerprint(layoutPaths(base, 3)[shardOf(id, 3)]!, id));
      const child = spawnChild('reshard-killer.ts', [base, '5', step]);
      const { signal } = await child.exited;
      expect(signal, child.stderr()).toBe('SIGKILL');
      checkCrashAndRerun(base, before);
    },
    60_000,
  );
});
