import { createHash } from 'node:crypto';
import type {
  Binding,
  DesiredCustomer,
  DesiredState,
  InFlightPurchase,
  ObservedCustomer,
  ObservedState,
  RefreshFailure,
} from '../model/index.js';

/**
 * Digests for the plan's `basis`: the global ones are shown to humans; `apply` refuses a saved
 * plan when the per-customer ones (`basis.customers`) of a customer it touches no longer match.
 * All are independent of input order, and leave out what does not change meaning:
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
  return specDigests(desired, () => undefined);
}

/** Hex SHA-256 of the normalised observed state (failures by customer and code). */
export function computeObservedDigest(observed: ObservedState): string {
  return observedDigests(observed, () => undefined);
}

/** The plan's global digests and each customer's, from one canonicalisation of each customer. */
export interface PlanDigests {
  readonly specDigest: string;
  readonly observedDigest: string;
  readonly spec: ReadonlyMap<string, string>;
  readonly observed: ReadonlyMap<string, string>;
}

/**
 * `computeSpecDigest`, `computeObservedDigest` and every `computeCustomerSpecDigest` /
 * `computeCustomerObservedDigest` at once: each customer's canonical text is made once and fed
 * both to its own hash and to the global one (the expensive part is the text, not the hashing).
 */
export function computePlanDigests(desired: DesiredState, observed: ObservedState): PlanDigests {
  const spec = new Map<string, string>();
  const seen = new Map<string, string>();
  return {
    specDigest: specDigests(desired, (id, text) => spec.set(id, sha256(text))),
    observedDigest: observedDigests(observed, (id, text) => seen.set(id, sha256(text))),
    spec,
    observed: seen,
  };
}

/** Streams the global spec digest; `each` gets every customer's canonical text. */
function specDigests(desired: DesiredState, each: (id: string, text: string) => void): string {
  const hash = createHash('sha256');
  hash.update('{"customers":[');
  const customers = [...desired.customers].sort(byString((c) => c.id));
  customers.forEach((c, i) => {
    if (i > 0) hash.update(',');
    const text = canonical(normalisedSpec(c));
    each(c.id, text);
    hash.update(text);
  });
  hash.update(']}');
  return hash.digest('hex');
}

/** Streams the global observed digest; `each` gets every customer's (or failure's) text. */
function observedDigests(
  observed: ObservedState,
  each: (id: string, text: string) => void,
): string {
  const hash = createHash('sha256');
  hash.update('{"customers":[');
  const customers = [...observed.customers].sort(byString((c) => c.customerId));
  customers.forEach((c, i) => {
    if (i > 0) hash.update(',');
    const text = canonical(normalisedObserved(c));
    each(c.customerId, text);
    hash.update(text);
  });
  const failures = [...observed.failures]
    .sort(byString((f) => f.customerId))
    .map((f) => ({ customerId: f.customerId, code: f.code }));
  for (const f of failures) each(f.customerId, canonical(failureValue(f)));
  hash.update(`],"failures":${canonical(failures)}}`);
  return hash.digest('hex');
}

/**
 * Hex SHA-256 of one customer's normalised spec: the same text `computeSpecDigest` hashes for
 * it, so source positions and file names do not count.
 */
export function computeCustomerSpecDigest(customer: DesiredCustomer): string {
  return sha256(canonical(normalisedSpec(customer)));
}

/**
 * Hex SHA-256 of one customer's normalised live state (`observedAt` left out), or, for a
 * customer whose refresh failed, of the failure's code.
 */
export function computeCustomerObservedDigest(observed: ObservedCustomer | RefreshFailure): string {
  const value = 'code' in observed ? failureValue(observed) : normalisedObserved(observed);
  return sha256(canonical(value));
}

/**
 * Hex SHA-256 of one customer's state-store facts the planner reads: its bindings (without
 * `boundAt`: binding the same subscription again changes nothing) and its purchases in flight.
 * Both lists sorted by their canonical JSON, so input order never matters.
 */
export function computeCustomerStateDigest(
  bindings: readonly Binding[],
  inFlight: readonly InFlightPurchase[],
): string {
  const sorted = (texts: string[]): string => `[${texts.sort().join(',')}]`;
  const boundTexts = bindings.map(({ boundAt: _boundAt, ...rest }) => canonical(rest));
  const inFlightTexts = inFlight.map((p) => canonical(p));
  return sha256(`{"bindings":${sorted(boundTexts)},"inFlight":${sorted(inFlightTexts)}}`);
}

function failureValue(f: Pick<RefreshFailure, 'customerId' | 'code'>): unknown {
  return { customerId: f.customerId, failure: f.code };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function normalisedSpec(c: DesiredCustomer): unknown {
  return {
    id: c.id,
    name: c.name,
    country: c.country,
    subscriptions: [...c.subscriptions]
      .sort(byString((s) => s.key))
      .map(({ source: _source, ...rest }) => rest),
    purchases: [...c.purchases]
      .sort(byString((p) => p.key))
      .map(({ source: _source, ...rest }) => rest),
  };
}

function normalisedObserved(c: ObservedCustomer): unknown {
  return {
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
  };
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
