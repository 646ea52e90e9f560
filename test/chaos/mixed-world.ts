import type { RunningSandbox, SandboxSeed } from '../../src/sandbox/index.js';
import { defaultCatalog } from '../../src/sandbox/index.js';

/**
 * The mixed estate every kill point and fault runs against: one US customer whose spec asks for
 * two purchases (a monthly licence, and a VM reservation on an Azure plan that must be
 * registered first), an increase, a decrease inside the refund window, a scheduled decrease
 * outside it, and an autorenew change. Six mutating effects, each of which must happen once.
 */
export const CUSTOMER = '4d2c1b0a-9e8f-4a7b-8c6d-5e4f3a2b1c0d';
export const SUBS = {
  increase: '11111111-1111-4111-8111-111111111111',
  decrease: '22222222-2222-4222-8222-222222222222',
  scheduled: '33333333-3333-4333-8333-333333333333',
  autorenew: '44444444-4444-4444-8444-444444444444',
  azurePlan: '55555555-5555-4555-8555-555555555555',
} as const;
const LICENCE_PRODUCT = 'CFQ7TTC0L3PB';
const RESERVATION_PRODUCT = 'DZH318Z0BQ4T';

/** The sandbox seed: the default catalog and the one customer with its live subscriptions. */
export function mixedSeed(): SandboxSeed {
  return {
    catalog: defaultCatalog(),
    customers: [
      {
        id: CUSTOMER,
        name: 'Litware Inc',
        country: 'US',
        subscriptions: [
          {
            id: SUBS.increase,
            productId: 'CFQ7TTC0LH18',
            skuId: '0001',
            termDuration: 'P1M',
            billingCycle: 'monthly',
            quantity: 10,
            purchasedDaysAgo: 2,
          },
          {
            id: SUBS.decrease,
            productId: 'CFQ7TTC0LDPB',
            skuId: '0001',
            termDuration: 'P1Y',
            billingCycle: 'monthly',
            quantity: 10,
            purchasedDaysAgo: 2,
          },
          {
            id: SUBS.scheduled,
            productId: 'CFQ7TTC0LFLX',
            skuId: '0001',
            termDuration: 'P1Y',
            billingCycle: 'monthly',
            quantity: 20,
            purchasedDaysAgo: 100,
          },
          {
            id: SUBS.autorenew,
            productId: 'CFQ7TTC0LH16',
            skuId: '0001',
            termDuration: 'P1Y',
            billingCycle: 'annual',
            quantity: 5,
            purchasedDaysAgo: 30,
          },
          {
            id: SUBS.azurePlan,
            productId: 'DZH318Z0BPS6',
            skuId: '0001',
            billingCycle: 'monthly',
            quantity: 1,
            purchasedDaysAgo: 400,
          },
        ],
      },
    ],
  };
}

/** The spec (YAML) that turns the seed into the mixed plan. */
export const MIXED_SPEC = `version: 1
customer:
  id: ${CUSTOMER}
  name: Litware Inc
  country: US
subscriptions:
  basic:
    { product: CFQ7TTC0LH18, sku: "0001", term: P1M, billing: monthly, quantity: 15, subscriptionId: ${SUBS.increase} }
  standard:
    { product: CFQ7TTC0LDPB, sku: "0001", term: P1Y, billing: monthly, quantity: 6, subscriptionId: ${SUBS.decrease} }
  e3:
    { product: CFQ7TTC0LFLX, sku: "0001", term: P1Y, billing: monthly, quantity: 12, subscriptionId: ${SUBS.scheduled} }
  exchange:
    { product: CFQ7TTC0LH16, sku: "0001", term: P1Y, billing: annual, quantity: 5, autoRenew: false, subscriptionId: ${SUBS.autorenew} }
  power-bi:
    { product: ${LICENCE_PRODUCT}, sku: "0001", term: P1M, billing: monthly, quantity: 3 }
purchases:
  d2s-v3-eastus:
    kind: azure-reservation
    product: ${RESERVATION_PRODUCT}
    sku: "0059"
    quantity: 1
    term: P1Y
    billing: one_time
    azureSubscriptionId: ${SUBS.azurePlan}
    scope: shared
    region: eastus
`;

/** What a converged estate looks like, and how far the sandbox is from it. */
export interface Convergence {
  /** Effects applied more than once (a second order, a PATCH committed twice). */
  readonly duplicates: string[];
  /** Desired effects missing from the sandbox. */
  readonly lost: string[];
}

/**
 * Compares the sandbox with the desired state. Duplicates are read from the server's own
 * records: orders per purchased product, and committed (2xx, not replayed) PATCHes per
 * subscription in the request log.
 */
export function checkConvergence(sandbox: RunningSandbox): Convergence {
  const duplicates: string[] = [];
  const lost: string[] = [];
  const subs = new Map(sandbox.state.subscriptions(CUSTOMER).map((s) => [s.id, s]));
  const expect = (what: string, ok: boolean): void => {
    if (!ok) lost.push(what);
  };
  expect('basic quantity 15', subs.get(SUBS.increase)?.quantity === 15);
  expect('standard quantity 6', subs.get(SUBS.decrease)?.quantity === 6);
  const e3 = subs.get(SUBS.scheduled);
  expect('e3 keeps 20 seats', e3?.quantity === 20);
  expect('e3 renews with 12 seats', e3?.scheduled?.quantity === 12);
  expect('exchange autorenew off', subs.get(SUBS.autorenew)?.autoRenewEnabled === false);
  expect(
    'azure plan registered',
    sandbox.state.registrations(CUSTOMER).some((r) => r.subscriptionId === SUBS.azurePlan),
  );

  const ordersFor = (productId: string): number =>
    sandbox.state.orders(CUSTOMER).filter((o) => o.lineItems.some((l) => l.productId === productId))
      .length;
  for (const [name, product] of [
    ['power-bi', LICENCE_PRODUCT],
    ['reservation', RESERVATION_PRODUCT],
  ] as const) {
    const n = ordersFor(product);
    if (n === 0) lost.push(`${name} order`);
    if (n > 1) duplicates.push(`${name}: ${n} orders`);
  }
  const powerBi = [...subs.values()].filter((s) => s.productId === LICENCE_PRODUCT);
  expect(
    'power-bi subscription with 3 seats',
    powerBi.length >= 1 && powerBi.every((s) => s.quantity === 3),
  );

  const patches = new Map<string, number>();
  for (const r of sandbox.state.requests()) {
    if (r.method !== 'PATCH' || r.replayed === true || r.status < 200 || r.status >= 300) continue;
    patches.set(r.path, (patches.get(r.path) ?? 0) + 1);
  }
  for (const [path, n] of patches) if (n > 1) duplicates.push(`${path}: ${n} committed PATCHes`);
  return { duplicates, lost };
}
