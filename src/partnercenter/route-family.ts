/**
 * Route families: the unit of the client-side rate budget and of call accounting (`onCall`).
 * Partner Center states its limits per resource — 500 requests/minute for the order and the
 * subscription resources (docs/partner-center-api.md §1.7) — so a family is the resource a path
 * lives under: registrations and activation links of a subscription count as `subscriptions`,
 * those of an order as `orders`, check-inventory as `catalog`.
 */
export type RouteFamily =
  'customers' | 'catalog' | 'carts' | 'orders' | 'subscriptions' | 'entitlements' | 'other';

const UNDER_CUSTOMER: Readonly<Record<string, RouteFamily>> = {
  carts: 'carts',
  orders: 'orders',
  subscriptions: 'subscriptions',
  entitlements: 'entitlements',
  products: 'catalog',
};

/** Names the family of an API path such as `/v1/customers/{id}/carts/{cartId}/checkout`. */
export function routeFamilyOf(path: string): RouteFamily {
  const segments = path
    .split('?')[0]!
    .split('/')
    .filter((segment) => segment !== '');
  const rest = segments[0]?.toLowerCase() === 'v1' ? segments.slice(1) : segments;
  const [first, , third] = rest.map((segment) => segment.toLowerCase());
  if (first === 'products' || first === 'extensions') return 'catalog';
  if (first !== 'customers') return 'other';
  if (third === undefined) return 'customers';
  return UNDER_CUSTOMER[third] ?? 'customers';
}
