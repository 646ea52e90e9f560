import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type PlanTarget } from '../../src/model/index.js';
import { buildPlan } from '../../src/planner/index.js';
import {
  aCustomer,
  aLiveSubscription,
  anObservedCustomer,
  aPlanInput,
  aReservation,
  aSubscriptionItem,
  CUSTOMER,
  key,
  SUB_B,
} from './builders.js';

const target = (item: string): PlanTarget => ({ customerId: CUSTOMER, item: key(item) });

/**
 * A customer with two new purchases (z-base is PROD1), an add-on of PROD1, a reservation and an
 * unmanaged subscription.
 */
const input = aPlanInput({
  customer: aCustomer({
    subscriptions: [
      aSubscriptionItem({ key: key('a-addon'), product: 'ADDON' }),
      aSubscriptionItem({ key: key('m365'), product: 'PROD2' }),
      aSubscriptionItem({ key: key('z-base') }),
    ],
    purchases: [aReservation()],
  }),
  live: anObservedCustomer({
    subscriptions: [aLiveSubscription({ id: SUB_B, offerId: 'OTHER:0001', productId: 'OTHER' })],
  }),
});

const shown = (plan: ReturnType<typeof buildPlan>) => ({
  actions: plan.actions.map((a) => `${a.kind} ${a.item}`),
  blocked: plan.blocked.map((b) => `${b.code} ${b.item}`),
  unmanaged: plan.unmanaged.length,
});

describe('buildPlan with targets (--target)', () => {
  it('plans every item and the unmanaged subscription without targets', () => {
    expect(shown(buildPlan(input)).actions).toHaveLength(5);
    expect(shown(buildPlan(input)).unmanaged).toBe(1);
  });

  it('plans only the targeted item, lists no unmanaged subscription and records the targets', () => {
    const plan = buildPlan({ ...input, targets: [target('m365')] });
    expect(shown(plan)).toEqual({ actions: ['purchase m365'], blocked: [], unmanaged: 0 });
    expect(plan.basis.targets).toEqual([target('m365')]);
    expect(plan.summary.totalActions).toBe(1);
  });

  it('keeps what a targeted action depends on: the base of an add-on, the registration of a reservation', () => {
    expect(shown(buildPlan({ ...input, targets: [target('a-addon')] })).actions).toEqual([
      'purchase z-base',
      'purchase a-addon',
    ]);
    expect(shown(buildPlan({ ...input, targets: [target('vm-reservation')] })).actions).toEqual([
      'register-azure-subscription vm-reservation',
      'purchase vm-reservation',
    ]);
  });

  it('counts only targeted actions against the policy limits', () => {
    const limited = {
      ...input,
      policy: { ...DEFAULT_POLICY, limits: { ...DEFAULT_POLICY.limits, maxNewPurchases: 1 } },
    };
    // Untargeted, the other purchases use up maxNewPurchases 1 and z-base is stopped.
    expect(shown(buildPlan(limited)).blocked).toContain('policy-limit z-base');
    const targeted = buildPlan({ ...limited, targets: [target('z-base')] });
    expect(shown(targeted)).toEqual({ actions: ['purchase z-base'], blocked: [], unmanaged: 0 });
  });

  it('records each target once, sorted by customer and item', () => {
    const plan = buildPlan({
      ...input,
      targets: [target('z-base'), target('m365'), target('m365')],
    });
    expect(plan.basis.targets).toEqual([target('m365'), target('z-base')]);
    expect(shown(plan).actions).toEqual(['purchase m365', 'purchase z-base']);
  });
});
