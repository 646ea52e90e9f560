import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import {
  LeaseHeldError,
  leaseOwner,
  openStateStore,
  parseLeaseOwner,
  StateStoreError,
  type StateStore,
} from '../../src/state/index.js';
import { ManualClock } from '../../src/support/index.js';
import { spawnChild } from './child-process.js';
import { makeTempDirs } from './builders.js';

const temp = makeTempDirs();
let stores: StateStore[] = [];
afterEach(() => {
  stores.forEach((s) => s.close());
  stores = [];
  temp.cleanup();
});

const open = (path: string, clock: ManualClock): StateStore => {
  const store = openStateStore(path, { clock });
  stores.push(store);
  return store;
};

function caught(fn: () => unknown): StateStoreError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StateStoreError) return error;
    throw error;
  }
  throw new Error('expected a StateStoreError');
}

describe('lease', () => {
  it('refuses a second live writer, naming the owner and the expiry, until the lease expires', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const path = temp.dbPath();
    const a = open(path, clock);
    const b = open(path, clock);
    const ownerA = leaseOwner('apply'); // this very process: alive
    const ownerB = leaseOwner('run', { hostname: hostname(), pid: process.pid });

    expect(a.lease.acquire(ownerA, 60_000)).toEqual({
      owner: ownerA,
      acquiredAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-01T00:01:00.000Z',
    });
    const refused = caught(() => b.lease.acquire(`${ownerB}-2`, 60_000));
    expect(refused).toBeInstanceOf(LeaseHeldError);
    expect(refused.code).toBe('lease-held');
    expect(refused.message).toContain(ownerA);
    expect(refused.message).toContain('2026-01-01T00:01:00.000Z');
    expect((refused as LeaseHeldError).holder.owner).toBe(ownerA);

    clock.advance(30_000);
    expect(a.lease.renew(ownerA, 60_000).expiresAt).toBe('2026-01-01T00:01:30.000Z');
    expect(a.lease.acquire(ownerA, 60_000).acquiredAt).toBe('2026-01-01T00:00:00.000Z'); // re-entrant
    clock.advance(59_999);
    expect(caught(() => b.lease.acquire(`${ownerB}-2`, 60_000)).code).toBe('lease-held');

    clock.advance(1);
    const taken = b.lease.acquire(`${ownerB}-2`, 60_000);
    expect(taken.takenOverFrom).toEqual({ owner: ownerA, reason: 'expired' });
    expect(caught(() => a.lease.renew(ownerA, 60_000)).code).toBe('lease-lost');
    expect(a.lease.release(ownerA)).toBe(false);
    expect(b.lease.release(`${ownerB}-2`)).toBe(true);
    expect(a.lease.current()).toBeUndefined();
  });

  it('never takes over a live lease held on another host before it expires', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const store = open(temp.dbPath(), clock);
    store.lease.acquire('some-other-host:1:run', 60_000);
    expect(caught(() => store.lease.acquire(leaseOwner('apply'), 60_000)).message).toContain(
      'some-other-host:1:run',
    );
  });

  it('parses owner strings', () => {
    expect(parseLeaseOwner('build-01:4242:apply --auto-approve')).toEqual({
      host: 'build-01',
      pid: 4242,
      command: 'apply --auto-approve',
    });
    expect(parseLeaseOwner('not an owner')).toBeUndefined();
  });

  it(
    'lets exactly one of two racing processes win; the loser is told who holds it; a dead winner is replaced at once',
    async () => {
      const path = temp.dbPath(); // fresh file: the racers also race to migrate it
      const racers = [spawnChild('lease-racer.ts', [path, 'apply']), spawnChild('lease-racer.ts', [path, 'run'])];
      await Promise.all(racers.map((r) => r.waitForLine((l) => l === 'ready')));
      racers.forEach((r) => r.process.stdin.write('go\n'));
      const results = await Promise.all(
        racers.map(async (r) => JSON.parse(await r.waitForLine((l) => l.startsWith('{'))) as Record<string, unknown>),
      );
      racers.forEach((r) => r.process.stdin.end('exit\n'));
      await Promise.all(racers.map((r) => r.exited));

      const winners = results.filter((r) => r.won === true);
      const losers = results.filter((r) => r.won === false);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      const winner = winners[0]!.owner as string;
      expect(losers[0]).toMatchObject({ code: 'lease-held' });
      expect(losers[0]!.message).toContain(`locked by ${winner}`);
      expect(losers[0]!.message).toMatch(/expires at \d{4}-\d\d-\d\dT/);

      // The winner exited without releasing; its lease has not expired, but its pid is gone.
      const store = openStateStore(path);
      stores.push(store);
      expect(store.lease.current()?.owner).toBe(winner);
      const mine = store.lease.acquire(leaseOwner('apply'), 60_000);
      expect(mine.takenOverFrom).toEqual({ owner: winner, reason: 'owner-gone' });
      expect(store.migration.applied).toEqual([]);
    },
    30_000,
  );
});
