import { afterEach, describe, expect, it } from 'vitest';
import type { ObservedCustomer, OrderId } from '../../src/model/index.js';
import { openStateStore, type StateStore } from '../../src/state/index.js';
import { canonicalJson, digestOf, ManualClock } from '../../src/support/index.js';
import { aCustomerId, anObservedCustomer, aSubscription, makeTempDirs } from './builders.js';

const temp = makeTempDirs();
let store: StateStore | undefined;
afterEach(() => {
  store?.close();
  temp.cleanup();
});

const full = (): ObservedCustomer => {
  const customerId = aCustomerId(1);
  return {
    customerId,
    observedAt: '2026-01-01T00:00:00.000Z',
    subscriptions: [aSubscription(customerId, 2), aSubscription(customerId, 1, { status: 'suspended', isTrial: true })],
    orders: [
      {
        id: 'ord-1' as OrderId,
        customerId,
        status: 'pending',
        billingCycle: 'one_time',
        creationDate: '2026-01-01T00:00:00Z',
        lineItems: [{ lineItemNumber: 0, offerId: 'DZH318Z0BQ4T:0059', productId: 'DZH318Z0BQ4T', skuId: '0059', quantity: 2 }],
      },
    ],
    entitlements: [],
    registrations: [{ azureSubscriptionId: '8e7c0d2b-0000-4000-8000-000000000001', status: 'registered' }],
  };
};

describe('snapshots', () => {
  it('reads back exactly what was written, so observed digests reproduce', () => {
    store = openStateStore(temp.dbPath());
    const observed = full();
    store.snapshots.upsert(observed);
    const back = store.snapshots.get(observed.customerId);
    expect(canonicalJson(back)).toBe(canonicalJson(observed));
    expect(digestOf(back)).toBe(digestOf(observed));
    expect(back?.entitlements).toEqual([]); // read and empty stays empty
  });

  it('keeps lists that were not read absent, not empty', () => {
    store = openStateStore(temp.dbPath());
    const observed = anObservedCustomer(aCustomerId(1), 2);
    store.snapshots.upsert(observed);
    const back = store.snapshots.get(observed.customerId)!;
    expect(Object.keys(back).sort()).toEqual(['customerId', 'observedAt', 'subscriptions']);
    expect(back).toEqual(observed);
  });

  it('replaces a customer whole: what the refresh no longer sees is gone', () => {
    store = openStateStore(temp.dbPath());
    const customerId = aCustomerId(1);
    store.snapshots.upsert(full());
    const later = anObservedCustomer(customerId, 1, { first: 40, observedAt: '2026-01-02T00:00:00.000Z' });
    store.snapshots.upsertMany([later, anObservedCustomer(aCustomerId(2), 3)]);
    expect(store.snapshots.get(customerId)).toEqual(later);
    expect(store.snapshots.listObservedAt()).toEqual([
      { customerId, observedAt: '2026-01-02T00:00:00.000Z' },
      { customerId: aCustomerId(2), observedAt: '2026-01-01T00:00:00.000Z' },
    ]);
    expect(store.snapshots.list().map((o) => o.subscriptions.length)).toEqual([1, 3]);
    expect(store.snapshots.remove(customerId)).toBe(true);
    expect(store.snapshots.get(customerId)).toBeUndefined();
    expect(store.snapshots.remove(customerId)).toBe(false);
  });

  it('writes nothing of a batch when one customer in it fails', () => {
    store = openStateStore(temp.dbPath());
    const good = anObservedCustomer(aCustomerId(1), 2);
    const bad = { ...anObservedCustomer(aCustomerId(2), 1), observedAt: null as unknown as string };
    expect(() => store!.snapshots.upsertMany([good, bad])).toThrow(/NOT NULL/);
    expect(store.snapshots.list()).toEqual([]);
  });
});

describe('catalog cache', () => {
  it('serves an entry until the injected clock passes its TTL', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    store = openStateStore(temp.dbPath(), { clock });
    const key = { country: 'us', productId: 'CFQ7TTC0LCHC', skuId: '0002' };
    const value = { minimumQuantity: 1, maximumQuantity: 300, terms: ['P1Y'] };
    store.catalog.put(key, value, 60_000);
    expect(store.catalog.get({ ...key, country: 'US' })).toEqual({
      value,
      fetchedAt: '2026-01-01T00:00:00.000Z',
      expiresAt: '2026-01-01T00:01:00.000Z',
    });
    expect(store.catalog.get({ ...key, skuId: '0001' })).toBeUndefined();
    clock.advance(59_999);
    expect(store.catalog.get(key)?.value).toEqual(value);
    clock.advance(1);
    expect(store.catalog.get(key)).toBeUndefined();
    store.catalog.put({ ...key, skuId: '0003' }, [1], 120_000);
    expect(store.catalog.purgeExpired()).toBe(1);
    expect(store.catalog.get({ ...key, skuId: '0003' })?.value).toEqual([1]);
    expect(store.catalog.clear()).toBe(1);
  });
});
