import { describe, expect, it } from 'vitest';
import { routeFamilyOf } from '../../src/partnercenter/route-family.js';

describe('routeFamilyOf', () => {
  it.each([
    ['/v1/customers', 'customers'],
    ['/v1/customers?size=50', 'customers'],
    ['/v1/customers/c1', 'customers'],
    ['/v1/customers/c1/carts', 'carts'],
    ['/v1/customers/c1/carts/k1/checkout', 'carts'],
    ['/v1/customers/c1/orders?billingType=one_time', 'orders'],
    ['/v1/customers/c1/orders/o1/lineitems/0/activationlinks', 'orders'],
    ['/v1/customers/c1/subscriptions/s1', 'subscriptions'],
    ['/v1/customers/c1/subscriptions/s1/registrations', 'subscriptions'],
    ['/v1/customers/c1/entitlements', 'entitlements'],
    ['/v1/customers/c1/products/p/skus/s/availabilities', 'catalog'],
    ['/v1/products/p/skus?country=US', 'catalog'],
    ['/v1/extensions/product/checkInventory?country=US', 'catalog'],
    ['/v1/auditrecords', 'other'],
  ])('%s → %s', (path, family) => {
    expect(routeFamilyOf(path)).toBe(family);
  });
});
