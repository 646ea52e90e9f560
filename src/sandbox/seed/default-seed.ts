import { defaultCatalog } from './default-catalog.js';
import type { SandboxSeed } from './seed-types.js';

/** Customer ids the example `specs/` use. */
export const SEED_CUSTOMERS = {
  contoso: '6f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11',
  fabrikam: '2b8d4c7e-1f3a-4e5b-8c9d-0a1b2c3d4e5f',
  northwind: '9c3e5a71-8d2f-4b6a-a1c0-7e4d3f2b1a09',
} as const;

/**
 * The default seed: the default catalog, the three customers of `specs/` and two more, and the
 * live subscriptions the example specs expect:
 * - Contoso Business Premium (P1Y monthly, 20 seats, autorenew on, bought 200 days ago: its
 *   refund and cancellation windows are closed);
 * - Contoso Azure plan (active, not registered for reservations);
 * - Fabrikam Visio Plan 2 (3 seats; no spec names it, so plans show it as unmanaged);
 * - one promotion: Office 365 E3 on an annual term paid annually, 5 % off, in every market, for
 *   90 days from the seeding instant (what Fabrikam's spec buys).
 */
export function defaultSeed(): SandboxSeed {
  return {
    catalog: defaultCatalog(),
    customers: [
      {
        id: SEED_CUSTOMERS.contoso,
        name: 'Contoso Ltd',
        country: 'US',
        domain: 'contoso.onmicrosoft.com',
        subscriptions: [
          {
            id: '3a1f9e8d-7c6b-4a5e-9d4c-3b2a1f0e9d8c',
            productId: 'CFQ7TTC0LCHC',
            skuId: '0002',
            termDuration: 'P1Y',
            billingCycle: 'monthly',
            quantity: 20,
            autoRenewEnabled: true,
            purchasedDaysAgo: 200,
          },
          {
            id: '8e7c0d2b-5a4f-4e3d-9c1b-2a0f6e5d4c3b',
            productId: 'DZH318Z0BPS6',
            skuId: '0001',
            billingCycle: 'monthly',
            quantity: 1,
            purchasedDaysAgo: 400,
          },
        ],
      },
      {
        id: SEED_CUSTOMERS.fabrikam,
        name: 'Fabrikam GmbH',
        country: 'DE',
        domain: 'fabrikam.onmicrosoft.com',
        subscriptions: [
          {
            id: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
            productId: 'CFQ7TTC0HD33',
            skuId: '0001',
            termDuration: 'P1Y',
            billingCycle: 'annual',
            quantity: 3,
            purchasedDaysAgo: 90,
          },
        ],
      },
      {
        id: SEED_CUSTOMERS.northwind,
        name: 'Northwind Traders',
        country: 'GB',
        domain: 'northwindtraders.onmicrosoft.com',
      },
      {
        id: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6',
        name: 'Tailspin Toys',
        country: 'AU',
        domain: 'tailspintoys.onmicrosoft.com',
      },
      {
        id: 'a7b8c9d0-e1f2-4a3b-9c4d-5e6f7a8b9c0d',
        name: 'Adventure Works Brasil',
        country: 'BR',
        domain: 'adventureworksbr.onmicrosoft.com',
      },
    ],
    promotions: [
      {
        id: 'QMSANDBOX0E3:0001:QMSANDBOXP01',
        name: 'Office 365 E3 annual, 5 % off',
        products: [
          {
            productId: 'CFQ7TTC0LF8Q',
            skuId: '0001',
            termDuration: 'P1Y',
            billingCycle: 'annual',
            percentDiscount: 5,
          },
        ],
      },
    ],
  };
}
