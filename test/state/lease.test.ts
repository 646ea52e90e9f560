import { afterEach, describe, expect, it } from 'vitest';
import {
  createLeaseClaim,
  LeaseHeldError,
  openStateStore,
  type LeaseEnvironment,
  type StateStore,
} from '../../src/state/index.js';
import { ManualClock } from '../../src/support/index.js';
import { spawnChild } from './child-process.js';
import { makeTempDirs } from './builders.js';
import { aLeaseEnvironment, anIntent, caught } from './lease-builders.js';

const temp = makeTempDirs();
let stores: StateStore[] = [];
afterEach(() => {
  stores.forEach((s) => s.close());
  stores = [];
  temp.cleanup();
});

const open = (path: string, clock: ManualClock, leaseEnvironment?: LeaseEnvironment): StateStore => {
  const store = openStateStore(path, { clock, ...(leaseEnvironment && { leaseEnvironment }) });
  stores.push(store);
  return store;
};

describe('lease', () => {
  it('refuses a second writer, naming the holder, until it has seen the lease unrenewed for the TTL', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const path = temp.dbPath();
    const a = open(path, clock);
    const b = open(path, clock, aLeaseEnvironment({ hostname: 'other-host' }));
    const claimA = createLeaseClaim('apply');
    const claimB = createLeaseClaim('run');

    expect(a.lease.acquire(claimA, 60_000)).toMatchObject({
      owner: claimA.id,
      command: 'apply',
      acquiredAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-01T00:01:00.000Z',
      heartbeat: 1,
    });
    const refused = caught(() => b.lease.acquire(claimB, 60_000));
    expect(refused).toBeInstanceOf(LeaseHeldError);
    expect(refused.code).toBe('lease-held');
    expect(refused.message).toContain(claimA.id);
    expect(refused.message).toContain(`${claimA.host} pid ${claimA.pid} (apply)`);
    expect((refused as LeaseHeldError).holder.owner).toBe(claimA.id);

    clock.advance(30_000);
    expect(a.lease.renew(claimA, 60_000)).toMatchObject({ expiresAt: '2026-01-01T00:01:30.000Z', heartbeat: 2 });
    expect(a.lease.acquire(claimA, 60_000).acquiredAt).toBe('2026-01-01T00:00:00.000Z'); // re-entrant
    clock.advance(59_999); // b saw heartbeat 3 first now…
    expect(caught(() => b.lease.acquire(claimB, 60_000)).code).toBe('lease-held');
    clock.advance(59_999); // …and it has not changed for 59.999 s
    expect(caught(() => b.lease.acquire(claimB, 60_000)).code).toBe('lease-held');
    clock.advance(1);
    const taken = b.lease.acquire(claimB, 60_000);
    expect(taken.takenOverFrom).toEqual({ owner: claimA.id, reason: 'expired' });
    expect(caught(() => a.lease.renew(claimA, 60_000)).code).toBe('lease-lost');
    expect(a.lease.release(claimA)).toBe(false);
    expect(b.lease.release(claimB)).toBe(true);
    expect(a.lease.current()).toBeUndefined();
  });

  it('lets exactly one of two writers with the same host name and pid hold the lease (two containers, node as PID 1)', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const path = temp.dbPath();
    const env = aLeaseEnvironment({ hostname: 'vm', pid: 1 });
    const first = open(path, clock, env);
    const second = open(path, clock, env);
    first.lease.acquire(createLeaseClaim('apply', env), 60_000);
    const refused = caught(() => second.lease.acquire(createLeaseClaim('apply', env), 60_000));
    expect(refused.code).toBe('lease-held');
    expect(refused.message).toContain('vm pid 1 (apply)');
    expect(() => second.journal.begin(anIntent(1))).toThrow(LeaseHeldError);
    expect(first.journal.begin(anIntent(2)).status).toBe('in-flight');
  });

  it('keeps the lease of a writer whose clock is an hour behind, as long as it renews', () => {
    const behind = new ManualClock('2026-01-01T09:00:00Z');
    const right = new ManualClock('2026-01-01T10:00:00Z');
    const path = temp.dbPath();
    const slow = open(path, behind, aLeaseEnvironment({ hostname: 'slow' }));
    const other = open(path, right, aLeaseEnvironment({ hostname: 'right' }));
    const claim = createLeaseClaim('run');
    slow.lease.acquire(claim, 60_000); // "expires" at 09:01 — an hour ago, by the other's clock
    for (let tick = 0; tick < 15; tick++) {
      expect(caught(() => other.lease.acquire(createLeaseClaim('apply'), 60_000)).code).toBe('lease-held');
      behind.advance(20_000);
      right.advance(20_000);
      slow.lease.renew(claim, 60_000);
    }
    expect(slow.journal.begin(anIntent(1)).status).toBe('in-flight');
    expect(other.lease.current()?.owner).toBe(claim.id);
  });

  it('fences a writer that lost its lease: it cannot begin or re-drive a journal row', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const path = temp.dbPath();
    const stalled = open(path, clock, aLeaseEnvironment({ hostname: 'a' }));
    const next = open(path, clock, aLeaseEnvironment({ hostname: 'b' }));
    const mine = createLeaseClaim('apply');
    stalled.lease.acquire(mine, 60_000);
    const open1 = stalled.journal.begin(anIntent(1));
    stalled.journal.settle(open1.id, { status: 'unknown' });

    const theirs = createLeaseClaim('run');
    expect(caught(() => next.lease.acquire(theirs, 60_000)).code).toBe('lease-held');
    clock.advance(60_000); // the stalled writer did not renew for a whole lease
    expect(next.lease.acquire(theirs, 60_000).takenOverFrom?.reason).toBe('expired');

    const fenced = caught(() => stalled.journal.begin(anIntent(2)));
    expect(fenced.code).toBe('lease-lost');
    expect(fenced.message).toContain(`${mine.id} no longer holds the state store lease`);
    expect(fenced.message).toContain(theirs.id);
    expect(caught(() => stalled.journal.start(open1.id)).code).toBe('lease-lost');
    // A group of intents is fenced as one: none of it is kept.
    expect(caught(() => stalled.journal.beginMany([anIntent(3), anIntent(4)])).code).toBe(
      'lease-lost',
    );
    expect(next.journal.list().map((e) => e.actionKey)).toEqual([anIntent(1).actionKey]);
    expect(next.journal.get(open1.id)?.status).toBe('unknown');
    // What it already sent may still be recorded: settling is not fenced.
    expect(stalled.journal.settle(open1.id, { status: 'failed' }).status).toBe('failed');
  });

  it('takes over at once from a dead same-host process, and from a live pid that now names another process', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const path = temp.dbPath();
    const holderEnv = aLeaseEnvironment({ pid: 42, startOf: () => '1000' });
    open(path, clock, holderEnv).lease.acquire(createLeaseClaim('run', holderEnv), 60_000);
    const reused = aLeaseEnvironment({ pid: 7, startOf: (pid) => (pid === 42 ? '5000' : '2000') });
    const taken = open(path, clock, reused).lease.acquire(createLeaseClaim('apply', reused), 60_000);
    expect(taken.takenOverFrom?.reason).toBe('owner-gone');

    const sameHostOtherNamespace = aLeaseEnvironment({ pid: 8, scope: 'vm/boot-1/pid:[999]', alive: () => false });
    const refused = caught(() =>
      open(path, clock, sameHostOtherNamespace).lease.acquire(createLeaseClaim('apply', sameHostOtherNamespace), 60_000),
    );
    expect(refused.code).toBe('lease-held'); // its pid means nothing in another pid namespace
  });

  it(
    'lets exactly one of two racing processes win; the loser is told who holds it; a dead winner is replaced at once',
    async () => {
      const path = temp.dbPath(); // fresh file: the racers also race to create it
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
      expect(losers[0]!.message).toContain(`lease ${winner}`);

      // The winner exited without releasing; its pid is gone.
      const store = openStateStore(path);
      stores.push(store);
      expect(store.lease.current()?.owner).toBe(winner);
      const mine = store.lease.acquire(createLeaseClaim('apply'), 60_000);
      expect(mine.takenOverFrom).toEqual({ owner: winner, reason: 'owner-gone' });
      expect(store.migration.applied).toEqual([]);
    },
    30_000,
  );
});
