import { digestOf } from '../support/index.js';
import type { DesiredState, ObservedState } from '../model/index.js';

/**
 * Digests for the plan's `basis`: `apply` refuses a saved plan whose digests no longer match.
 * Both are independent of input order, and leave out what does not change meaning:
 * spec source positions and file names (re-formatting a spec does not stale a plan) and
 * `observedAt` (a refresh that finds the same world yields the same digest).
 */

const byString =
  <T>(key: (value: T) => string) =>
  (a: T, b: T): number => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };

/** Hex SHA-256 of the normalised desired state. */
export function computeSpecDigest(desired: DesiredState): string {
  const customers = [...desired.customers].sort(byString((c) => c.id)).map((c) => ({
    id: c.id,
    name: c.name,
    country: c.country,
    subscriptions: [...c.subscriptions]
      .sort(byString((s) => s.key))
      .map(({ source: _source, ...rest }) => rest),
    purchases: [...c.purchases]
      .sort(byString((p) => p.key))
      .map(({ source: _source, ...rest }) => rest),
  }));
  return digestOf({ customers });
}

/** Hex SHA-256 of the normalised observed state (failures by customer and code). */
export function computeObservedDigest(observed: ObservedState): string {
  const customers = [...observed.customers].sort(byString((c) => c.customerId)).map((c) => ({
    customerId: c.customerId,
    subscriptions: [...c.subscriptions].sort(byString((s) => s.id)),
    orders: c.orders === undefined ? undefined : [...c.orders].sort(byString((o) => o.id)),
    entitlements:
      c.entitlements === undefined
        ? undefined
        : [...c.entitlements].sort(
            byString((e) => `${e.productId}:${e.skuId}:${e.orderId ?? ''}:${e.quantity}`),
          ),
    registrations:
      c.registrations === undefined
        ? undefined
        : [...c.registrations].sort(byString((r) => r.azureSubscriptionId)),
  }));
  const failures = [...observed.failures]
    .sort(byString((f) => f.customerId))
    .map((f) => ({ customerId: f.customerId, code: f.code }));
  return digestOf({ customers, failures });
}
