import { createHash } from 'node:crypto';
import type { DesiredState, ObservedState } from '../model/index.js';

/**
 * Digests for the plan's `basis`: `apply` refuses a saved plan whose digests no longer match.
 * Both are independent of input order, and leave out what does not change meaning:
 * spec source positions and file names (re-formatting a spec does not stale a plan) and
 * `observedAt` (a refresh that finds the same world yields the same digest).
 *
 * The text hashed is the canonical JSON (`support/canonicalJson`: keys sorted at every depth,
 * `undefined` dropped) of the normalised value, streamed into the hash customer by customer so
 * that 100,000 subscriptions never become one giant string.
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
  const hash = createHash('sha256');
  hash.update('{"customers":[');
  const customers = [...desired.customers].sort(byString((c) => c.id));
  customers.forEach((c, i) => {
    if (i > 0) hash.update(',');
    hash.update(
      canonical({
        id: c.id,
        name: c.name,
        country: c.country,
        subscriptions: [...c.subscriptions]
          .sort(byString((s) => s.key))
          .map(({ source: _source, ...rest }) => rest),
        purchases: [...c.purchases]
          .sort(byString((p) => p.key))
          .map(({ source: _source, ...rest }) => rest),
      }),
    );
  });
  hash.update(']}');
  return hash.digest('hex');
}

/** Hex SHA-256 of the normalised observed state (failures by customer and code). */
export function computeObservedDigest(observed: ObservedState): string {
  const hash = createHash('sha256');
  hash.update('{"customers":[');
  const customers = [...observed.customers].sort(byString((c) => c.customerId));
  customers.forEach((c, i) => {
    if (i > 0) hash.update(',');
    hash.update(
      canonical({
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
        unreadable:
          c.unreadable === undefined
            ? undefined
            : [...c.unreadable].sort(byString((u) => `${u.id ?? ''}:${u.problem}`)),
      }),
    );
  });
  const failures = [...observed.failures]
    .sort(byString((f) => f.customerId))
    .map((f) => ({ customerId: f.customerId, code: f.code }));
  hash.update(`],"failures":${canonical(failures)}}`);
  return hash.digest('hex');
}

/**
 * Canonical JSON of a plain JSON value (the same text as `canonicalJson`), at native speed:
 * `JSON.stringify` with a replacer array keeps only the listed property names, in the listed
 * order, at every depth; listing every name the value uses, sorted, yields sorted keys.
 */
function canonical(value: unknown): string {
  const names = new Set<string>();
  collectNames(value, names);
  return JSON.stringify(value, [...names].sort()) ?? 'null';
}

function collectNames(value: unknown, names: Set<string>): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value as unknown[]) collectNames(v, names);
    return;
  }
  for (const [name, member] of Object.entries(value)) {
    names.add(name);
    collectNames(member, names);
  }
}
