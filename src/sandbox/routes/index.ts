import { BILLING_ROUTES } from '../billing/index.js';
import { PRICESHEET_ROUTES } from '../pricing/index.js';
import type { Route } from '../router.js';
import { AUDIT_ROUTES } from './audit-routes.js';
import { CART_ROUTES } from './cart-routes.js';
import { CATALOG_ROUTES } from './catalog-routes.js';
import { CUSTOMER_ROUTES } from './customer-routes.js';
import { ENTITLEMENT_ROUTES } from './entitlement-routes.js';
import { INVENTORY_ROUTES } from './inventory-routes.js';
import { LIFECYCLE_ROUTES } from './lifecycle-routes.js';
import { ORDER_ROUTES } from './order-routes.js';
import { PROMOTION_ROUTES } from './promotion-routes.js';
import { REGISTRATION_ROUTES } from './registration-routes.js';
import { SUBSCRIPTION_ROUTES } from './subscription-routes.js';

/** Every `/v1` (and `/v1.0`) route the sandbox serves (listed in docs/sandbox.md). */
export const ALL_ROUTES: readonly Route[] = [
  ...CUSTOMER_ROUTES,
  ...CATALOG_ROUTES,
  ...INVENTORY_ROUTES,
  ...CART_ROUTES,
  ...ORDER_ROUTES,
  // Before the subscription routes: `subscriptions/customTermEndDates` is not a subscription id.
  ...LIFECYCLE_ROUTES,
  ...SUBSCRIPTION_ROUTES,
  ...REGISTRATION_ROUTES,
  ...ENTITLEMENT_ROUTES,
  ...BILLING_ROUTES,
  ...PROMOTION_ROUTES,
  ...PRICESHEET_ROUTES,
  ...AUDIT_ROUTES,
];
