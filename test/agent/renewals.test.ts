import { describe, expect, it } from 'vitest';
import {
  buildRenewals,
  findManagedSubscriptions,
  renewingWithin,
  type ManagedSubscription,
  type RenewalEntry,
} from '../../src/agent/index.js';
import type { CustomerId, LiveSubscription } from '../../src/model/index.js';
import {
  aBinding,
  aCustomer,
  aLiveSubscription,
  anObservedCustomer,
  aSubscriptionItem,
  CUSTOMER,
  hoursFromNow,
  key,
  NOW,
  SUB_A,
  SUB_B,
  subId,
} from '../planner/builders.js';
import { book, type PriceRowFixture } from '../planner/fake-prices.js';

/** NOW is 2026-03-01T12:00Z. */
const OTHER = 'c0000000-0000-4000-8000-000000000002' as CustomerId;

function managed(live: LiveSubscription, item = 'm365', name = 'Contoso'): ManagedSubscription {
  return { customer: aCustomer({ name }), item: key(item), live };
}

const entryOf = (live: LiveSubscription, prices?: readonly PriceRowFixture[]): RenewalEntry => {
  const [entry] = buildRenewals({
    managed: [managed(live)],
    now: NOW,
    ...(prices === undefined ? {} : { prices: book(prices) }),
  });
  return entry!;
};

describe('findManagedSubscriptions: the planner’s rule for what the spec manages', () => {
  it('takes bound and subscriptionId: items; not shape matches, disagreements, or the ended', () => {
    const items = [
      aSubscriptionItem({ key: key('bound') }),
      aSubscriptionItem({ key: key('named'), subscriptionId: SUB_B }),
      aSubscriptionItem({ key: key('shape-only') }),
      aSubscriptionItem({ key: key('disagree'), subscriptionId: subId(3) }),
      aSubscriptionItem({ key: key('ended'), subscriptionId: subId(5) }),
      aSubscriptionItem({ key: key('gone'), subscriptionId: subId(6) }),
    ];
    const subs = [
      aLiveSubscription({ id: SUB_A }),
      aLiveSubscription({ id: SUB_B }),
      aLiveSubscription({ id: subId(3) }),
      aLiveSubscription({ id: subId(4) }), // the shape of every item, bound to none
      aLiveSubscription({ id: subId(5), status: 'expired' }),
    ];
    const found = findManagedSubscriptions(
      [aCustomer({ subscriptions: items })],
      [anObservedCustomer({ subscriptions: subs })],
      [
        aBinding({ item: key('bound'), subscriptionId: SUB_A }),
        aBinding({ item: key('disagree'), subscriptionId: subId(4) }),
        aBinding({ item: key('vm'), kind: 'purchase', subscriptionId: subId(3) }),
      ],
    );
    expect(found.map((m) => [m.item, m.live.id])).toEqual([
      ['bound', SUB_A],
      ['named', SUB_B],
    ]);
  });

  it('gives a subscription two items name to the first by key, and skips unread customers', () => {
    const items = [
      aSubscriptionItem({ key: key('b-second'), subscriptionId: SUB_A }),
      aSubscriptionItem({ key: key('a-first'), subscriptionId: SUB_A }),
    ];
    const found = findManagedSubscriptions(
      [aCustomer({ subscriptions: items }), aCustomer({ id: OTHER, subscriptions: items })],
      [anObservedCustomer({ subscriptions: [aLiveSubscription()] })],
      [],
    );
    expect(found.map((m) => [m.customer.id, m.item])).toEqual([[CUSTOMER, 'a-first']]);
  });
});

describe('buildRenewals', () => {
  it('a scheduled change: the renewal instant, open windows, the next shape and both prices', () => {
    const live = aLiveSubscription({
      quantity: 25,
      termDuration: 'P1M',
      billingCycle: 'monthly',
      commitmentEndDate: '2026-04-14',
      cancellationAllowedUntilDate: hoursFromNow(48),
      refundableQuantity: {
        totalQuantity: 5,
        details: [
          { quantity: 3, allowedUntilDateTime: hoursFromNow(24) },
          { quantity: 2, allowedUntilDateTime: hoursFromNow(72) },
          { quantity: 9, allowedUntilDateTime: hoursFromNow(-1) },
        ],
      },
      scheduledNextTermInstructions: {
        productId: 'PROD2',
        skuId: '0002',
        quantity: 20,
        termDuration: 'P1Y',
        billingCycle: 'annual',
      },
    });
    const entry = entryOf(live, [
      { productId: 'PROD1', skuId: '0001', term: 'P1M', billing: 'monthly', unitPrice: 10 },
      { productId: 'PROD2', skuId: '0002', term: 'P1Y', billing: 'annual', unitPrice: 120 },
      {
        productId: 'PROD2',
        skuId: '0002',
        term: 'P1Y',
        billing: 'annual',
        unitPrice: 180,
        timeline: 'future',
      },
    ]);
    expect(entry).toEqual({
      customerId: CUSTOMER,
      customerName: 'Contoso',
      item: 'm365',
      subscriptionId: SUB_A,
      productName: 'Product one',
      productId: 'PROD1',
      skuId: '0001',
      termDuration: 'P1M',
      billingCycle: 'monthly',
      status: 'active',
      commitmentEndDate: '2026-04-14',
      renewsAt: '2026-04-15T00:00:00.000Z',
      daysLeft: 45,
      autoRenew: true,
      quantity: 25,
      next: {
        productId: 'PROD2',
        skuId: '0002',
        termDuration: 'P1Y',
        billingCycle: 'annual',
        quantity: 20,
        scheduled: true,
      },
      deadlines: {
        refundUntil: hoursFromNow(72),
        refundableSeats: 5,
        cancelUntil: hoursFromNow(48),
      },
      windows: { refund: 'open', cancel: 'open' },
      // 10 × 25 a month now; from April (next month's sheet): 180 × 20 a year = 300 a month.
      price: { currency: 'USD', now: 250, next: 300, per: 'month' },
    });
  });

  it('renews unchanged without instructions; keeps the current term and billing the instructions leave out', () => {
    expect(entryOf(aLiveSubscription()).next).toEqual({
      productId: 'PROD1',
      skuId: '0001',
      termDuration: 'P1Y',
      billingCycle: 'monthly',
      quantity: 10,
      scheduled: false,
    });
    const partial = aLiveSubscription({
      scheduledNextTermInstructions: { productId: 'PROD1', skuId: '0001', quantity: 4 },
    });
    expect(entryOf(partial).next).toEqual({
      productId: 'PROD1',
      skuId: '0001',
      termDuration: 'P1Y',
      billingCycle: 'monthly',
      quantity: 4,
      scheduled: true,
    });
  });

  it('autorenew off: it ends (no next term, whatever was scheduled), and its run rate goes to 0', () => {
    const entry = entryOf(
      aLiveSubscription({
        autoRenewEnabled: false,
        scheduledNextTermInstructions: { productId: 'PROD1', skuId: '0001', quantity: 4 },
      }),
      [{ productId: 'PROD1', skuId: '0001', term: 'P1Y', billing: 'monthly', unitPrice: 7 }],
    );
    expect(entry.next).toBeUndefined();
    expect(entry.ends).toBe(true);
    expect(entry.price).toEqual({ currency: 'USD', now: 70, next: 0, per: 'month' });
  });

  it('windows: closed ones state no deadline; an NCE subscription stating none is unknown', () => {
    expect(entryOf(aLiveSubscription())).toMatchObject({
      deadlines: {},
      windows: { refund: 'closed', cancel: 'closed' },
    });
    const silent = aLiveSubscription({
      refundableQuantity: undefined,
      cancellationAllowedUntilDate: undefined,
    });
    expect(entryOf(silent)).toMatchObject({
      deadlines: {},
      windows: { refund: 'unknown', cancel: 'unknown' },
    });
    const options = aLiveSubscription({
      refundableQuantity: undefined,
      cancellationAllowedUntilDate: undefined,
      refundOptions: [{ type: 'Full', expiresAt: hoursFromNow(10) }],
    });
    expect(entryOf(options).deadlines).toEqual({
      refundUntil: hoursFromNow(10),
      refundableSeats: 10,
      cancelUntil: hoursFromNow(10),
    });
  });

  it.each([
    ['a renewal this month: today’s sheet', '2026-03-20', 'current', 12],
    ['a renewal from next month on: next month’s sheet', '2026-06-30', 'future', 15],
  ])('prices the next term of %s', (_case, end, _timeline, next) => {
    const rows: PriceRowFixture[] = [
      { productId: 'PROD1', skuId: '0001', term: 'P1Y', billing: 'monthly', unitPrice: 1.2 },
      {
        productId: 'PROD1',
        skuId: '0001',
        term: 'P1Y',
        billing: 'monthly',
        unitPrice: 1.5,
        timeline: 'future',
      },
    ];
    expect(entryOf(aLiveSubscription({ commitmentEndDate: end }), rows).price).toEqual({
      currency: 'USD',
      now: 12,
      next,
      per: 'month',
    });
  });

  it('falls back to today’s sheet without a future row; leaves next out in another currency; no price when today’s is unknown', () => {
    const today = { productId: 'PROD1', skuId: '0001', term: 'P1Y', billing: 'monthly' };
    expect(entryOf(aLiveSubscription(), [{ ...today, unitPrice: 3 }]).price).toEqual({
      currency: 'USD',
      now: 30,
      next: 30,
      per: 'month',
    });
    const euro: PriceRowFixture = { ...today, unitPrice: 4, currency: 'EUR', timeline: 'future' };
    const changed = aLiveSubscription({
      scheduledNextTermInstructions: { productId: 'PROD1', skuId: '0001', quantity: 4 },
    });
    expect(entryOf(changed, [{ ...today, unitPrice: 3 }, euro]).price).toEqual({
      currency: 'USD',
      now: 30,
      per: 'month',
    });
    expect(entryOf(aLiveSubscription(), [euro]).price).toBeUndefined();
    expect(entryOf(aLiveSubscription(), undefined).price).toBeUndefined();
  });

  it('sorts by renewal instant, then customer, item and id; undated last; counts whole UTC days', () => {
    const at = (id: number, end: string | undefined, item: string, name = 'Contoso') =>
      managed(aLiveSubscription({ id: subId(id), commitmentEndDate: end }), item, name);
    const entries = buildRenewals({
      managed: [
        at(1, undefined, 'azure'),
        at(2, '2026-05-31', 'late'),
        at(3, '2026-03-01', 'today', 'Zeta'),
        at(4, '2026-03-01', 'today', 'Alpha'),
        at(5, '2026-02-27', 'overdue'),
      ],
      now: NOW,
    });
    expect(entries.map((e) => [e.item, e.customerName, e.renewsAt, e.daysLeft])).toEqual([
      ['overdue', 'Contoso', '2026-02-28T00:00:00.000Z', -1],
      ['today', 'Alpha', '2026-03-02T00:00:00.000Z', 1],
      ['today', 'Zeta', '2026-03-02T00:00:00.000Z', 1],
      ['late', 'Contoso', '2026-06-01T00:00:00.000Z', 92],
      ['azure', 'Contoso', undefined, undefined],
    ]);
    expect(renewingWithin(entries, 1).map((e) => e.subscriptionId)).toEqual([
      subId(5),
      subId(4),
      subId(3),
    ]);
    expect(renewingWithin(entries, 0).map((e) => e.subscriptionId)).toEqual([subId(5)]);
  });

  it('names the product from the cached catalog in the customer’s country, else friendlyName', () => {
    const catalog = new Map([
      [
        'US',
        {
          skus: [{ productId: 'prod1', skuId: '0001', title: 'Catalog title' }],
          availabilities: [],
        },
      ],
    ]) as never;
    const [titled] = buildRenewals({ managed: [managed(aLiveSubscription())], now: NOW, catalog });
    expect(titled?.productName).toBe('Catalog title');
    const blank = aLiveSubscription({ friendlyName: ' ' });
    expect(buildRenewals({ managed: [managed(blank)], now: NOW })[0]?.productName).toBeUndefined();
  });
});
