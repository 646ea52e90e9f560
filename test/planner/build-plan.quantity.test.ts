import { describe, expect, it } from 'vitest';
import { buildPlan, type PlanInput } from '../../src/planner/index.js';
import { anObservedCustomer, DEFAULT_POLICY, hoursFromNow, SUB_A } from './builders.js';
import { projectPlan, type ProjectedPlan } from './project-plan.js';
import { bound, none, withSub } from './scenarios.js';

const refundable = (quantity: number, hours = 48) => ({
  totalQuantity: quantity,
  details: [{ quantity, allowedUntilDateTime: hoursFromNow(hours) }],
});

/** A live NCE subscription carrying none of the SDK-model window fields. */
const onlyRefundOptions = {
  refundableQuantity: undefined,
  cancellationAllowedUntilDate: undefined,
} as const;
const fullRefund = (hours: number) => [{ type: 'Full', expiresAt: hoursFromNow(hours) }];
/** The same world with Partner Center's clock `ms` ahead of the agent's (negative: behind). */
const skewed = (input: PlanInput, ms: number): PlanInput => ({
  ...input,
  observed: { ...input.observed, serverClockSkewMs: ms },
});

/**
 * `bound` (its item bound to a live subscription) plus `fresh`'s item renamed `m365b` (to buy),
 * with one more live subscription the client could not read.
 */
const unreadable = (bound: PlanInput, fresh: PlanInput): PlanInput => {
  const [customer] = bound.desired.customers;
  const [item] = fresh.desired.customers[0]!.subscriptions;
  const [live] = bound.observed.customers;
  return {
    ...bound,
    desired: {
      customers: [
        {
          ...customer!,
          subscriptions: [...customer!.subscriptions, { ...item!, key: 'm365b' as never }],
        },
      ],
    },
    observed: {
      ...bound.observed,
      customers: [
        {
          ...live!,
          unreadable: [
            {
              kind: 'subscription',
              id: 'x',
              problem: 'subscription x field refundOptions[0].expiresAt',
            },
          ],
        },
      ],
    },
  };
};

const cases: [string, PlanInput, ProjectedPlan][] = [
  [
    'new item with nothing live → purchase',
    withSub({}, null),
    { ...none, actions: ['purchase m365 PROD1:0001 x10'] },
  ],
  ['bound and in sync → nothing', withSub({}, {}), none],
  [
    'more seats → increase-quantity',
    withSub({ quantity: 15 }, {}),
    { ...none, actions: ['increase-quantity m365 10->15'] },
  ],
  [
    'fewer seats, all refundable → decrease-quantity',
    withSub({ quantity: 7 }, { refundableQuantity: refundable(5) }),
    { ...none, actions: ['decrease-quantity m365 10->7'] },
  ],
  [
    '5 fewer wanted, 3 refundable → decrease 3 now + schedule the rest',
    withSub({ quantity: 5 }, { refundableQuantity: refundable(3) }),
    { ...none, actions: ['decrease-quantity m365 10->7', 'schedule-decrease m365 7->5'] },
  ],
  [
    'fewer seats, nothing refundable → schedule-decrease',
    withSub({ quantity: 5 }, {}),
    { ...none, actions: ['schedule-decrease m365 10->5'] },
  ],
  [
    'refund block already expired → schedule-decrease',
    withSub({ quantity: 5 }, { refundableQuantity: refundable(5, -1) }),
    { ...none, actions: ['schedule-decrease m365 10->5'] },
  ],
  [
    'identical scheduled change already set → nothing',
    withSub(
      { quantity: 5 },
      { scheduledNextTermInstructions: { productId: 'PROD1', skuId: '0001', quantity: 5 } },
    ),
    none,
  ],
  [
    'immediate decrease wipes the schedule → set it again after',
    withSub(
      { quantity: 5 },
      {
        refundableQuantity: refundable(2),
        scheduledNextTermInstructions: { productId: 'PROD1', skuId: '0001', quantity: 5 },
      },
    ),
    { ...none, actions: ['decrease-quantity m365 10->8', 'schedule-decrease m365 8->5'] },
  ],
  [
    'schedule the spec no longer wants → replaced',
    withSub(
      {},
      { scheduledNextTermInstructions: { productId: 'PROD1', skuId: '0001', quantity: 5 } },
    ),
    { ...none, actions: ['schedule-decrease m365 10->10'] },
  ],
  [
    'decrease after the window with autorenew off → blocked autorenew-off',
    withSub({ quantity: 5, autoRenew: false }, { autoRenewEnabled: false }),
    { ...none, blocked: ['autorenew-off m365 (schedule-decrease)'] },
  ],
  [
    'autorenew off live but wanted on → set-autorenew, then schedule',
    withSub({ quantity: 5 }, { autoRenewEnabled: false }),
    { ...none, actions: ['set-autorenew m365 on', 'schedule-decrease m365 10->5'] },
  ],
  [
    'autorenew differs → set-autorenew',
    withSub({ autoRenew: false }, {}),
    { ...none, actions: ['set-autorenew m365 off'] },
  ],
  [
    'legacy subscription (GUID offer) decreases at once',
    withSub(
      { quantity: 4 },
      { offerId: '8e7c0d2b-5a4f-4e3d-9c1b-2a0f6e5d4c3b', refundableQuantity: undefined },
    ),
    { ...none, actions: ['decrease-quantity m365 10->4'] },
  ],
  [
    'tombstone inside the window → cancel',
    withSub({ ensure: 'cancelled' }, { cancellationAllowedUntilDate: hoursFromNow(5) }),
    { ...none, actions: ['cancel m365'] },
  ],
  [
    'tombstone after the window → window-closed',
    withSub({ ensure: 'cancelled' }, {}),
    { ...none, blocked: ['window-closed m365 (cancel)'] },
  ],
  [
    'tombstone with maxCancellations 0 → policy-limit',
    withSub(
      { ensure: 'cancelled' },
      { cancellationAllowedUntilDate: hoursFromNow(5) },
      { policy: DEFAULT_POLICY },
    ),
    { ...none, blocked: ['policy-limit m365 (cancel)'] },
  ],
  [
    'tombstone already deleted → nothing',
    withSub({ ensure: 'cancelled' }, { status: 'deleted' }),
    none,
  ],
  ['tombstone with nothing live → nothing', withSub({ ensure: 'cancelled' }, null), none],
  // Documented NCE subscriptions state their windows only as refundOptions[].expiresAt.
  [
    'fewer seats, only refundOptions and inside the window → decrease-quantity',
    withSub({ quantity: 7 }, { ...onlyRefundOptions, refundOptions: fullRefund(48) }),
    { ...none, actions: ['decrease-quantity m365 10->7'] },
  ],
  [
    'fewer seats, only refundOptions and past expiresAt → schedule-decrease',
    withSub({ quantity: 7 }, { ...onlyRefundOptions, refundOptions: fullRefund(-1) }),
    { ...none, actions: ['schedule-decrease m365 10->7'] },
  ],
  [
    'fewer seats, refundOptions [] (stated closed) → schedule-decrease',
    withSub({ quantity: 7 }, { ...onlyRefundOptions, refundOptions: [] }),
    { ...none, actions: ['schedule-decrease m365 10->7'] },
  ],
  [
    'fewer seats and no window field at all → blocked window-unknown, never a guess',
    withSub({ quantity: 7 }, onlyRefundOptions),
    { ...none, blocked: ['window-unknown m365 (decrease-quantity)'] },
  ],
  [
    'tombstone with only refundOptions inside the window → cancel',
    withSub({ ensure: 'cancelled' }, { ...onlyRefundOptions, refundOptions: fullRefund(5) }),
    { ...none, actions: ['cancel m365'] },
  ],
  [
    'tombstone with no window field at all → blocked window-unknown',
    withSub({ ensure: 'cancelled' }, onlyRefundOptions),
    { ...none, blocked: ['window-unknown m365 (cancel)'] },
  ],
  [
    'agent clock 24 h off Partner Center → decrease blocked clock-skew',
    skewed(withSub({ quantity: 7 }, { refundableQuantity: refundable(5) }), 24 * 3600_000),
    { ...none, blocked: ['clock-skew m365 (decrease-quantity)'] },
  ],
  [
    'agent clock 24 h off Partner Center → cancel blocked clock-skew',
    skewed(
      withSub({ ensure: 'cancelled' }, { cancellationAllowedUntilDate: hoursFromNow(5) }),
      -24 * 3600_000,
    ),
    { ...none, blocked: ['clock-skew m365 (cancel)'] },
  ],
  [
    'clock 50 s off is within tolerance; increases never depend on it',
    skewed(withSub({ quantity: 15 }, {}), 50_000),
    { ...none, actions: ['increase-quantity m365 10->15'] },
  ],
  [
    'a live subscription the client could not fully read holds purchases, not changes',
    unreadable(withSub({ quantity: 15 }, {}), withSub({}, null)),
    {
      ...none,
      actions: ['increase-quantity m365 10->15'],
      blocked: ['unreadable-live-state m365b (purchase)'],
    },
  ],
  [
    'the bound subscription is the unreadable one → blocked unreadable-live-state, not "removed"',
    {
      ...withSub({ quantity: 15 }, null, { bindings: bound }),
      observed: {
        customers: [
          anObservedCustomer({
            unreadable: [
              { kind: 'subscription', id: SUB_A, problem: 'subscription field quantity' },
            ],
          }),
        ],
        failures: [],
      },
    },
    { ...none, blocked: ['unreadable-live-state m365'] },
  ],
  [
    'agent clock off does not block an increase',
    skewed(withSub({ quantity: 15 }, {}), 24 * 3600_000),
    { ...none, actions: ['increase-quantity m365 10->15'] },
  ],
];

describe('buildPlan: seats, autorenew and cancellation', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(projectPlan(buildPlan(input))).toEqual(expected);
  });
});
