import { afterEach, describe, expect, it } from 'vitest';
import { PLAN_FORMAT_VERSION, type ActionKey, type Plan } from '../../src/model/index.js';
import { openStateStore, type StateStore } from '../../src/state/index.js';
import { ManualClock } from '../../src/support/index.js';
import { aCustomerId, anActionKey, anItem, aSubscriptionId, makeTempDirs } from './builders.js';

const temp = makeTempDirs();
let store: StateStore | undefined;
afterEach(() => {
  store?.close();
  temp.cleanup();
});

const aPlan = (stateSerial: number): Plan => ({
  formatVersion: PLAN_FORMAT_VERSION,
  basis: { specDigest: 'spec-1', observedDigest: 'obs-1', stateSerial, customers: {}, createdAt: '2026-01-01T00:00:00.000Z' },
  actions: [],
  blocked: [],
  unmanaged: [],
  summary: { actions: {}, totalActions: 0, irreversible: 0, blocked: {}, totalBlocked: 0, unmanaged: 0, customers: 1 },
});

describe('state store', () => {
  it('bumps the serial durably across reopen', () => {
    const path = temp.dbPath();
    store = openStateStore(path);
    expect(store.currentSerial()).toBe(0);
    expect(store.bumpSerial()).toBe(1);
    expect(store.bumpSerial()).toBe(2);
    store.close();
    store = openStateStore(path);
    expect(store.currentSerial()).toBe(2);
  });

  it('records runs with outcome and counts, newest first', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    store = openStateStore(temp.dbPath(), { clock });
    const first = store.runs.start('apply', 'host:1:apply');
    clock.advance(5000);
    expect(store.runs.end(first.id, 'partial', { actions: 3, succeeded: 2, failed: 1 })).toEqual({
      id: first.id,
      command: 'apply',
      owner: 'host:1:apply',
      startedAt: '2026-01-01T00:00:00.000Z',
      endedAt: '2026-01-01T00:00:05.000Z',
      outcome: 'partial',
      counts: { actions: 3, succeeded: 2, failed: 1 },
    });
    const second = store.runs.start('run', 'host:2:run');
    expect(store.runs.listRuns().map((r) => [r.id, r.outcome])).toEqual([
      [second.id, undefined],
      [first.id, 'partial'],
    ]);
    expect(store.runs.listRuns(1)).toHaveLength(1);
    expect(store.runs.end(999, 'failed')).toBeUndefined();

    const entry = store.journal.begin({
      runId: first.id,
      actionKey: anActionKey(1),
      requestId: 'r',
      kind: 'set-autorenew',
      customerId: aCustomerId(1),
    });
    expect(store.journal.listByRun(first.id)).toEqual([entry]);
    expect(store.journal.listByRun(second.id)).toEqual([]);
  });

  it('saves plans idempotently by content and records approvals', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    store = openStateStore(temp.dbPath(), { clock });
    const saved = store.plans.save(aPlan(3));
    expect(saved).toEqual({ id: saved.id, plan: aPlan(3), savedAt: '2026-01-01T00:00:00.000Z' });
    clock.advance(1000);
    expect(store.plans.save(aPlan(3)).id).toBe(saved.id);
    const newer = store.plans.save(aPlan(4));
    expect(newer.id).not.toBe(saved.id);
    expect(store.plans.latest()?.id).toBe(newer.id);
    expect(store.plans.list().map((p) => p.plan.basis.stateSerial)).toEqual([4, 3]);

    const keys = [anActionKey(5)] as ActionKey[];
    expect(store.plans.approve(saved.id, 'alice', keys)).toMatchObject({ planId: saved.id, approvedBy: 'alice', actionKeys: keys });
    const all = store.plans.approve(saved.id, 'bob');
    expect(all.actionKeys).toBeUndefined();
    expect(store.plans.listApprovals(saved.id).map((a) => a.approvedBy)).toEqual(['alice', 'bob']);
    expect(() => store!.plans.approve('no-such-plan', 'eve')).toThrow(/FOREIGN KEY/);
  });

  it('commits a multi-repository transaction together or not at all', () => {
    store = openStateStore(temp.dbPath());
    const s = store;
    const { id } = s.journal.begin({ actionKey: anActionKey(1), requestId: 'r', kind: 'purchase', customerId: aCustomerId(1), item: anItem('x') });
    const binding = { customerId: aCustomerId(1), item: anItem('x'), kind: 'subscription', subscriptionId: aSubscriptionId(1), boundAt: 't' } as const;
    expect(() =>
      s.transaction(() => {
        s.journal.settle(id, { status: 'succeeded' });
        s.bindings.put(binding);
        s.bumpSerial();
        throw new Error('crash before commit');
      }),
    ).toThrow('crash before commit');
    expect(s.journal.get(id)?.status).toBe('in-flight');
    expect(s.bindings.list()).toEqual([]);
    expect(s.currentSerial()).toBe(0);

    s.transaction(() => {
      s.journal.settle(id, { status: 'succeeded' });
      s.bindings.put(binding);
      return s.bumpSerial();
    });
    expect([s.journal.get(id)?.status, s.bindings.list().length, s.currentSerial()]).toEqual(['succeeded', 1, 1]);
  });
});
