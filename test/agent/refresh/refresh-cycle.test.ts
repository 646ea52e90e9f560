import { afterEach, describe, expect, it } from 'vitest';
import { runCycle } from '../../../src/agent/index.js';
import type { CustomerId, Plan } from '../../../src/model/index.js';
import { openStateStore } from '../../../src/state/index.js';
import { OperationalError } from '../../../src/support/index.js';
import {
  customerIdOf,
  DAY,
  MINUTE,
  planView,
  RefreshHarness,
  simpleEstate,
  subscriptionIdOf,
} from './refresh-harness.js';

let harness: RefreshHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(
  customers = 3,
  refresh?: readonly string[],
  want?: (c: number, i: number) => number,
): Promise<RefreshHarness> {
  const { seed, specs } = simpleEstate(customers, want);
  harness = await RefreshHarness.start(seed, specs, refresh);
  return harness;
}

/** Subscription list reads the last cycle made. */
function listReads(h: RefreshHarness): number {
  return h.calls['GET subscriptions'] ?? 0;
}

/** Audit pages (family `other`: Partner Center states no limit for them) and list reads. */
function reads(h: RefreshHarness): { audit: number; lists: number } {
  return { audit: h.calls['GET other'] ?? 0, lists: listReads(h) };
}

async function plan(h: RefreshHarness): Promise<Plan> {
  h.calls = {};
  return h.planIncremental();
}

describe('an incremental cycle', () => {
  it('starts with a full refresh, then reads only the customers the audit feed names', async () => {
    const h = await start();
    const first = await plan(h);
    expect(first.basis.refresh).toMatchObject({
      mode: 'full',
      fullReason: { code: 'no-mark' },
      fresh: 3,
      fromSnapshot: 0,
      freshBecause: { full: 3 },
    });
    expect(listReads(h)).toBe(3);
    // Batches of two read at once: progress still counts up, once per customer, to the total.
    expect(h.progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);

    h.advance(30 * MINUTE);
    const quiet = await plan(h);
    expect(h.progress).toEqual([
      [2, 3],
      [3, 3],
    ]);
    expect(quiet.basis.refresh).toMatchObject({
      mode: 'incremental',
      fresh: 0,
      fromSnapshot: 3,
      oldestSnapshotAt: '2026-03-02T10:00:00.000Z',
      audit: { pages: 1, records: 0 },
    });
    expect(reads(h)).toEqual({ audit: 1, lists: 0 });
    expect(quiet.actions).toEqual([]);

    // Seats changed in the portal: the feed names customer 1, and only it is read.
    h.advance(5 * MINUTE);
    h.sandbox.admin.updateSubscription(customerIdOf(1), subscriptionIdOf(1, 0), { quantity: 14 });
    h.advance(10 * MINUTE);
    const moved = await plan(h);
    expect(moved.basis.refresh).toMatchObject({
      mode: 'incremental',
      fresh: 1,
      fromSnapshot: 2,
      freshBecause: { 'audit-activity': 1 },
    });
    expect(reads(h)).toEqual({ audit: 1, lists: 1 });
    expect(moved.actions).toEqual([
      expect.objectContaining({
        kind: 'decrease-quantity',
        customerId: customerIdOf(1),
        subscriptionId: subscriptionIdOf(1, 0),
        before: { quantity: 14 },
        after: { quantity: 10 },
      }),
    ]);
    expect(moved.basis.customers[customerIdOf(1)]?.snapshotAt).toBeUndefined();
    expect(moved.basis.customers[customerIdOf(0)]?.snapshotAt).toBe('2026-03-02T10:00:00.000Z');
    expect(planView(moved)).toEqual(planView(await h.planFull()));
  });

  it('runs a full refresh once refresh.fullEvery has passed', async () => {
    const h = await start(2, ['mode: incremental', 'fullEvery: 2h']);
    await plan(h);
    h.advance(90 * MINUTE);
    expect((await plan(h)).basis.refresh?.mode).toBe('incremental');
    h.advance(31 * MINUTE);
    const again = await plan(h);
    expect(again.basis.refresh).toMatchObject({
      mode: 'full',
      fullReason: {
        code: 'full-every',
        detail: expect.stringContaining('began at 2026-03-02T10:00:00.000Z'),
      },
      fresh: 2,
    });
    expect(listReads(h)).toBe(2);
  });

  it('reads every customer when the audit read fails, and says which call failed', async () => {
    const h = await start(2);
    await plan(h);
    h.advance(30 * MINUTE);
    h.sandbox.faults.add({
      match: 'GET /v1/auditrecords',
      kind: 'status',
      status: 403,
      code: '900146',
      count: 'unlimited',
    });
    const failed = await plan(h);
    expect(failed.basis.refresh).toMatchObject({
      mode: 'full',
      fullReason: {
        code: 'audit-failed',
        detail: expect.stringMatching(/GET \/v1\/auditrecords failed \(.*900146/),
      },
      fresh: 2,
    });
    expect(listReads(h)).toBe(2);
  });

  it('reads every customer when the mark is older than the 90 days the feed keeps', async () => {
    const h = await start(2, ['mode: incremental', 'fullEvery: 90d']);
    await plan(h);
    h.advance(90 * DAY - 10 * MINUTE);
    const late = await plan(h);
    expect(late.basis.refresh).toMatchObject({ mode: 'full', fullReason: { code: 'audit-gap' } });
    expect(planView(late)).toEqual(planView(await h.planFull()));
  });

  it("reads a customer the agent changed even when the feed does not show the agent's call yet", async () => {
    const h = await start(3, undefined, (c, i) => (c === 2 && i === 1 ? 12 : 10));
    await plan(h);
    // Records land late: the agent's own changes are not in the feed this hour.
    h.hideAudit = (record) => record.userPrincipalName !== 'admin@portal';
    h.advance(30 * MINUTE);
    const applied = await h.apply();
    expect(applied.report?.counts.succeeded).toBe(1);
    h.advance(30 * MINUTE);
    const after = await plan(h);
    expect(after.basis.refresh).toMatchObject({
      mode: 'incremental',
      freshBecause: { 'agent-activity': 1 },
      fromSnapshot: 2,
    });
    expect(after.actions).toEqual([]);
    expect(planView(after)).toEqual(planView(await h.planFull()));
  });

  it('judges a saved plan on fresh reads of the customers it touches', async () => {
    const h = await start(3, undefined, (c, i) => (c === 0 && i === 0 ? 15 : 10));
    await plan(h);
    h.advance(30 * MINUTE);
    const saved = await plan(h);
    expect(saved.actions.map((a) => a.customerId)).toEqual([customerIdOf(0)]);
    expect(saved.basis.customers[customerIdOf(0)]?.snapshotAt).toBeDefined();
    // A change the feed does not show (yet) to the very subscription the plan raises.
    h.hideAudit = () => true;
    h.sandbox.admin.updateSubscription(customerIdOf(0), subscriptionIdOf(0, 0), { quantity: 13 });
    h.advance(5 * MINUTE);
    const refused = await h
      .withApp((app, desired) =>
        runCycle(app, desired, { command: 'apply', saved: { plan: saved, path: 'plan.json' } }),
      )
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OperationalError);
    expect(refused).toMatchObject({ code: 'plan-stale' });
    expect((refused as Error).message).toContain(
      `customer Customer 0 (${customerIdOf(0)}): its live state in Partner Center changed`,
    );
    expect(h.sandbox.state.subscriptions(customerIdOf(0))[0]?.quantity).toBe(13);
  });

  it("lets a plan of some customers cover them without moving the whole file's mark", async () => {
    const h = await start(3);
    await plan(h);
    const store = (): ReturnType<typeof openStateStore> => openStateStore(`${h.dir}/state/qm.db`);
    const before = store();
    const mark = before.refreshMarks.mark();
    before.close();
    h.advance(30 * MINUTE);
    h.calls = {};
    const scoped = await h.withApp(async (app, desired) => {
      const outcome = await runCycle(app, desired, {
        command: 'plan',
        customers: [customerIdOf(0) as CustomerId],
      });
      return outcome.plan;
    });
    expect(scoped.basis.refresh).toMatchObject({ mode: 'incremental', fresh: 0, fromSnapshot: 1 });
    const after = store();
    try {
      expect(after.refreshMarks.mark()).toEqual(mark);
      const covered = after.refreshMarks.listCoverage();
      expect(covered.get(customerIdOf(0) as CustomerId)?.coveredUntil).toBe(
        '2026-03-02T10:30:00.000Z',
      );
      expect(covered.get(customerIdOf(1) as CustomerId)?.coveredUntil).toBe(
        '2026-03-02T10:00:00.000Z',
      );
    } finally {
      after.close();
    }
    // The next cycle over everyone still reads the feed from the file's mark, and plans all three from snapshots.
    h.advance(5 * MINUTE);
    expect((await plan(h)).basis.refresh).toMatchObject({ fresh: 0, fromSnapshot: 3 });
  });
});
