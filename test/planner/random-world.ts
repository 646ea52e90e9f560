import type {
  Binding,
  CustomerId,
  DesiredCustomer,
  InFlightPurchase,
  LiveRegistration,
  LiveSubscription,
  ObservedCustomer,
  PurchaseItem,
  SubscriptionBilling,
  SubscriptionItem,
  Term,
} from '../../src/model/index.js';
import type { PlanInput } from '../../src/planner/index.js';
import {
  aDefaultCatalog,
  aLiveSubscription,
  aReservation,
  aSoftware,
  aSubscriptionItem,
  AZURE_SUB,
  hoursFromNow,
  key,
  NOW,
  PERMISSIVE_POLICY,
  subId,
} from './builders.js';

/** mulberry32: a tiny seeded PRNG, so every random case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHAPES: readonly [string, Term, SubscriptionBilling][] = [
  ['PROD1', 'P1Y', 'monthly'],
  ['PROD1', 'P1M', 'monthly'],
  ['PROD2', 'P1Y', 'annual'],
  ['ADDON', 'P1Y', 'monthly'],
  ['PROD2', 'P3Y', 'triennial'], // not sold: no-availability
];

/** A random but valid plan input: desired items, live subscriptions, bindings, in-flight purchases. */
export function randomWorld(seed: number): PlanInput {
  const rnd = seededRandom(seed);
  const int = (min: number, max: number): number => min + Math.floor(rnd() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const chance = (p: number): boolean => rnd() < p;
  let nextSub = seed * 1000;

  const customers: DesiredCustomer[] = [];
  const observed: ObservedCustomer[] = [];
  const bindings: Binding[] = [];
  const inFlight: InFlightPurchase[] = [];
  const customerCount = int(1, 3);
  for (let c = 0; c < customerCount; c += 1) {
    const customerId =
      `c${seed.toString(16).padStart(7, '0')}-0000-4000-8000-00000000000${c}` as CustomerId;
    const subscriptions: SubscriptionItem[] = [];
    const live: LiveSubscription[] = [];
    const itemCount = int(0, 5);
    for (let i = 0; i < itemCount; i += 1) {
      const [product, term, billing] = pick(SHAPES);
      const item = aSubscriptionItem({
        key: key(`item-${i}`),
        product,
        term,
        billing,
        quantity: chance(0.05) ? 400 : int(1, 20),
        autoRenew: chance(0.8),
        ensure: chance(0.15) ? 'cancelled' : 'present',
      });
      subscriptions.push(item);
      const roll = rnd();
      if (roll < 0.55) {
        const quantity = int(1, 25);
        const sub = aLiveSubscription({
          id: subId((nextSub += 1)),
          customerId,
          offerId: `${product}:0001:AV`,
          productId: product,
          termDuration: term,
          billingCycle: billing,
          quantity,
          status: pick(['active', 'active', 'active', 'active', 'suspended', 'deleted']),
          autoRenewEnabled: chance(0.7),
          cancellationAllowedUntilDate: hoursFromNow(chance(0.3) ? 48 : -48),
          refundableQuantity: (() => {
            const open = chance(0.5) ? int(0, quantity) : 0;
            return {
              totalQuantity: open,
              details:
                open === 0
                  ? []
                  : [{ quantity: open, allowedUntilDateTime: hoursFromNow(chance(0.8) ? 24 : -1) }],
            };
          })(),
          ...(chance(0.2)
            ? {
                scheduledNextTermInstructions: {
                  productId: product,
                  skuId: '0001',
                  quantity: int(1, quantity),
                },
              }
            : {}),
        });
        live.push(sub);
        if (chance(0.75))
          bindings.push({
            customerId,
            item: item.key,
            kind: 'subscription',
            subscriptionId: sub.id,
            boundAt: NOW.toISOString(),
          });
      } else if (roll < 0.62) {
        inFlight.push({
          customerId,
          item: item.key,
          actionKey: 'purchase:00000000' as InFlightPurchase['actionKey'],
          orderIds: [],
          since: NOW.toISOString(),
        });
      }
    }
    const strangers = int(0, 2);
    for (let u = 0; u < strangers; u += 1) {
      live.push(
        aLiveSubscription({
          id: subId((nextSub += 1)),
          customerId,
          offerId: 'OTHER:0001:AV',
          productId: 'OTHER',
          status: pick(['active', 'deleted']),
        }),
      );
    }
    const purchases: PurchaseItem[] = [];
    if (chance(0.4))
      purchases.push(aReservation({ quantity: int(1, 60), term: pick(['P1Y', 'P3Y'] as const) }));
    if (chance(0.3)) purchases.push(aSoftware({ quantity: int(1, 5) }));
    const registrations: LiveRegistration[] = chance(0.5)
      ? [
          {
            azureSubscriptionId: AZURE_SUB,
            status: pick(['registered', 'notregistered', 'registering']),
          },
        ]
      : [];
    customers.push({
      id: customerId,
      name: `Customer ${c}`,
      country: chance(0.9) ? 'US' : 'FR',
      file: 'x.yaml',
      subscriptions,
      purchases,
    });
    observed.push({
      customerId,
      observedAt: NOW.toISOString(),
      subscriptions: live,
      registrations,
    });
  }
  return {
    desired: { customers },
    observed: { customers: observed, failures: [] },
    bindings,
    inFlight,
    catalog: aDefaultCatalog(),
    policy: PERMISSIVE_POLICY,
    now: NOW,
    basis: { stateSerial: seed },
  };
}
