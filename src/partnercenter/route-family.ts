/**
 * Route families: the unit of the client-side rate budget and of call accounting (`onCall`).
 * Partner Center throttles per resource family (orders, subscriptions, carts...), see
 * partner-center-api.md §1.7.
 */
export type RouteFamily =
  | 'customers'
  | 'catalog'
  | 'inventory'
  | 'carts'
  | 'orders'
  | 'subscriptions'
  | 'registrations'
  | 'entitlements'
  | 'activation-links'
  | 'other';

/** Ordered: the first segment matched (right-most specific first) names the family. */
const RULES: readonly { readonly pattern: RegExp; readonly family: RouteFamily }[] = [
  { pattern: /\/activationlinks(\/|$|\?)/i, family: 'activation-links' },
  { pattern: /\/(registrations|registrationstatus)(\/|$|\?)/i, family: 'registrations' },
  { pattern: /\/extensions\/product\/checkinventory/i, family: 'inventory' },
  { pattern: /\/products(\/|$|\?)/i, family: 'catalog' },
  { pattern: /\/carts(\/|$|\?)/i, family: 'carts' },
  { pattern: /\/orders(\/|$|\?)/i, family: 'orders' },
  { pattern: /\/subscriptions(\/|$|\?)/i, family: 'subscriptions' },
  { pattern: /\/entitlements(\/|$|\?)/i, family: 'entitlements' },
  { pattern: /\/customers(\/|$|\?)/i, family: 'customers' },
];

/** Names the family of an API path such as `/v1/customers/{id}/carts/{cartId}/checkout`. */
export function routeFamilyOf(path: string): RouteFamily {
  return RULES.find((rule) => rule.pattern.test(path))?.family ?? 'other';
}
