import { describe, expect, it } from 'vitest';
import { buildRefundWindowNotices, noticeKey, type Notice } from '../../../src/agent/index.js';
import type {
  Binding,
  CustomerId,
  ItemKey,
  LiveSubscription,
  ObservedCustomer,
  SubscriptionId,
} from '../../../src/model/index.js';

const C = '11111111-1111-4111-8111-111111111111' as CustomerId;
const NOW = new Date('2026-03-01T12:00:00Z');

function sub(id: string, extra: Partial<LiveSubscription>): LiveSubscription {
  return {
    id: id as SubscriptionId,
    customerId: C,
    offerId: 'P:0001:AV',
    productId: 'P',
    skuId: '0001',
    friendlyName: 'x',
    quantity: 10,
    status: 'active',
    autoRenewEnabled: true,
    termDuration: 'P1Y',
    billingCycle: 'monthly',
    creationDate: '2026-02-25T00:00:00Z',
    ...extra,
  };
}
const bind = (item: string, subscriptionId?: string): Binding => ({
  customerId: C,
  item: item as ItemKey,
  kind: 'subscription',
  ...(subscriptionId === undefined ? {} : { subscriptionId: subscriptionId as SubscriptionId }),
  boundAt: '2026-02-25T00:00:00Z',
});

describe('refund window notices', () => {
  const observed: ObservedCustomer = {
    customerId: C,
    observedAt: NOW.toISOString(),
    subscriptions: [
      // closes in 6 h (the earlier refundable block wins over the cancellation date)
      sub('s-soon', {
        refundableQuantity: {
          totalQuantity: 5,
          details: [
            { quantity: 3, allowedUntilDateTime: '2026-03-02T06:00:00Z' },
            { quantity: 2, allowedUntilDateTime: '2026-03-01T18:00:00Z' },
          ],
        },
        cancellationAllowedUntilDate: '2026-03-02T08:00:00Z',
      }),
      sub('s-later', { cancellationAllowedUntilDate: '2026-03-03T12:00:01Z' }),
      sub('s-closed', { cancellationAllowedUntilDate: '2026-03-01T11:59:59Z' }),
      sub('s-edge', { cancellationAllowedUntilDate: '2026-03-02T12:00:00Z' }),
      sub('s-unmanaged', { cancellationAllowedUntilDate: '2026-03-01T13:00:00Z' }),
      sub('s-deleted', { status: 'deleted', cancellationAllowedUntilDate: '2026-03-01T13:00:00Z' }),
    ],
  };
  const bindings = [
    bind('soon', 's-soon'),
    bind('later', 's-later'),
    bind('closed', 's-closed'),
    bind('edge', 's-edge'),
    bind('deleted', 's-deleted'),
    bind('pending'),
  ];

  it('names managed, active items whose window closes within the next 24 hours', () => {
    const notices = buildRefundWindowNotices(bindings, new Map([[C, observed]]), NOW);
    expect(notices).toEqual([
      {
        event: 'refund-window-closing',
        customerId: C,
        item: 'edge',
        subscriptionId: 's-edge',
        closesAt: '2026-03-02T12:00:00.000Z',
        quantity: 10,
      },
      {
        event: 'refund-window-closing',
        customerId: C,
        item: 'soon',
        subscriptionId: 's-soon',
        closesAt: '2026-03-01T18:00:00.000Z',
        quantity: 2,
      },
    ]);
  });

  it('gives the same window the same key, so it is sent once', () => {
    const [a] = buildRefundWindowNotices(bindings, new Map([[C, observed]]), NOW);
    const [b] = buildRefundWindowNotices(
      bindings,
      new Map([[C, observed]]),
      new Date(NOW.getTime() + 3_600_000),
    );
    expect(noticeKey(a as Notice)).toBe(noticeKey(b as Notice));
  });
});
