import { describe, expect, it } from 'vitest';
import { buildPlan, type PlanInput } from '../../src/planner/index.js';
import { DEFAULT_POLICY, hoursFromNow } from './builders.js';
import { projectPlan, type ProjectedPlan } from './project-plan.js';
import { none, withSub } from './scenarios.js';

const refundable = (quantity: number, hours = 48) => ({
  totalQuantity: quantity,
  details: [{ quantity, allowedUntilDateTime: hoursFromNow(hours) }],
});

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
];

describe('buildPlan: seats, autorenew and cancellation', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(projectPlan(buildPlan(input))).toEqual(expected);
  });
});
