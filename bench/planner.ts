/**
 * Planner benchmark (issue 6): 100,000 subscriptions across 10,000 customers must plan in under
 * 1 s of CPU and under 300 MB of heap. Run with `npx tsx bench/planner.ts`; `runPlannerBench()`
 * returns the figures for a bench runner.
 *
 * The estate: 10 subscription items per customer, each bound to a live NCE subscription; about
 * one item in ten drifts (seat increase, refundable or scheduled decrease, autorenew flip), a few
 * customers hold unbound or unmanaged subscriptions and a new purchase each.
 */
import { pathToFileURL } from 'node:url';
import {
  DEFAULT_POLICY,
  type Binding,
  type CatalogView,
  type CustomerId,
  type DesiredCustomer,
  type ItemKey,
  type LiveSubscription,
  type ObservedCustomer,
  type SubscriptionId,
  type SubscriptionItem,
} from '../src/model/index.js';
import {
  buildPlan,
  computeObservedDigest,
  computeSpecDigest,
  type PlanInput,
} from '../src/planner/index.js';

export interface PlannerBenchResult {
  readonly customers: number;
  readonly subscriptions: number;
  readonly actions: number;
  readonly blocked: number;
  /** CPU (user + system) spent in `buildPlan`. */
  readonly planCpuMs: number;
  /** CPU spent computing the spec and observed digests for the plan's basis. */
  readonly digestCpuMs: number;
  /** Heap in use right after planning, with the input and the plan alive. */
  readonly heapMb: number;
  readonly withinBudget: boolean;
}

const PRODUCTS = 20;
const guid = (prefix: string, n: number): string =>
  `${prefix}${n.toString(16).padStart(7, '0')}-0000-4000-8000-000000000000`;

function buildEstate(customerCount: number, itemsPerCustomer: number): PlanInput {
  const now = new Date('2026-03-01T12:00:00Z');
  const soon = new Date(now.getTime() + 3 * 86_400_000).toISOString();
  const customers: DesiredCustomer[] = [];
  const observed: ObservedCustomer[] = [];
  const bindings: Binding[] = [];
  let serial = 0;
  for (let c = 0; c < customerCount; c += 1) {
    const id = guid('c', c) as CustomerId;
    const items: SubscriptionItem[] = [];
    const live: LiveSubscription[] = [];
    for (let i = 0; i < itemsPerCustomer; i += 1) {
      const product = `PROD${(c + i) % PRODUCTS}`;
      const key = `item-${i}` as ItemKey;
      const subId = guid('5', (serial += 1)) as SubscriptionId;
      const drift = (c * 7 + i) % 10 === 0 ? (c + i) % 4 : -1;
      const have = 20;
      const want = drift === 0 ? 25 : drift === 1 ? 15 : drift === 2 ? 12 : 20;
      items.push({
        key,
        product,
        sku: '0001',
        term: 'P1Y',
        billing: 'monthly',
        ensure: 'present',
        quantity: want,
        autoRenew: drift !== 3,
        source: { file: `specs/${c}.yaml`, line: i + 5, col: 3 },
      });
      live.push({
        id: subId,
        customerId: id,
        offerId: `${product}:0001:AV${product}`,
        productId: product,
        skuId: '0001',
        friendlyName: key,
        quantity: have,
        status: 'active',
        autoRenewEnabled: true,
        termDuration: 'P1Y',
        billingCycle: 'monthly',
        creationDate: '2025-06-01T00:00:00Z',
        commitmentEndDate: '2026-05-31',
        cancellationAllowedUntilDate: '2025-06-08T00:00:00Z',
        refundableQuantity:
          drift === 1
            ? { totalQuantity: 3, details: [{ quantity: 3, allowedUntilDateTime: soon }] }
            : { totalQuantity: 0, details: [] },
      });
      bindings.push({
        customerId: id,
        item: key,
        kind: 'subscription',
        subscriptionId: subId,
        boundAt: '2025-06-01T00:00:00Z',
      });
    }
    if (c % 50 === 0) {
      items.push({
        key: 'new-seats' as ItemKey,
        product: 'PROD1',
        sku: '0002',
        term: 'P1M',
        billing: 'monthly',
        ensure: 'present',
        quantity: 5,
        autoRenew: true,
        source: { file: `specs/${c}.yaml`, line: 40, col: 3 },
      });
    }
    customers.push({
      id,
      name: `Customer ${c}`,
      country: c % 3 === 0 ? 'DE' : 'US',
      file: `specs/${c}.yaml`,
      subscriptions: items,
      purchases: [],
    });
    observed.push({ customerId: id, observedAt: now.toISOString(), subscriptions: live });
  }
  const view = (country: string): CatalogView => {
    const pairs: [string, string][] = Array.from({ length: PRODUCTS }, (_, p): [string, string] => [
      `PROD${p}`,
      '0001',
    ]);
    pairs.push(['PROD1', '0002']);
    return {
      skus: pairs.map(([productId, skuId]) => ({
        productId,
        skuId,
        title: productId,
        productKind: 'license',
        minimumQuantity: 1,
        maximumQuantity: 300,
        purchasePrerequisites: [],
        provisioningVariables: [],
        isTrial: false,
      })),
      availabilities: pairs.map(([productId, skuId]) => ({
        id: `AV${productId}`,
        productId,
        skuId,
        catalogItemId: `${productId}:${skuId}:AV${productId}`,
        country,
        terms: [
          { duration: 'P1Y', billingCycle: 'monthly' },
          { duration: 'P1M', billingCycle: 'monthly' },
        ],
      })),
    };
  };
  return {
    desired: { customers },
    observed: { customers: observed, failures: [] },
    bindings,
    inFlight: [],
    catalog: new Map([
      ['US', view('US')],
      ['DE', view('DE')],
    ]),
    policy: { ...DEFAULT_POLICY, limits: { ...DEFAULT_POLICY.limits, maxNewPurchases: 1000 } },
    now,
    basis: { stateSerial: 1 },
  };
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** Builds the estate, plans it once to warm up on a small slice, then measures one full plan. */
export function runPlannerBench(customerCount = 10_000, itemsPerCustomer = 10): PlannerBenchResult {
  buildPlan(buildEstate(200, itemsPerCustomer));
  const input = buildEstate(customerCount, itemsPerCustomer);
  globalThis.gc?.();

  // The digests alone, for reference: buildPlan computes them itself (global and per customer,
  // from one canonicalisation of each customer), so planCpuMs includes them.
  const digestStart = process.cpuUsage();
  computeSpecDigest(input.desired);
  computeObservedDigest(input.observed);
  const digestCpuMs = cpuMs(digestStart);

  const planStart = process.cpuUsage();
  const plan = buildPlan(input);
  const planCpuMs = cpuMs(planStart);
  const heapMb = process.memoryUsage().heapUsed / 1024 / 1024;

  const subscriptions = input.observed.customers.reduce(
    (sum, c) => sum + c.subscriptions.length,
    0,
  );
  return {
    customers: customerCount,
    subscriptions,
    actions: plan.actions.length,
    blocked: plan.blocked.length,
    planCpuMs: Math.round(planCpuMs),
    digestCpuMs: Math.round(digestCpuMs),
    heapMb: Math.round(heapMb),
    withinBudget: planCpuMs < 1000 && heapMb < 300,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = runPlannerBench();
  console.log(
    `planner: ${r.subscriptions} subscriptions / ${r.customers} customers → ${r.actions} actions, ${r.blocked} blocked`,
  );
  console.log(
    `planner: buildPlan CPU ${r.planCpuMs} ms (budget 1000), digests CPU ${r.digestCpuMs} ms, heap ${r.heapMb} MB (budget 300)`,
  );
  console.log(`planner: ${r.withinBudget ? 'within budget' : 'OVER BUDGET'}`);
  process.exitCode = r.withinBudget ? 0 : 1;
}
