import { describe, expect, it } from 'vitest';
import type {
  ObservedCustomer,
  PlanAction,
  ScheduleChangeAction,
  SubscriptionTransitions,
  TransitionEligibility,
} from '../../src/model/index.js';
import { buildPlan, type PlanInput } from '../../src/planner/index.js';
import { hoursFromNow, SUB_A } from './builders.js';
import { projectPlan } from './project-plan.js';
import { withSub } from './scenarios.js';

/** The world with Partner Center's transition eligibilities for the bound subscription. */
function withTransitions(input: PlanInput, ...entries: SubscriptionTransitions[]): PlanInput {
  const [live] = input.observed.customers;
  const customer: ObservedCustomer = { ...live!, transitionEligibilities: entries };
  return { ...input, observed: { ...input.observed, customers: [customer] } };
}

const target = (isEligible: boolean, errors: string[] = []): TransitionEligibility => ({
  catalogItemId: 'PROD2:0001:AV-PROD2-0001',
  productId: 'PROD2',
  skuId: '0001',
  title: 'Product two',
  quantity: 10,
  eligibilities: [
    {
      transitionType: 'transition_only',
      isEligible,
      errors: errors.map((description, i) => ({ code: i + 1, description })),
    },
  ],
});
const eligible = (type: 'immediate' | 'scheduled'): SubscriptionTransitions => ({
  subscriptionId: SUB_A,
  eligibilityType: type,
  eligibilities: [target(true)],
});

const only = (input: PlanInput): PlanAction => {
  const plan = buildPlan(input);
  expect(plan.blocked).toEqual([]);
  expect(plan.actions).toHaveLength(1);
  return plan.actions[0]!;
};

describe('changes at renewal (schedule-change)', () => {
  it('a P1M/monthly subscription the spec wants P1Y/annual renews as that', () => {
    const action = only(
      withSub({ term: 'P1Y', billing: 'annual' }, { termDuration: 'P1M', billingCycle: 'monthly' }),
    ) as ScheduleChangeAction;
    expect(action.kind).toBe('schedule-change');
    expect(action.after).toEqual({
      productId: 'PROD1',
      skuId: '0001',
      termDuration: 'P1Y',
      billingCycle: 'annual',
      quantity: 10,
    });
    expect(action.nextTerm).toEqual({
      productId: 'PROD1',
      skuId: '0001',
      availabilityId: 'AV-PROD1-0001',
      termDuration: 'P1Y',
      billingCycle: 'annual',
    });
    expect(action.effectiveAt).toBe('2026-05-31');
  });

  it('a seat decrease outside the window and a billing change make ONE instruction holding both', () => {
    const plan = buildPlan(withSub({ quantity: 6, billing: 'annual' }, { quantity: 10 }));
    expect(projectPlan(plan).actions).toEqual([
      'schedule-change m365 PROD1:0001 P1Y/monthly x10->PROD1:0001 P1Y/annual x6',
    ]);
  });

  it('seats still refundable go now; the instruction carries the shape and the rest', () => {
    const refundable = {
      totalQuantity: 2,
      details: [{ quantity: 2, allowedUntilDateTime: hoursFromNow(24) }],
    };
    const plan = buildPlan(
      withSub({ quantity: 6, billing: 'annual' }, { quantity: 10, refundableQuantity: refundable }),
    );
    expect(projectPlan(plan).actions).toEqual([
      'decrease-quantity m365 10->8',
      'schedule-change m365 PROD1:0001 P1Y/monthly x8->PROD1:0001 P1Y/annual x6',
    ]);
    expect(plan.actions[1]?.dependsOn).toEqual([plan.actions[0]?.key]);
  });

  it('an increase happens now, on the current shape, and the schedule is set after it', () => {
    const plan = buildPlan(withSub({ quantity: 12, term: 'P1M' }, { quantity: 10 }));
    expect(projectPlan(plan).actions).toEqual([
      'increase-quantity m365 10->12',
      'schedule-change m365 PROD1:0001 P1Y/monthly x12->PROD1:0001 P1M/monthly x12',
    ]);
    expect(plan.actions[1]?.dependsOn).toEqual([plan.actions[0]?.key]);
  });

  it('the same instruction already in place plans nothing', () => {
    const scheduled = {
      productId: 'PROD1',
      skuId: '0001',
      quantity: 10,
      termDuration: 'P1M',
      billingCycle: 'Monthly',
    };
    expect(
      buildPlan(withSub({ term: 'P1M' }, { scheduledNextTermInstructions: scheduled })).actions,
    ).toEqual([]);
  });

  it('needs autorenew: with autoRenew false wanted it is blocked autorenew-off', () => {
    const plan = buildPlan(withSub({ term: 'P1M', autoRenew: false }, {}));
    expect(projectPlan(plan).actions).toEqual(['set-autorenew m365 off']);
    expect(plan.blocked.map((b) => [b.code, b.wanted])).toEqual([
      ['autorenew-off', 'schedule-change'],
    ]);
  });

  it('another product at renewal must be listed by the scheduled eligibilities', () => {
    const input = withSub({ product: 'PROD2' }, {});
    expect(only(withTransitions(input, eligible('scheduled'))).kind).toBe('schedule-change');
    const refused = buildPlan(
      withTransitions(input, {
        subscriptionId: SUB_A,
        eligibilityType: 'scheduled',
        eligibilities: [target(false, ['Target offer not found'])],
      }),
    );
    expect(refused.blocked.map((b) => b.code)).toEqual(['not-eligible']);
    expect(refused.blocked[0]?.reason).toContain('Target offer not found');
    expect(buildPlan(input).blocked.map((b) => b.code)).toEqual(['prerequisite']);
  });

  it('a target the market does not sell is a spec error at the field', () => {
    const plan = buildPlan(withSub({ product: 'NOPE' }, {}));
    expect(plan.blocked.map((b) => [b.code, b.wanted])).toEqual([
      ['unknown-product', 'schedule-change'],
    ]);
  });
});

describe('change: now (upgrade)', () => {
  it('an eligible upgrade transitions at once', () => {
    const action = only(
      withTransitions(withSub({ product: 'PROD2', change: 'now' }, {}), eligible('immediate')),
    );
    expect(action).toMatchObject({
      kind: 'upgrade',
      before: { productId: 'PROD1', skuId: '0001', quantity: 10 },
      after: { productId: 'PROD2', skuId: '0001', quantity: 10 },
      fromCatalogItemId: 'PROD1:0001:AV1',
      toCatalogItemId: 'PROD2:0001:AV-PROD2-0001',
      transitionType: 'transition_only',
    });
  });

  it('an ineligible one is blocked with the reason', () => {
    const plan = buildPlan(
      withTransitions(withSub({ product: 'PROD2', change: 'now' }, {}), {
        subscriptionId: SUB_A,
        eligibilityType: 'immediate',
        eligibilities: [target(false, ['Subscription has add-ons'])],
      }),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.blocked[0]).toMatchObject({ code: 'not-eligible', wanted: 'upgrade' });
    expect(plan.blocked[0]?.reason).toContain('Subscription has add-ons');
  });

  it('a term change cannot happen now: blocked with the rule', () => {
    const plan = buildPlan(withSub({ term: 'P1M', change: 'now' }, {}));
    expect(plan.blocked[0]?.code).toBe('not-eligible');
    expect(plan.blocked[0]?.reason).toContain('only at renewal');
  });

  it('the default (at-renewal) never transitions mid-term', () => {
    const plan = buildPlan(
      withTransitions(
        withSub({ product: 'PROD2' }, {}),
        eligible('immediate'),
        eligible('scheduled'),
      ),
    );
    expect(plan.actions.map((a) => a.kind)).toEqual(['schedule-change']);
  });
});
