import { describe, expect, it } from 'vitest';
import { parseActionKey } from '../../src/model/index.js';
import { actionKey, buildPlan, requiredCatalogEntries } from '../../src/planner/index.js';
import {
  aBinding,
  aCustomer,
  aLiveSubscription,
  anObservedCustomer,
  aPlanInput,
  aReservation,
  aSubscriptionItem,
  CUSTOMER,
  key,
  SUB_A,
} from './builders.js';

describe('requiredCatalogEntries', () => {
  it('lists every present item and purchase once per country, sorted, without tombstones', () => {
    const desired = {
      customers: [
        aCustomer({
          country: 'US',
          subscriptions: [
            aSubscriptionItem({ key: key('b'), product: 'PROD2' }),
            aSubscriptionItem({ key: key('a') }),
            aSubscriptionItem({ key: key('gone'), product: 'OLD', ensure: 'cancelled' }),
          ],
          purchases: [aReservation()],
        }),
        aCustomer({
          id: 'd0000000-0000-4000-8000-00000000000d' as typeof CUSTOMER,
          country: 'DE',
          subscriptions: [aSubscriptionItem()],
        }),
        aCustomer({
          id: 'e0000000-0000-4000-8000-00000000000d' as typeof CUSTOMER,
          country: 'US',
          subscriptions: [aSubscriptionItem()],
        }),
      ],
    };
    expect(requiredCatalogEntries(desired)).toEqual([
      { country: 'DE', productId: 'PROD1', skuId: '0001' },
      { country: 'US', productId: 'PROD1', skuId: '0001' },
      { country: 'US', productId: 'PROD2', skuId: '0001' },
      { country: 'US', productId: 'RES1', skuId: '0059' },
    ]);
  });
});

describe('actionKey', () => {
  const target = { customerId: CUSTOMER, item: key('m365'), subscriptionId: SUB_A };

  it('is kind-prefixed, parseable, and equal for the same intent in any key order', () => {
    const k = actionKey('increase-quantity', target, { quantity: 25 });
    expect(parseActionKey(k)).toBe(k);
    expect(k).toMatch(/^increase-quantity:[0-9a-f]{16}$/);
    expect(
      actionKey(
        'increase-quantity',
        { subscriptionId: SUB_A, item: key('m365'), customerId: CUSTOMER },
        { quantity: 25 },
      ),
    ).toBe(k);
  });

  it('differs when the kind, the target or the desired values differ', () => {
    const k = actionKey('increase-quantity', target, { quantity: 25 });
    expect(actionKey('increase-quantity', target, { quantity: 26 })).not.toBe(k);
    expect(
      actionKey('increase-quantity', { ...target, item: key('other') }, { quantity: 25 }),
    ).not.toBe(k);
    expect(actionKey('decrease-quantity', target, { quantity: 25 })).not.toBe(k);
  });

  it('does not depend on the before value, so a re-plan after a partial change keeps the key', () => {
    const plan = (have: number) =>
      buildPlan(
        aPlanInput({
          customer: aCustomer({ subscriptions: [aSubscriptionItem({ quantity: 30 })] }),
          live: anObservedCustomer({ subscriptions: [aLiveSubscription({ quantity: have })] }),
          bindings: [aBinding()],
        }),
      );
    expect(plan(10).actions[0]!.key).toBe(plan(20).actions[0]!.key);
  });
});
