import { describe, expect, it } from 'vitest';
import { createProductNames, describeProduct } from '../../src/agent/index.js';
import type { JournalEntry } from '../../src/agent/index.js';
import type {
  ActionKey,
  Binding,
  CustomerId,
  ItemKey,
  LiveSubscription,
  ObservedCustomer,
  SubscriptionId,
} from '../../src/model/index.js';

const CUSTOMER = '6F1C2A9E-4A7B-4C1E-9A53-0D8E2B7F5C11' as CustomerId;
const SUB = 'AAAAAAAA-1111-4111-8111-111111111111' as SubscriptionId;

let nextId = 1;
const aRow = (over: Partial<JournalEntry>): JournalEntry => ({
  id: nextId++,
  actionKey: 'k' as ActionKey,
  requestId: `r${nextId}`,
  kind: 'purchase',
  customerId: CUSTOMER,
  orderIds: [],
  status: 'succeeded',
  attempts: 1,
  createdAt: '2026-03-05T10:00:00Z',
  updatedAt: '2026-03-05T10:00:00Z',
  ...over,
});

const snapshot: ObservedCustomer = {
  customerId: CUSTOMER,
  observedAt: '2026-03-05T10:00:00Z',
  subscriptions: [
    {
      id: SUB,
      productId: 'CFQ7TTC0LF8Q',
      skuId: '0001',
      friendlyName: 'Office 365 E3 (renamed by the customer)',
    } as LiveSubscription,
  ],
};
const binding: Binding = {
  customerId: CUSTOMER,
  item: 'e3' as ItemKey,
  kind: 'subscription',
  subscriptionId: SUB,
  boundAt: '2026-03-01T00:00:00Z',
};

describe('createProductNames (names from what the state store holds)', () => {
  it('prefers the row’s recorded name and reads the cart line’s product and SKU', () => {
    const row = aRow({
      item: 'e3' as ItemKey,
      step: 'checkout',
      request: {
        line: { catalogItemId: 'CFQ7TTC0LF8Q:0001:CFQ7TTC0LF8Q0001' },
        productName: 'Office 365 E3',
      },
    });
    const names = createProductNames([row], { snapshots: [snapshot], bindings: [binding] });
    expect(names.ofRow(row)).toEqual({
      productName: 'Office 365 E3',
      productId: 'CFQ7TTC0LF8Q',
      skuId: '0001',
    });
    expect(describeProduct(names.ofRow(row))).toBe('Office 365 E3 (CFQ7TTC0LF8Q:0001)');
  });

  it('names an older row from a newer named row of its item, then from the snapshot', () => {
    const old = aRow({ kind: 'increase-quantity', item: 'e3' as ItemKey, subscriptionId: SUB });
    const named = aRow({
      kind: 'set-autorenew',
      item: 'e3' as ItemKey,
      subscriptionId: SUB,
      request: { change: {}, productName: 'Office 365 E3' },
    });
    const withNamed = createProductNames([old, named], { snapshots: [snapshot] });
    expect(withNamed.ofRow(old)).toEqual({
      productName: 'Office 365 E3',
      productId: 'CFQ7TTC0LF8Q',
      skuId: '0001',
    });
    const fromSnapshot = createProductNames([old], {
      snapshots: [snapshot],
      bindings: [binding],
    });
    expect(fromSnapshot.ofItem(CUSTOMER.toLowerCase(), 'e3')).toBe(
      'Office 365 E3 (renamed by the customer)',
    );
    expect(fromSnapshot.ofSubscription(CUSTOMER, SUB.toLowerCase())).toBe(
      'Office 365 E3 (renamed by the customer)',
    );
    expect(fromSnapshot.ofItem(CUSTOMER, 'E3')).toBeUndefined();
  });

  it('leaves registrations and unknown products unnamed', () => {
    const registration = aRow({
      kind: 'register-azure-subscription',
      item: 'e3' as ItemKey,
      request: { azureSubscriptionId: 'x', productName: 'should not show' },
    });
    const unknown = aRow({ item: 'other' as ItemKey });
    const names = createProductNames([registration, unknown], {
      snapshots: [snapshot],
      bindings: [binding],
    });
    expect(names.ofRow(registration)).toEqual({});
    expect(names.ofRow(unknown)).toEqual({});
    expect(describeProduct({ productId: 'P', skuId: 'S' })).toBeUndefined();
    expect(describeProduct({ productName: 'Only a name' })).toBe('Only a name');
  });
});
