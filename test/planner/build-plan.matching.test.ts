import { describe, expect, it } from 'vitest';
import { buildPlan, type PlanInput } from '../../src/planner/index.js';
import {
  aBinding,
  aCustomer,
  aLiveSubscription,
  anInFlight,
  anObservedCustomer,
  aPlanInput,
  aSubscriptionItem,
  DEFAULT_POLICY,
  hoursFromNow,
  key,
  PERMISSIVE_POLICY,
  SUB_A,
  SUB_B,
  subId,
} from './builders.js';
import { projectPlan, type ProjectedPlan } from './project-plan.js';
import { none, bound, withSub } from './scenarios.js';

/** The default item's shape, as the journal records a cart line's. */
const SHAPE = { productId: 'PROD1', skuId: '0001', term: 'P1Y', billing: 'monthly' };

const shrinking = (n: number, policy = DEFAULT_POLICY): PlanInput =>
  aPlanInput({
    customer: aCustomer({
      subscriptions: Array.from({ length: 4 }, (_, i) =>
        aSubscriptionItem({ key: key(`item-${i}`), quantity: i < n ? 5 : 10 }),
      ),
    }),
    live: anObservedCustomer({
      subscriptions: Array.from({ length: 4 }, (_, i) =>
        aLiveSubscription({ id: subId(i), quantity: 10 }),
      ),
    }),
    bindings: Array.from({ length: 4 }, (_, i) =>
      aBinding({ item: key(`item-${i}`), subscriptionId: subId(i) }),
    ),
    policy,
  });

const cases: [string, PlanInput, ProjectedPlan][] = [
  [
    'item removed from the spec → unmanaged, no cancel',
    aPlanInput({
      live: anObservedCustomer({
        subscriptions: [aLiveSubscription({ cancellationAllowedUntilDate: hoursFromNow(5) })],
      }),
      bindings: bound,
    }),
    { ...none, unmanaged: [`${SUB_A} active`] },
  ],
  [
    'deleted live subscription nobody names → not listed',
    aPlanInput({
      live: anObservedCustomer({ subscriptions: [aLiveSubscription({ status: 'deleted' })] }),
    }),
    none,
  ],
  [
    'bound subscription suspended → not-active',
    withSub({ quantity: 12 }, { status: 'suspended' }),
    { ...none, blocked: ['not-active m365'] },
  ],
  [
    'bound subscription expired → not-active',
    withSub({}, { status: 'expired' }),
    { ...none, blocked: ['not-active m365'] },
  ],
  [
    'bound subscription missing from the list → not-active',
    withSub({}, null, { bindings: bound }),
    { ...none, blocked: ['not-active m365'] },
  ],
  [
    'bound subscription missing, purchase in flight → in-flight',
    withSub({}, null, { bindings: bound, inFlight: [anInFlight()] }),
    { ...none, blocked: ['in-flight m365'] },
  ],
  [
    'in-flight purchase with no visible subscription → waiting, no purchase',
    withSub({}, null, { inFlight: [anInFlight()] }),
    { ...none, blocked: ['in-flight m365'] },
  ],
  [
    'renamed while its order is in flight (old key gone) → waits on the old purchase, no second buy',
    withSub({}, null, { inFlight: [anInFlight({ item: key('m365-old'), shape: SHAPE })] }),
    { ...none, blocked: ['in-flight m365'] },
  ],
  [
    'renamed in flight, but a different term in the spec → a different purchase',
    withSub({}, null, {
      inFlight: [anInFlight({ item: key('m365-old'), shape: { ...SHAPE, term: 'P1M' } })],
    }),
    { ...none, actions: ['purchase m365 PROD1:0001 x10'] },
  ],
  [
    'state reset 5 min ago → nothing bought until the order-list delay has passed',
    withSub({}, null, { stateResetAt: hoursFromNow(-5 / 60) }),
    { ...none, blocked: ['state-reset m365 (purchase)'] },
  ],
  [
    'state reset 20 min ago → buys',
    withSub({}, null, { stateResetAt: hoursFromNow(-20 / 60) }),
    { ...none, actions: ['purchase m365 PROD1:0001 x10'] },
  ],
  [
    'order bound, subscription not visible → waiting',
    withSub({}, null, {
      bindings: [aBinding({ subscriptionId: undefined, orderId: 'o-1' as never })],
    }),
    { ...none, blocked: ['in-flight m365'] },
  ],
  [
    'unbound live match → adopt-required, no purchase',
    withSub({ quantity: 15 }, {}, { bindings: [] }),
    { ...none, blocked: ['adopt-required m365'] },
  ],
  [
    'several unbound live matches → ambiguous-match',
    aPlanInput({
      customer: aCustomer({ subscriptions: [aSubscriptionItem()] }),
      live: anObservedCustomer({
        subscriptions: [aLiveSubscription(), aLiveSubscription({ id: SUB_B })],
      }),
    }),
    {
      ...none,
      blocked: ['ambiguous-match m365'],
      unmanaged: [`${SUB_A} active`, `${SUB_B} active`],
    },
  ],
  [
    'spec subscriptionId adopts the live subscription',
    withSub({ quantity: 12, subscriptionId: SUB_A }, {}, { bindings: [] }),
    { ...none, actions: ['increase-quantity m365 10->12'] },
  ],
  [
    'binding and spec subscriptionId disagree → ambiguous-match',
    withSub({ subscriptionId: SUB_B }, {}),
    { ...none, blocked: ['ambiguous-match m365'], unmanaged: [`${SUB_A} active`] },
  ],
  [
    'bound subscription with another term → schedule-change at renewal',
    withSub({ term: 'P1M' }, {}),
    {
      ...none,
      actions: ['schedule-change m365 PROD1:0001 P1Y/monthly x10->PROD1:0001 P1M/monthly x10'],
    },
  ],
  [
    'a tombstone naming another term → immutable-purchase',
    withSub({ term: 'P1M', ensure: 'cancelled' }, {}),
    { ...none, blocked: ['immutable-purchase m365'] },
  ],
  [
    'no availability for the billing cycle → no-availability',
    withSub({ billing: 'triennial', term: 'P3Y' }, null),
    { ...none, blocked: ['no-availability m365 (purchase)'] },
  ],
  [
    'country without catalog → unknown-product',
    aPlanInput({ customer: aCustomer({ country: 'FR', subscriptions: [aSubscriptionItem()] }) }),
    { ...none, blocked: ['unknown-product m365 (purchase)'] },
  ],
  [
    'purchase above the SKU maximum → sku-limits',
    withSub({ quantity: 500 }, null),
    { ...none, blocked: ['sku-limits m365 (purchase)'] },
  ],
  [
    'increase above the SKU maximum → sku-limits',
    withSub({ quantity: 301 }, {}),
    { ...none, blocked: ['sku-limits m365 (increase-quantity)'] },
  ],
  [
    'increase above maxSeatIncrease → policy-limit',
    withSub({ quantity: 150 }, {}, { policy: DEFAULT_POLICY }),
    { ...none, blocked: ['policy-limit m365 (increase-quantity)'] },
  ],
  [
    'more purchases than maxNewPurchases → the rest policy-limit',
    aPlanInput({
      customer: aCustomer({
        subscriptions: [
          aSubscriptionItem({ key: key('a') }),
          aSubscriptionItem({ key: key('b'), product: 'PROD2' }),
        ],
      }),
      policy: { ...DEFAULT_POLICY, limits: { ...DEFAULT_POLICY.limits, maxNewPurchases: 1 } },
    }),
    { ...none, actions: ['purchase a PROD1:0001 x10'], blocked: ['policy-limit b (purchase)'] },
  ],
  [
    '4 of 4 items shrink, breaker 25% → every shrink circuit-breaker',
    shrinking(4),
    { ...none, blocked: [0, 1, 2, 3].map((i) => `circuit-breaker item-${i} (schedule-decrease)`) },
  ],
  [
    '2 of 4 items shrink → under the 3-item floor, goes ahead',
    shrinking(2),
    { ...none, actions: ['schedule-decrease item-0 10->5', 'schedule-decrease item-1 10->5'] },
  ],
  [
    '3 items shrink within a count limit of 3 → goes ahead',
    shrinking(3, {
      ...PERMISSIVE_POLICY,
      limits: { ...PERMISSIVE_POLICY.limits, maxShrinkingItems: { kind: 'count', value: 3 } },
    }),
    { ...none, actions: [0, 1, 2].map((i) => `schedule-decrease item-${i} 10->5`) },
  ],
];

describe('buildPlan: matching, catalog and policy', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(projectPlan(buildPlan(input))).toEqual(expected);
  });
});
