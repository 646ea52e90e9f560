import type {
  Binding,
  BlockedEntry,
  CustomerBasis,
  CustomerId,
  DriftEntry,
  InFlightPurchase,
  ItemKey,
  ObservedCustomer,
  PlanAction,
  RefreshFailure,
  SkippedCustomer,
  UnmanagedEntry,
} from '../model/index.js';
import { CatalogIndex } from './catalog-index.js';
import { computeCustomerStateDigest, computePlanDigests } from './digests.js';
import { isTerminalStatus } from './live-facts.js';
import { runRateBefore, type RunRateBefore } from './money-summary.js';
import type { PlanInput } from './plan-input.js';
import { planCustomer } from './plan-customer.js';
import { priceAction, withCoterm, withPromotion } from './price-actions.js';
import { liveProductName, withProductName } from './product-name.js';
import { groupTargets, restrictToTargets } from './restrict-to-targets.js';

/**
 * The plan of some customers before the estate-wide steps (`finishPlan`): what each customer
 * needs, priced, and the few facts the whole plan is summed from. A batch of customers is
 * planned into one part and its live state can then be dropped (docs/scale.md "Flat memory").
 */
export interface PlanPart {
  readonly actions: readonly PlanAction[];
  readonly blocked: readonly BlockedEntry[];
  readonly unmanaged: readonly UnmanagedEntry[];
  readonly drift: readonly DriftEntry[];
  readonly skipped: readonly SkippedCustomer[];
  readonly customerBasis: ReadonlyMap<CustomerId, CustomerBasis>;
  /** Every declared customer's spec digest (in scope or not), for the global spec digest. */
  readonly specDigests: ReadonlyMap<string, string>;
  /** Every observed customer's live-state digest, for the global observed digest. */
  readonly observedDigests: ReadonlyMap<string, string>;
  readonly failures: readonly Pick<RefreshFailure, 'customerId' | 'code'>[];
  /** Customers planned (observed, not failed). */
  readonly customers: number;
  /** Items of the planned customers (targeted ones only under `--target`): the circuit breaker's base. */
  readonly managedItems: number;
  /** Run rates before the plan, of customers with priced actions (absent without prices). */
  readonly runRatesBefore: readonly RunRateBefore[];
}

/**
 * Plans every customer of `input.desired` that was observed or failed (see `buildPlan`), without
 * the estate-wide steps: no policy limits, no ordering, no summary. Pure.
 */
export function planPart(input: PlanInput): PlanPart {
  const catalog = new CatalogIndex(input.catalog);
  const bindings = groupByCustomer(input.bindings);
  const inFlight = groupByCustomer(input.inFlight);
  const observed = new Map<CustomerId, ObservedCustomer>(
    input.observed.customers.map((c) => [c.customerId, c]),
  );
  const failures = new Map(input.observed.failures.map((f) => [f.customerId, f]));
  const digests = computePlanDigests(input.desired, input.observed);
  const actions: PlanAction[] = [];
  const blocked: BlockedEntry[] = [];
  const unmanaged: UnmanagedEntry[] = [];
  const drift: DriftEntry[] = [];
  const skipped: SkippedCustomer[] = [];
  const declared = new Set<CustomerId>();
  const customerBasis = new Map<CustomerId, CustomerBasis>();
  const runRatesBefore: RunRateBefore[] = [];
  const targets = groupTargets(input.targets);
  let customers = 0;
  let managedItems = 0;
  for (const customer of input.desired.customers) {
    declared.add(customer.id);
    const failure = failures.get(customer.id);
    const live = observed.get(customer.id);
    if (failure !== undefined || live !== undefined) {
      customerBasis.set(customer.id, {
        customerName: customer.name,
        specDigest: digests.spec.get(customer.id) ?? '',
        observedDigest: digests.observed.get(customer.id) ?? '',
        stateDigest: computeCustomerStateDigest(
          [...(bindings.get(customer.id)?.values() ?? [])],
          [...(inFlight.get(customer.id)?.values() ?? [])],
        ),
      });
    }
    if (failure !== undefined) {
      skipped.push({
        customerId: customer.id,
        customerName: customer.name,
        code: failure.code,
        reason: failure.message,
      });
      continue;
    }
    if (live === undefined) continue;
    customers += 1;
    const targeted = targets?.get(customer.id);
    managedItems +=
      targeted === undefined
        ? customer.subscriptions.length + customer.purchases.length
        : [...customer.subscriptions, ...customer.purchases].filter((i) => targeted.has(i.key))
            .length;
    const full = planCustomer({
      customer,
      observed: live,
      bindings: bindings.get(customer.id) ?? new Map<ItemKey, Binding>(),
      inFlight: inFlight.get(customer.id) ?? new Map<ItemKey, InFlightPurchase>(),
      catalog,
      now: input.now,
      clockSkewMs: input.observed.serverClockSkewMs,
      stateResetAt: input.stateResetAt,
      drift: input.policy.drift,
    });
    const result = targeted === undefined ? full : restrictToTargets(full, targeted);
    const { prices } = input;
    if (prices === undefined) actions.push(...result.actions);
    else {
      const market = customer.country.toUpperCase();
      const subscriptions = new Map(live.subscriptions.map((sub) => [sub.id as string, sub]));
      const ctx = { prices, market, subscriptions, now: input.now };
      const priced = result.actions.map((action) =>
        priceAction(withCoterm(withPromotion(action, input.promotions), input.coterms), ctx),
      );
      actions.push(...priced);
      if (priced.some((a) => a.cost !== undefined)) {
        const unmanagedIds = new Set(full.unmanaged.map((u) => u.subscriptionId as string));
        runRatesBefore.push(
          runRateBefore(
            {
              customerId: customer.id,
              customerName: customer.name,
              market,
              subscriptions: live.subscriptions.filter(
                (sub) => !unmanagedIds.has(sub.id) && !isTerminalStatus(sub.status),
              ),
            },
            prices,
            input.now,
          ),
        );
      }
    }
    blocked.push(...result.blocked);
    unmanaged.push(...result.unmanaged);
    drift.push(...result.drift);
  }
  for (const live of input.observed.customers) {
    if (declared.has(live.customerId) || failures.has(live.customerId)) continue;
    for (const sub of live.subscriptions) {
      if (isTerminalStatus(sub.status)) continue;
      const entry: UnmanagedEntry = {
        customerId: live.customerId,
        subscriptionId: sub.id,
        offerId: sub.offerId,
        quantity: sub.quantity,
        status: sub.status,
      };
      unmanaged.push(withProductName(entry, liveProductName(sub)));
    }
  }
  for (const failure of input.observed.failures) {
    if (!declared.has(failure.customerId)) {
      skipped.push({ customerId: failure.customerId, code: failure.code, reason: failure.message });
    }
  }
  const observedDigests = new Map(
    input.observed.customers.map((c) => [c.customerId, digests.observed.get(c.customerId) ?? '']),
  );
  return {
    actions,
    blocked,
    unmanaged,
    drift,
    skipped,
    customerBasis,
    specDigests: digests.spec,
    observedDigests,
    failures: input.observed.failures.map(({ customerId, code }) => ({ customerId, code })),
    customers,
    managedItems,
    runRatesBefore,
  };
}

/** customerId → item → value. Duplicates (a corrupt store) resolve to the smallest JSON, so input order never matters. */
function groupByCustomer<T extends { readonly customerId: CustomerId; readonly item: ItemKey }>(
  values: readonly T[],
): Map<CustomerId, Map<ItemKey, T>> {
  const grouped = new Map<CustomerId, Map<ItemKey, T>>();
  for (const value of values) {
    let forCustomer = grouped.get(value.customerId);
    if (forCustomer === undefined) {
      forCustomer = new Map<ItemKey, T>();
      grouped.set(value.customerId, forCustomer);
    }
    const known = forCustomer.get(value.item);
    if (known === undefined || JSON.stringify(value) < JSON.stringify(known))
      forCustomer.set(value.item, value);
  }
  return grouped;
}
