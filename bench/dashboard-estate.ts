import { join } from 'node:path';
import { buildStatusReport } from '../src/agent/index.js';
import type {
  ActionKey,
  ItemKey,
  LiveSubscription,
  ObservedCustomer,
  Plan,
  PlanAction,
  SubscriptionId,
} from '../src/model/index.js';
import { loadSpecs } from '../src/spec/index.js';
import { createLeaseClaim, openStateStore } from '../src/state/index.js';
import { writeEstateSpecs } from './estate.js';

const DAY = 86_400_000;

/** What `buildDashboardEstate` made. */
export interface DashboardEstate {
  readonly specsDir: string;
  readonly statePath: string;
  readonly subscriptions: number;
  readonly planId: string;
  readonly customerIds: readonly string[];
}

/**
 * The dashboard benchmark's state store, written directly (no sandbox): the bench estate's
 * specs (bench/estate.ts: `customers` × 10 subscriptions, 5 % drifted), one snapshot per
 * customer with renewals spread over the next year and a refund window open on every tenth
 * customer's annual items, every item bound, 1,000 runs, 2,000 journal rows (20 of them in
 * doubt) and a saved plan awaiting review of every drifted item, priced.
 */
export function buildDashboardEstate(dir: string, customers: number, now: Date): DashboardEstate {
  const specsDir = writeEstateSpecs(dir, customers);
  const loaded = loadSpecs(specsDir, { cwd: dir });
  if (loaded.diagnostics.some((d) => d.severity === 'error'))
    throw new Error(`bench specs: ${loaded.diagnostics[0]?.message ?? ''}`);
  const desired = loaded.desired;
  const statePath = join(dir, 'state', 'qm.db');
  const store = openStateStore(statePath);
  try {
    const at = (days: number): string => new Date(now.getTime() + days * DAY).toISOString();
    const observed: ObservedCustomer[] = desired.customers.map((c, ci) => ({
      customerId: c.id,
      observedAt: at(-0.01),
      subscriptions: c.subscriptions.map((item, i): LiveSubscription => {
        const annual = item.term === 'P1Y';
        const refundOpen = annual && ci % 10 === 0;
        return {
          id: item.subscriptionId as SubscriptionId,
          customerId: c.id,
          offerId: `${item.product}:${item.sku}:CFQ7TTC0AAAA`,
          productId: item.product,
          skuId: item.sku,
          friendlyName: `Licence ${item.product}`,
          quantity: 10,
          status: 'active',
          autoRenewEnabled: i !== 3,
          termDuration: item.term,
          billingCycle: item.billing,
          creationDate: at(-2),
          commitmentEndDate: at(annual ? ((ci * 7 + i) % 360) + 1 : ((ci + i) % 28) + 1).slice(
            0,
            10,
          ),
          ...(refundOpen
            ? {
                cancellationAllowedUntilDate: at(5),
                refundableQuantity: {
                  totalQuantity: 10,
                  details: [{ quantity: 10, allowedUntilDateTime: at(5) }],
                },
              }
            : {}),
        };
      }),
    }));
    store.snapshots.upsertMany(observed);
    store.transaction(() => {
      for (const c of desired.customers)
        for (const item of c.subscriptions)
          store.bindings.put({
            customerId: c.id,
            item: item.key,
            kind: 'subscription',
            ...(item.subscriptionId === undefined ? {} : { subscriptionId: item.subscriptionId }),
            boundAt: at(-2),
          });
    });
    const claim = createLeaseClaim('bench');
    store.lease.acquire(claim, 600_000);
    for (let r = 0; r < 1000; r++) {
      const run = store.runs.start('run', 'bench');
      if (r < 200)
        for (let j = 0; j < 10; j++) {
          const c = desired.customers[(r * 10 + j) % desired.customers.length];
          if (c === undefined) continue;
          const row = store.journal.begin({
            runId: run.id,
            actionKey: `bench-${r}-${j}` as ActionKey,
            requestId: `req-${r}-${j}`,
            kind: 'increase-quantity',
            step: 'patch-subscription',
            customerId: c.id,
            item: 'item-7' as ItemKey,
          });
          if (r >= 2) store.journal.settle(row.id, { status: 'succeeded' });
        }
      store.runs.end(run.id, 'succeeded', { actions: 10, succeeded: 10 });
    }
    store.lease.release(claim);
    const drift = buildStatusReport(store, desired, now).plan;
    const plan: Plan = { ...drift, actions: drift.actions.map(priced) };
    const saved = store.plans.save(plan);
    return {
      specsDir,
      statePath,
      subscriptions: observed.reduce((n, o) => n + o.subscriptions.length, 0),
      planId: saved.id,
      customerIds: desired.customers.map((c) => c.id),
    };
  } finally {
    store.close();
  }
}

/** A seat change at USD 10 per seat and month. */
function priced(action: PlanAction): PlanAction {
  if (action.kind !== 'increase-quantity' && action.kind !== 'decrease-quantity') return action;
  const seats = action.after.quantity - action.before.quantity;
  return {
    ...action,
    cost: {
      currency: 'USD',
      unitPrice: 10,
      per: 'P1M',
      monthlyDelta: seats * 10,
      commitment: seats * 10,
      charge: seats * 10,
      source: { market: 'US', view: 'updatedlicensebased', month: '2026-01', timeline: 'current' },
    },
  };
}
