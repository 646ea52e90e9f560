import { describe, expect, it } from 'vitest';
import type { RenewalEntry } from '../../src/agent/index.js';
import type { CustomerId, ItemKey, SubscriptionId } from '../../src/model/index.js';
import type { AttentionEntry, CustomerView, EstateData } from '../../src/dashboard/index.js';
import { decodeView, encodeView, transferables } from '../../src/dashboard/view-transfer.js';

const aRenewal = (i: number): RenewalEntry => ({
  customerId: `c-${i % 7}` as CustomerId,
  customerName: `Customer ${i % 7} →`,
  item: `item-${i}` as ItemKey,
  subscriptionId: `s-${i}` as SubscriptionId,
  productId: 'P',
  skuId: '0001',
  termDuration: 'P1Y',
  billingCycle: 'monthly',
  status: 'active',
  ...(i < 240 ? { renewsAt: `2026-02-01T00:00:00.000Z`, daysLeft: i } : {}),
  autoRenew: true,
  quantity: i,
  deadlines: {},
  windows: { refund: 'closed', cancel: 'closed' },
});

const aCustomer = (i: number): CustomerView => ({
  customerId: `c-${i}` as CustomerId,
  customerName: `Customer ${i} <&>`,
  items: [],
  unmanaged: [],
  health: 'in-sync',
  counts: { 'in-sync': i, drifted: 0, blocked: 0, 'in-flight': 0, unobserved: 0 },
});

const data: EstateData = {
  builtAt: '2026-01-01T00:00:00.000Z',
  counts: {
    customers: 7,
    items: 0,
    managed: 0,
    inSync: 0,
    drifted: 0,
    blocked: 0,
    inFlight: 0,
    unobserved: 0,
    unmanaged: 0,
  },
  customers: Array.from({ length: 7 }, (_, i) => aCustomer(i)),
  attention: Array.from({ length: 205 }, (_, i): AttentionEntry => ({
    kind: 'blocked',
    detail: `d${i} ✓`,
  })),
  renewals: Array.from({ length: 250 }, (_, i) => aRenewal(i)),
  plans: [],
  problems: ['p'],
};

describe('the view handed from the worker (view-transfer.ts)', () => {
  it('round-trips every list, slices across chunk boundaries, and parses customers on demand', () => {
    const encoded = encodeView(data);
    expect(transferables(encoded)).toHaveLength(3);
    const view = decodeView(structuredClone(encoded, { transfer: transferables(encoded) }));
    expect(view.customers.map((c) => c.itemCount)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(view.summaryOf('c-3')?.counts['in-sync']).toBe(3);
    expect(view.customer('c-6')).toEqual(aCustomer(6));
    expect(view.customer('nobody')).toBeUndefined();
    expect(view.attention.length).toBe(205);
    expect(view.attention.slice(95, 105).map((a) => a.detail)).toEqual(
      Array.from({ length: 10 }, (_, i) => `d${95 + i} ✓`),
    );
    expect(view.attention.slice(200, 999)).toHaveLength(5);
    expect(view.renewals.slice(0, 250)).toEqual(data.renewals);
    expect(view.renewals.daysLeft[239]).toBe(239);
    expect(view.renewals.daysLeft[240]).toBeNull();
    expect(view.problems).toEqual(['p']);
  });
});
