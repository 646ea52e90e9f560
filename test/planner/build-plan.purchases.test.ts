import { describe, expect, it } from 'vitest';
import type { LiveOrder, OrderId } from '../../src/model/index.js';
import { buildPlan, purchasedFields, type PlanInput } from '../../src/planner/index.js';
import {
  aBinding,
  aCustomer,
  aLiveSubscription,
  anInFlight,
  anObservedCustomer,
  aPlanInput,
  aReservation,
  aSoftware,
  aSubscriptionItem,
  AZURE_SUB,
  CUSTOMER,
  DEFAULT_POLICY,
  key,
} from './builders.js';
import { projectPlan, type ProjectedPlan } from './project-plan.js';
import { none, reservation, withPurchase } from './scenarios.js';

const boughtBinding = (fields = purchasedFields(reservation)) =>
  aBinding({
    item: reservation.key,
    kind: 'purchase',
    subscriptionId: undefined,
    orderId: 'order-9' as OrderId,
    purchased: fields,
  });
const anOrder = (productId: string, skuId: string): LiveOrder => ({
  id: 'order-77' as OrderId,
  customerId: CUSTOMER,
  status: 'completed',
  billingCycle: 'one_time',
  creationDate: '2026-01-01T00:00:00Z',
  lineItems: [
    { lineItemNumber: 0, offerId: `${productId}:${skuId}:X`, productId, skuId, quantity: 2 },
  ],
});

const cases: [string, PlanInput, ProjectedPlan][] = [
  [
    'reservation, Azure subscription not registered → register, then purchase',
    withPurchase(),
    {
      ...none,
      actions: [
        `register-azure-subscription vm-reservation ${AZURE_SUB}`,
        'purchase vm-reservation RES1:0059 x2',
      ],
    },
  ],
  [
    'reservation, already registered → purchase only',
    withPurchase({
      registrations: [{ azureSubscriptionId: AZURE_SUB.toUpperCase(), status: 'registered' }],
    }),
    { ...none, actions: ['purchase vm-reservation RES1:0059 x2'] },
  ],
  [
    'reservation, registration in progress → prerequisite',
    withPurchase({ registrations: [{ azureSubscriptionId: AZURE_SUB, status: 'registering' }] }),
    { ...none, blocked: ['prerequisite vm-reservation (purchase)'] },
  ],
  [
    'reservation without azureSubscriptionId → prerequisite',
    aPlanInput({
      customer: aCustomer({ purchases: [aReservation({ azureSubscriptionId: undefined })] }),
    }),
    { ...none, blocked: ['prerequisite vm-reservation (purchase)'] },
  ],
  ['bought and unchanged → nothing', withPurchase({ bindings: [boughtBinding()] }), none],
  [
    'bought, quantity changed in the spec → immutable-purchase',
    withPurchase({ bindings: [boughtBinding({ ...purchasedFields(reservation), quantity: 1 })] }),
    { ...none, blocked: ['immutable-purchase vm-reservation (purchase)'] },
  ],
  [
    'in flight, order not visible → in-flight (waiting)',
    withPurchase({ inFlight: [anInFlight({ item: reservation.key })] }),
    { ...none, blocked: ['in-flight vm-reservation'] },
  ],
  [
    'an unbound order for the SKU exists → adopt-required',
    withPurchase({ orders: [anOrder('RES1', '0059')] }),
    { ...none, blocked: ['adopt-required vm-reservation (purchase)'] },
  ],
  [
    'an order for another SKU → purchase',
    withPurchase({
      orders: [anOrder('RES1', '0060')],
      registrations: [{ azureSubscriptionId: AZURE_SUB, status: 'registered' }],
    }),
    { ...none, actions: ['purchase vm-reservation RES1:0059 x2'] },
  ],
  [
    'software without a term → purchase',
    aPlanInput({ customer: aCustomer({ purchases: [aSoftware()] }) }),
    { ...none, actions: ['purchase sql-server SOFT1:0001 x4'] },
  ],
  [
    'reservation P3Y not sold monthly → no-availability',
    aPlanInput({ customer: aCustomer({ purchases: [aReservation({ billing: 'monthly' })] }) }),
    { ...none, blocked: ['no-availability vm-reservation (purchase)'] },
  ],
  [
    'maxNewPurchases 0 → purchase blocked and its registration dropped',
    withPurchase({
      policy: { ...DEFAULT_POLICY, limits: { ...DEFAULT_POLICY.limits, maxNewPurchases: 0 } },
    }),
    { ...none, blocked: ['policy-limit vm-reservation (purchase)'] },
  ],
  [
    'add-on and base both new → base first, add-on depends on it',
    aPlanInput({
      customer: aCustomer({
        subscriptions: [
          aSubscriptionItem({ key: key('a-addon'), product: 'ADDON' }),
          aSubscriptionItem({ key: key('z-base') }),
        ],
      }),
    }),
    { ...none, actions: ['purchase z-base PROD1:0001 x10', 'purchase a-addon ADDON:0001 x10'] },
  ],
  [
    'add-on with no base owned or planned → prerequisite',
    aPlanInput({
      customer: aCustomer({
        subscriptions: [aSubscriptionItem({ key: key('a-addon'), product: 'ADDON' })],
      }),
    }),
    { ...none, blocked: ['prerequisite a-addon (purchase)'] },
  ],
  [
    'add-on with the base already live → purchase',
    aPlanInput({
      customer: aCustomer({
        subscriptions: [
          aSubscriptionItem({ key: key('a-addon'), product: 'ADDON' }),
          aSubscriptionItem({ key: key('m365') }),
        ],
      }),
      live: anObservedCustomer({ subscriptions: [aLiveSubscription()] }),
      bindings: [aBinding()],
    }),
    { ...none, actions: ['purchase a-addon ADDON:0001 x10'] },
  ],
];

describe('buildPlan: one-time purchases, prerequisites, add-ons', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(projectPlan(buildPlan(input))).toEqual(expected);
  });
});
