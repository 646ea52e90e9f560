import { describe, expect, it } from 'vitest';
import type { PlanAction, PromotionOffer, PurchaseAction } from '../../src/model/index.js';
import { buildPlan, promotionKey } from '../../src/planner/index.js';
import {
  aBinding,
  aCustomer,
  aLiveSubscription,
  anObservedCustomer,
  aPlanInput,
  aSoftware,
  aSubscriptionItem,
  hoursFromNow,
  key,
  PERMISSIVE_POLICY,
  SUB_A,
} from './builders.js';
import { book, type PriceRowFixture } from './fake-prices.js';

const MONTHLY = {
  productId: 'PROD1',
  skuId: '0001',
  term: 'P1Y',
  billing: 'monthly',
  unitPrice: 25,
};
const ANNUAL = {
  productId: 'PROD1',
  skuId: '0001',
  term: 'P1Y',
  billing: 'annual',
  unitPrice: 300,
};

const purchases = (plan: ReturnType<typeof buildPlan>): PurchaseAction[] =>
  plan.actions.filter((a): a is PurchaseAction => a.kind === 'purchase');
const only = (plan: ReturnType<typeof buildPlan>): PlanAction => {
  expect(plan.actions).toHaveLength(1);
  return plan.actions[0]!;
};

describe('money on actions (docs/money.md)', () => {
  it('prices a purchase: monthly run rate, the whole term committed, the first charge', () => {
    const customer = aCustomer({ subscriptions: [aSubscriptionItem({ quantity: 10 })] });
    const plan = buildPlan(aPlanInput({ customer, prices: book([MONTHLY]) }));
    expect(only(plan).cost).toEqual({
      currency: 'USD',
      unitPrice: 25,
      per: 'P1M',
      monthlyDelta: 250,
      commitment: 3000,
      charge: 250,
      source: { market: 'US', view: 'updatedlicensebased', month: '2026-03', timeline: 'current' },
    });
    expect(plan.summary.cost).toEqual({
      unpriced: 0,
      USD: { monthlyDelta: 250, commitment: 3000, charge: 250, refund: 0, actions: 1 },
    });
  });

  it('an annual charge covers a year: the run rate is a twelfth of it', () => {
    const customer = aCustomer({
      subscriptions: [aSubscriptionItem({ billing: 'annual', quantity: 10 })],
    });
    const cost = only(buildPlan(aPlanInput({ customer, prices: book([ANNUAL]) }))).cost;
    expect(cost).toMatchObject({ per: 'P1Y', monthlyDelta: 250, commitment: 3000, charge: 3000 });
  });

  it('an increase is charged for the days left in the cycle and committed to the term end', () => {
    // NOW 2026-03-01T12:00Z; the last day 2026-05-31 → the term ends 06-01: cycles from 05-01,
    // 04-01 and 03-01, today the first of 31 days of the current one (the whole cycle is left).
    const customer = aCustomer({ subscriptions: [aSubscriptionItem({ quantity: 15 })] });
    const live = anObservedCustomer({ subscriptions: [aLiveSubscription({ quantity: 10 })] });
    const plan = buildPlan(
      aPlanInput({ customer, live, bindings: [aBinding()], prices: book([MONTHLY]) }),
    );
    const action = only(plan);
    expect(action.kind).toBe('increase-quantity');
    const charge = 25 * 5 * (31 / 31);
    expect(action.cost).toMatchObject({
      monthlyDelta: 125,
      charge,
      commitment: charge + 25 * 5 * 2,
    });
    expect(action.cost?.refund).toBeUndefined();
    expect(plan.summary.runRates).toEqual([
      {
        customerId: customer.id,
        customerName: 'Contoso',
        currency: 'USD',
        previous: 250,
        next: 375,
        diff: 125,
      },
    ]);
  });

  it('a decrease inside its window shows the refund, negative amounts', () => {
    const customer = aCustomer({ subscriptions: [aSubscriptionItem({ quantity: 6 })] });
    const live = anObservedCustomer({
      subscriptions: [
        aLiveSubscription({
          quantity: 10,
          refundableQuantity: {
            totalQuantity: 10,
            details: [{ quantity: 10, allowedUntilDateTime: hoursFromNow(48) }],
          },
        }),
      ],
    });
    const plan = buildPlan(
      aPlanInput({ customer, live, bindings: [aBinding()], prices: book([MONTHLY]) }),
    );
    const action = only(plan);
    expect(action.kind).toBe('decrease-quantity');
    const refund = 25 * 4;
    expect(action.cost).toMatchObject({ monthlyDelta: -100, charge: -refund, refund });
    expect(plan.summary.cost?.['USD']).toMatchObject({ refund, charge: -refund });
  });

  it('a decrease at renewal moves the run rate at the next term price, charges nothing now', () => {
    const customer = aCustomer({ subscriptions: [aSubscriptionItem({ quantity: 6 })] });
    const live = anObservedCustomer({ subscriptions: [aLiveSubscription({ quantity: 10 })] });
    const future = { ...MONTHLY, unitPrice: 27.5, timeline: 'future' as const };
    const plan = buildPlan(
      aPlanInput({ customer, live, bindings: [aBinding()], prices: book([MONTHLY, future]) }),
    );
    const action = only(plan);
    expect(action.kind).toBe('schedule-decrease');
    expect(action.cost).toMatchObject({
      unitPrice: 25,
      monthlyDelta: 27.5 * 6 - 25 * 10,
      commitment: 0,
      charge: 0,
      next: { unitPrice: 27.5 },
    });
  });

  it('a change of billing at renewal is priced from the next shape, not the current one', () => {
    // 10 × USD 25 a month now; 10 × USD 300 a year (= 250 a month) at renewal: no change.
    const customer = aCustomer({ subscriptions: [aSubscriptionItem({ billing: 'annual' })] });
    const live = anObservedCustomer({ subscriptions: [aLiveSubscription({ quantity: 10 })] });
    const priced = (rows: PriceRowFixture[]) =>
      only(buildPlan(aPlanInput({ customer, live, bindings: [aBinding()], prices: book(rows) })));
    const action = priced([MONTHLY, ANNUAL]);
    expect(action.kind).toBe('schedule-change');
    expect(action.cost).toMatchObject({ unitPrice: 25, per: 'P1M', monthlyDelta: 0, charge: 0 });
    expect(action.cost?.next).toMatchObject({ unitPrice: 300 });
    // The next shape without a price: unknown, not guessed from today's monthly price.
    expect(priced([MONTHLY]).cost).toBeUndefined();
  });

  it('a promotion found for the purchase shape is carried and priced with its discount', () => {
    const customer = aCustomer({ subscriptions: [aSubscriptionItem({ quantity: 10 })] });
    const offer = { id: '39NFJQT1Q5KC:0001:39NFJQT1Q5KD', name: '20% off', percentDiscount: 20 };
    const promotions = new Map<string, PromotionOffer>([
      [promotionKey(customer.id, 'PROD1', '0001', 'P1Y', 'monthly'), offer],
      [
        promotionKey(customer.id, 'PROD1', '0001', 'P1M', 'monthly'),
        { id: 'other', percentDiscount: 50 },
      ],
    ]);
    const action = only(buildPlan(aPlanInput({ customer, prices: book([MONTHLY]), promotions })));
    expect(action.kind === 'purchase' && action.promotion).toEqual(offer);
    // 25 less 20% = 20 a unit: 200 a month, 2,400 for the term; 600 saved.
    expect(action.cost).toMatchObject({
      unitPrice: 25,
      monthlyDelta: 200,
      commitment: 2400,
      charge: 200,
      promotionSaving: 600,
    });
    expect(action.key).toBe(only(buildPlan(aPlanInput({ customer, prices: book([MONTHLY]) }))).key);
  });

  it('a co-termed purchase carries its end date and is priced for the shorter first term', () => {
    const customer = aCustomer({
      subscriptions: [aSubscriptionItem({ quantity: 10, coterm: 'month-end' })],
    });
    // NOW 2026-03-01T12:00Z; the last day 2026-08-31 → ends 09-01: cycles back from there,
    // 03-01 → 04-01 is the first (today its first day, so whole), five more to the end.
    const coterms = new Map([[`${customer.id}/m365`, '2026-08-31T00:00:00Z']]);
    const action = only(buildPlan(aPlanInput({ customer, prices: book([MONTHLY]), coterms })));
    expect(action.kind === 'purchase' && action.customTermEndDate).toBe('2026-08-31T00:00:00Z');
    expect(action.cost).toMatchObject({ monthlyDelta: 250, commitment: 250 * 6, charge: 250 });
    const annual = only(
      buildPlan(
        aPlanInput({
          customer: aCustomer({
            subscriptions: [
              aSubscriptionItem({ quantity: 10, billing: 'annual', coterm: 'month-end' }),
            ],
          }),
          prices: book([ANNUAL]),
          coterms,
        }),
      ),
    );
    // One short annual cycle: 2025-09-01 → 2026-09-01, 184 of its 365 days left from 03-01.
    expect(annual.cost).toMatchObject({
      commitment: Math.round(300 * 10 * (184 / 365) * 100) / 100,
      charge: Math.round(300 * 10 * (184 / 365) * 100) / 100,
    });
  });

  it('counts actions without a price as unpriced and says why', () => {
    const customer = aCustomer({
      subscriptions: [
        aSubscriptionItem({ quantity: 10 }),
        aSubscriptionItem({ key: key('other'), product: 'PROD2', quantity: 1 }),
      ],
    });
    const plan = buildPlan(
      aPlanInput({ customer, prices: book([MONTHLY], ['no sheet for market US']) }),
    );
    expect(purchases(plan).map((a) => a.cost === undefined)).toEqual([false, true]);
    expect(plan.summary.cost?.unpriced).toBe(1);
    expect(plan.summary.pricingNotes).toEqual(['no sheet for market US']);
  });

  it('plans without a price book carry no money fields', () => {
    const customer = aCustomer({ subscriptions: [aSubscriptionItem()] });
    const plan = buildPlan(aPlanInput({ customer }));
    expect(plan.summary.cost).toBeUndefined();
    expect(plan.actions[0]?.cost).toBeUndefined();
  });
});

describe('money guard rails', () => {
  const three = aCustomer({
    subscriptions: ['a', 'b', 'c'].map((k) =>
      aSubscriptionItem({ key: key(k), quantity: 4, product: 'PROD1' }),
    ),
  });
  // Each purchase: 4 × USD 25 = USD 100 a month, USD 1,200 committed.
  const withLimits = (limits: object) =>
    buildPlan(
      aPlanInput({
        customer: three,
        prices: book([MONTHLY]),
        policy: { ...PERMISSIVE_POLICY, limits: { ...PERMISSIVE_POLICY.limits, ...limits } },
      }),
    );

  it('maxMonthlyIncrease: a total exactly at the limit passes', () => {
    const plan = withLimits({ maxMonthlyIncrease: { USD: 300 } });
    expect(purchases(plan)).toHaveLength(3);
    expect(plan.blocked).toEqual([]);
  });

  it('maxMonthlyIncrease: one cent under blocks the excess action with the amounts', () => {
    const plan = withLimits({ maxMonthlyIncrease: { USD: 299.99 } });
    expect(purchases(plan).map((a) => a.item)).toEqual(['a', 'b']);
    expect(plan.blocked).toHaveLength(1);
    expect(plan.blocked[0]).toMatchObject({ item: 'c', code: 'policy-limit', wanted: 'purchase' });
    expect(plan.blocked[0]?.reason).toBe(
      'it adds USD 100.00 a month, taking this run to USD 300.00, over policy.limits.maxMonthlyIncrease USD 299.99',
    );
    expect(plan.summary.cost?.['USD']).toMatchObject({ monthlyDelta: 200, commitment: 2400 });
  });

  it('maxCommitment blocks what would commit more; other currencies are not limited by it', () => {
    const plan = withLimits({ maxCommitment: { USD: 2000, EUR: 1 } });
    expect(purchases(plan).map((a) => a.item)).toEqual(['a']);
    expect(plan.blocked.map((b) => b.item)).toEqual(['b', 'c']);
    expect(plan.blocked[0]?.reason).toContain('over policy.limits.maxCommitment USD 2,000.00');
  });

  it('with a money limit set, an unpriced purchase is blocked: the limit cannot be checked', () => {
    const plan = buildPlan(
      aPlanInput({
        customer: three,
        prices: book([]),
        policy: {
          ...PERMISSIVE_POLICY,
          limits: { ...PERMISSIVE_POLICY.limits, maxMonthlyIncrease: { USD: 1_000_000 } },
        },
      }),
    );
    expect(plan.actions).toEqual([]);
    expect(plan.blocked.map((b) => b.code)).toEqual([
      'policy-limit',
      'policy-limit',
      'policy-limit',
    ]);
    expect(plan.blocked[0]?.reason).toContain('configure partnerCenter.pricing');
  });

  it('a decrease is never stopped by a money limit', () => {
    const customer = aCustomer({ subscriptions: [aSubscriptionItem({ quantity: 6 })] });
    const live = anObservedCustomer({
      subscriptions: [
        aLiveSubscription({
          id: SUB_A,
          quantity: 10,
          refundableQuantity: {
            totalQuantity: 10,
            details: [{ quantity: 10, allowedUntilDateTime: hoursFromNow(48) }],
          },
        }),
      ],
    });
    const plan = buildPlan(
      aPlanInput({
        customer,
        live,
        bindings: [aBinding()],
        prices: book([]),
        policy: {
          ...PERMISSIVE_POLICY,
          limits: { ...PERMISSIVE_POLICY.limits, maxMonthlyIncrease: { USD: 0 } },
        },
      }),
    );
    expect(only(plan).kind).toBe('decrease-quantity');
  });
});

describe('one-time purchases', () => {
  it('are paid once: no monthly run rate, the price committed and charged', () => {
    const customer = aCustomer({ purchases: [aSoftware({ quantity: 4 })] });
    const plan = buildPlan(
      aPlanInput({
        customer,
        prices: book([
          { productId: 'SOFT1', skuId: '0001', term: '', billing: 'one_time', unitPrice: 1500 },
        ]),
      }),
    );
    const action = plan.actions.find((a) => a.kind === 'purchase');
    expect(action?.cost).toMatchObject({
      per: 'once',
      monthlyDelta: 0,
      commitment: 6000,
      charge: 6000,
    });
  });
});
