import { describe, expect, it } from 'vitest';
import type { CatalogView } from '../../src/model/index.js';
import type { PlanInput } from '../../src/planner/index.js';
import { buildPlan } from '../../src/planner/index.js';
import {
  aBinding,
  aCatalogView,
  aCustomer,
  aDefaultCatalog,
  aLiveSubscription,
  anObservedCustomer,
  aPlanInput,
  aSku,
  aSubscriptionItem,
  key,
  PERMISSIVE_POLICY,
  SUB_A,
} from './builders.js';

/** An increase on a bound live subscription (10 → 30 seats) plus a purchase of PROD2. */
const increaseAndPurchase = (
  catalog: Map<string, CatalogView>,
  friendlyName = 'Contoso seats',
): PlanInput =>
  aPlanInput({
    customer: aCustomer({
      subscriptions: [
        aSubscriptionItem({ quantity: 30 }),
        aSubscriptionItem({ key: key('new'), product: 'PROD2' }),
      ],
    }),
    live: anObservedCustomer({ subscriptions: [aLiveSubscription({ friendlyName })] }),
    bindings: [aBinding()],
    catalog,
  });

const names = (input: PlanInput) =>
  buildPlan(input).actions.map((a) => [a.kind, a.item, a.productName]);

describe('buildPlan: product names beside ids', () => {
  it('names each product after its catalog title in the customer country, live or not', () => {
    expect(names(increaseAndPurchase(aDefaultCatalog()))).toEqual([
      ['increase-quantity', 'm365', 'Product one'],
      ['purchase', 'new', 'Product two'],
    ]);
  });

  it("falls back to the live subscription's friendly name when the catalog was not fetched", () => {
    expect(names(increaseAndPurchase(new Map(), 'Contoso seats'))).toEqual([
      ['increase-quantity', 'm365', 'Contoso seats'],
    ]);
  });

  it('leaves the name out when neither the catalog nor the live subscription knows it', () => {
    const plan = buildPlan(increaseAndPurchase(new Map(), ''));
    expect(plan.actions.map((a) => a.kind)).toEqual(['increase-quantity']);
    expect(plan.actions[0]).not.toHaveProperty('productName');
    // The purchase of PROD2 is an unknown product: never a guessed name.
    expect(plan.blocked.map((b) => [b.code, b.item])).toEqual([['unknown-product', 'new']]);
    expect(plan.blocked[0]).not.toHaveProperty('productName');
  });

  it('names blocked entries: a tombstone past its window, by the live name', () => {
    const plan = buildPlan(
      aPlanInput({
        customer: aCustomer({
          subscriptions: [aSubscriptionItem({ ensure: 'cancelled', quantity: undefined })],
        }),
        live: anObservedCustomer({
          subscriptions: [aLiveSubscription({ friendlyName: 'Contoso seats' })],
        }),
        bindings: [aBinding()],
        catalog: new Map(),
      }),
    );
    expect(plan.blocked).toMatchObject([
      { code: 'window-closed', subscriptionId: SUB_A, productName: 'Contoso seats' },
    ]);
  });

  it('carries the name of an action the policy stops into its blocked entry', () => {
    const plan = buildPlan({
      ...increaseAndPurchase(aDefaultCatalog()),
      policy: { ...PERMISSIVE_POLICY, limits: { ...PERMISSIVE_POLICY.limits, maxNewPurchases: 0 } },
    });
    expect(plan.blocked).toMatchObject([
      { code: 'policy-limit', item: 'new', wanted: 'purchase', productName: 'Product two' },
    ]);
  });

  it('names unmanaged subscriptions by their friendly name', () => {
    const plan = buildPlan(
      aPlanInput({
        live: anObservedCustomer({
          subscriptions: [aLiveSubscription({ friendlyName: 'Old Exchange' })],
        }),
      }),
    );
    expect(plan.unmanaged).toMatchObject([{ subscriptionId: SUB_A, productName: 'Old Exchange' }]);
  });

  it('keeps names out of the action keys and the basis: a renamed catalog title changes neither', () => {
    const renamed = new Map([
      [
        'US',
        aCatalogView([
          { sku: aSku({ title: 'Renamed one' }) },
          { sku: aSku({ productId: 'PROD2', title: 'Renamed two' }) },
        ]),
      ],
    ]);
    const before = buildPlan(increaseAndPurchase(aDefaultCatalog(), 'Contoso seats'));
    const after = buildPlan(increaseAndPurchase(renamed, 'Contoso seats'));
    expect(after.actions.map((a) => a.productName)).toEqual(['Renamed one', 'Renamed two']);
    expect(after.actions.map((a) => a.key)).toEqual(before.actions.map((a) => a.key));
    expect(after.basis).toEqual(before.basis);
  });
});
