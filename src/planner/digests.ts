import { createHash, type Hash } from 'node:crypto';
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
 * A customer's digest is the SHA-256 of the JSON of its normalised value (`ordered`: arrays
 * sorted, keys in the fixed order their producers write them), made customer by customer so that
 * 100,000 subscriptions never become one giant string; the global digests hash the customers'
 * digests in id order.
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

/** The plan's global digests and each customer's, each customer's text made once. */
export interface PlanDigests {
  readonly specDigest: string;
  readonly observedDigest: string;
  readonly spec: ReadonlyMap<string, string>;
  readonly observed: ReadonlyMap<string, string>;
}

/**
 * `computeSpecDigest`, `computeObservedDigest` and every `computeCustomerSpecDigest` /
 * `computeCustomerObservedDigest` at once: each customer's text is made and hashed once.
 */
export function computePlanDigests(desired: DesiredState, observed: ObservedState): PlanDigests {
  const spec = new Map<string, string>();
  const seen = new Map<string, string>();
  return {
    specDigest: specDigests(desired, (id, digest) => spec.set(id, digest)),
    observedDigest: observedDigests(observed, (id, digest) => seen.set(id, digest)),
    spec,
    observed: seen,
  };
}

/**
 * The global digests from customers' digests gathered batch by batch (`planPart`): the same
 * values `computePlanDigests` gives for the whole desired and observed state at once.
 */
export function combineDigests(
  spec: ReadonlyMap<string, string>,
  observed: ReadonlyMap<string, string>,
  failures: readonly Pick<RefreshFailure, 'customerId' | 'code'>[],
): { readonly specDigest: string; readonly observedDigest: string } {
  const hashOf = (digests: ReadonlyMap<string, string>, tail?: (hash: Hash) => void): string => {
    const hash = createHash('sha256');
    for (const id of [...digests.keys()].sort()) hash.update(`${id}:${digests.get(id) ?? ''}\n`);
    tail?.(hash);
    return hash.digest('hex');
  };
  return {
    specDigest: hashOf(spec),
    observedDigest: hashOf(observed, (hash) => {
      hash.update('failures\n');
      for (const f of [...failures].sort(byString((x) => x.customerId)))
        hash.update(`${f.customerId}:${f.code}\n`);
    }),
  };
}

/**
 * The global spec digest: SHA-256 over each customer's id and spec digest, in id order (a hash of
 * hashes: each customer's text is hashed once). `each` gets every customer's digest.
 */
function specDigests(desired: DesiredState, each: (id: string, digest: string) => void): string {
  const hash = createHash('sha256');
  const customers = [...desired.customers].sort(byString((c) => c.id));
  for (const c of customers) {
    const digest = sha256(ordered(normalisedSpec(c)));
    each(c.id, digest);
    hash.update(`${c.id}:${digest}\n`);
  }
  return hash.digest('hex');
}

/**
 * The global observed digest: SHA-256 over each observed customer's id and digest in id order,
 * then each failure's customer id and code. `each` gets every customer's (or failure's) digest.
 */
function observedDigests(
  observed: ObservedState,
  each: (id: string, digest: string) => void,
): string {
  const hash = createHash('sha256');
  const customers = [...observed.customers].sort(byString((c) => c.customerId));
  for (const c of customers) {
    const digest = sha256(ordered(normalisedObserved(c)));
    each(c.customerId, digest);
    hash.update(`${c.customerId}:${digest}\n`);
  }
  hash.update('failures\n');
  const failures = [...observed.failures].sort(byString((f) => f.customerId));
  for (const f of failures) {
    each(f.customerId, sha256(ordered(failureValue(f))));
    hash.update(`${f.customerId}:${f.code}\n`);
  }
  return hash.digest('hex');
}

/**
 * Hex SHA-256 of one customer's normalised spec: the same text `computeSpecDigest` hashes for
 * it, so source positions and file names do not count.
 */
export function computeCustomerSpecDigest(customer: DesiredCustomer): string {
  return sha256(ordered(normalisedSpec(customer)));
}

/**
 * Hex SHA-256 of one customer's normalised live state (`observedAt` left out), or, for a
 * customer whose refresh failed, of the failure's code.
 */
export function computeCustomerObservedDigest(observed: ObservedCustomer | RefreshFailure): string {
  const value = 'code' in observed ? failureValue(observed) : normalisedObserved(observed);
  return sha256(ordered(value));
}

/**
 * Hex SHA-256 of one customer's state-store facts the planner reads: its bindings (without
 * `boundAt`: binding the same subscription again changes nothing) and its purchases in flight.
 * Both lists sorted by their JSON text, so input order never matters.
 */
export function computeCustomerStateDigest(
  bindings: readonly Binding[],
  inFlight: readonly InFlightPurchase[],
): string {
  const sorted = (texts: string[]): string => `[${texts.sort().join(',')}]`;
  const boundTexts = bindings.map(({ boundAt: _boundAt, ...rest }) => ordered(rest));
  const inFlightTexts = inFlight.map((p) => ordered(p));
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
 * JSON of a normalised spec or live state, keys in the order the objects hold them. Every such
 * object is built by one function with a fixed field order (`spec/normalise-document`, the
 * `partnercenter/map` mappers, snapshots that store their JSON), so equal content gives equal
 * text, and arrays are sorted above. Sorting every key at every depth cost about 40% of planning
 * 100,000 subscriptions (docs/performance.md). Were a producer ever to build equal content in
 * another key order, the only effect is a saved plan refused as stale: a change is never missed,
 * since different content always gives different text.
 */
function ordered(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}
