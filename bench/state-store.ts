/**
 * State store benchmark (issue 5). Run with `npx tsx bench/state-store.ts`; `runStateBench()`
 * returns the figures for a bench runner.
 *
 * Measures, on a real file in a temp directory (WAL, synchronous=FULL, as in production):
 * - journal inserts/s: `journal.begin`, one durable commit (fsync) per row, as the applier
 *   writes them; and `begin` + `settle` pairs;
 * - snapshot upserts of 100,000 subscriptions, as 2,000 customers × 50 in one `upsertMany`
 *   (a refresh) — first write and a full rewrite — and as one customer with 100,000;
 * - reading the 100,000 back.
 * Budget: the 100k-subscription upsert under 2 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  ActionKey,
  CustomerId,
  ItemKey,
  LiveSubscription,
  ObservedCustomer,
  OrderId,
  SubscriptionId,
} from '../src/model/index.js';
import { openStateStore } from '../src/state/index.js';

export interface StateBenchResult {
  readonly journalRows: number;
  /** `begin` only: one fsynced commit per row. */
  readonly journalInsertsPerSec: number;
  /** `begin` then `settle`: two commits per call, what one mutating call costs. */
  readonly journalCallsPerSec: number;
  readonly subscriptions: number;
  /** 2,000 customers × 50 subscriptions, first write, one transaction. */
  readonly snapshotInsertMs: number;
  /** The same estate written again (every row replaced). */
  readonly snapshotRewriteMs: number;
  /** One customer holding all 100,000 subscriptions. */
  readonly snapshotSingleCustomerMs: number;
  readonly snapshotUpsertsPerSec: number;
  /** `snapshots.list()` of all 100,000. */
  readonly snapshotReadMs: number;
  readonly withinBudget: boolean;
}

const guid = (prefix: number, n: number): string =>
  `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function aSubscription(customerId: CustomerId, n: number): LiveSubscription {
  return {
    id: guid(5, n) as SubscriptionId,
    customerId,
    offerId: 'CFQ7TTC0LCHC:0002:CFQ7TTC0PW0H',
    productId: 'CFQ7TTC0LCHC',
    skuId: '0002',
    friendlyName: `Microsoft 365 Business Premium ${n}`,
    quantity: 10 + (n % 90),
    status: 'active',
    autoRenewEnabled: true,
    termDuration: 'P1Y',
    billingCycle: 'monthly',
    creationDate: '2025-06-01T00:00:00Z',
    commitmentEndDate: '2026-05-31T00:00:00Z',
    cancellationAllowedUntilDate: '2025-06-08T00:00:00Z',
    refundableQuantity: { totalQuantity: 0, details: [] },
  };
}

function buildEstate(
  customers: number,
  perCustomer: number,
  observedAt: string,
): ObservedCustomer[] {
  return Array.from({ length: customers }, (_, c) => {
    const customerId = guid(0xc, c) as CustomerId;
    return {
      customerId,
      observedAt,
      subscriptions: Array.from({ length: perCustomer }, (_, i) =>
        aSubscription(customerId, c * perCustomer + i),
      ),
    };
  });
}

const timed = (fn: () => void): number => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

/** Runs every measurement on a fresh temp database and removes it afterwards. */
export function runStateBench(
  journalRows = 2000,
  customers = 2000,
  perCustomer = 50,
): StateBenchResult {
  const dir = mkdtempSync(join(tmpdir(), 'qm-bench-state-'));
  try {
    const store = openStateStore(join(dir, 'state.db'));
    const intent = (n: number) => ({
      actionKey: `purchase:${n.toString(16).padStart(16, '0')}` as ActionKey,
      requestId: guid(0xe, n),
      kind: 'purchase',
      step: 'checkout',
      customerId: guid(0xc, n % 100) as CustomerId,
      item: `item-${n % 10}` as ItemKey,
      cartId: `cart-${n}`,
      request: { lines: [{ catalogItemId: 'CFQ7TTC0LCHC:0002:CFQ7TTC0PW0H', quantity: 5 }] },
    });
    const insertMs = timed(() => {
      for (let n = 0; n < journalRows; n++) store.journal.begin(intent(n));
    });
    const callMs = timed(() => {
      for (let n = journalRows; n < 2 * journalRows; n++) {
        const { id } = store.journal.begin(intent(n));
        store.journal.settle(id, {
          status: 'succeeded',
          orderIds: [`ord-${n}` as OrderId],
          response: { status: 201 },
        });
      }
    });

    const first = buildEstate(customers, perCustomer, '2026-01-01T00:00:00.000Z');
    const second = buildEstate(customers, perCustomer, '2026-01-01T00:30:00.000Z');
    const subscriptions = customers * perCustomer;
    const snapshotInsertMs = timed(() => store.snapshots.upsertMany(first));
    const snapshotRewriteMs = timed(() => store.snapshots.upsertMany(second));
    let read = 0;
    const snapshotReadMs = timed(() => {
      read = store.snapshots.list().reduce((sum, c) => sum + c.subscriptions.length, 0);
    });
    if (read !== subscriptions)
      throw new Error(`read back ${read} of ${subscriptions} subscriptions`);
    const single = buildEstate(1, subscriptions, '2026-01-01T01:00:00.000Z');
    const snapshotSingleCustomerMs = timed(() => store.snapshots.upsert(single[0]!));
    store.close();

    const worst = Math.max(snapshotInsertMs, snapshotRewriteMs, snapshotSingleCustomerMs);
    return {
      journalRows,
      journalInsertsPerSec: Math.round(journalRows / (insertMs / 1000)),
      journalCallsPerSec: Math.round(journalRows / (callMs / 1000)),
      subscriptions,
      snapshotInsertMs: Math.round(snapshotInsertMs),
      snapshotRewriteMs: Math.round(snapshotRewriteMs),
      snapshotSingleCustomerMs: Math.round(snapshotSingleCustomerMs),
      snapshotUpsertsPerSec: Math.round(subscriptions / (snapshotRewriteMs / 1000)),
      snapshotReadMs: Math.round(snapshotReadMs),
      withinBudget: worst < 2000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = runStateBench();
  console.log(
    `state: journal ${r.journalInsertsPerSec} inserts/s (begin, fsync each), ` +
      `${r.journalCallsPerSec} calls/s (begin + settle), ${r.journalRows} rows each`,
  );
  console.log(
    `state: snapshot upsert of ${r.subscriptions} subscriptions: ${r.snapshotInsertMs} ms first write, ` +
      `${r.snapshotRewriteMs} ms rewrite (${r.snapshotUpsertsPerSec} subscriptions/s), ` +
      `${r.snapshotSingleCustomerMs} ms as one customer (budget 2000 ms)`,
  );
  console.log(`state: read back ${r.subscriptions} subscriptions in ${r.snapshotReadMs} ms`);
  console.log(`state: ${r.withinBudget ? 'within budget' : 'OVER BUDGET'}`);
  process.exitCode = r.withinBudget ? 0 : 1;
}
