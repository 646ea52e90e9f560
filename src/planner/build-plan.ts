import {
  PLAN_FORMAT_VERSION,
  type Binding,
  type BlockedEntry,
  type CustomerBasis,
  type CustomerId,
  type DriftEntry,
  type InFlightPurchase,
  type ItemKey,
  type ObservedCustomer,
  type Plan,
  type PlanAction,
  type SkippedCustomer,
  type UnmanagedEntry,
} from '../model/index.js';
import { applyPolicy } from './apply-policy.js';
import { CatalogIndex } from './catalog-index.js';
import { computeCustomerStateDigest, computePlanDigests } from './digests.js';
import { isTerminalStatus } from './live-facts.js';
import { orderActions, sortActions, sortBlocked, sortUnmanaged } from './order-actions.js';
import type { PlanInput } from './plan-input.js';
import { planCustomer } from './plan-customer.js';
import { liveProductName, withProductName } from './product-name.js';
import { costCurrencies, runRates, summarizeCost, type RunRateCustomer } from './money-summary.js';
import { priceAction, withCoterm, withPromotion } from './price-actions.js';
import { groupTargets, restrictToTargets, sortTargets } from './restrict-to-targets.js';
import { summarize } from './summarize.js';
import { sortDrift } from './seat-drift.js';

/**
 * Computes the plan: a pure, total function of its input (docs/plan-format.md; STYLE "a plan is a
 * value"). Same input, in any order → the same plan, byte for byte once rendered with
 * `canonicalJson`.
 *
 * Scope: a customer is planned when the specs declare it and the refresh observed it.
 * A customer in `observed.failures` gets nothing but a `summary.skippedCustomers` entry (fail
 * closed); a declared customer that was neither observed nor failed is out of scope (e.g.
 * `--customer`) and ignored; an observed customer no spec declares has all its live
 * subscriptions listed as unmanaged. With `targets` (`--target`), a targeted customer's plan is
 * limited to those items (`restrictToTargets`) and `basis.targets` says so.
 */
export function buildPlan(input: PlanInput): Plan {
  const catalog = new CatalogIndex(input.catalog);
  const bindings = groupByCustomer(input.bindings);
  const inFlight = groupByCustomer(input.inFlight);
  const observed = new Map<CustomerId, ObservedCustomer>(
    input.observed.customers.map((c) => [c.customerId, c]),
  );
  const failures = new Map(input.observed.failures.map((f) => [f.customerId, f]));

  const actions: PlanAction[] = [];
  const blocked: BlockedEntry[] = [];
  const unmanaged: UnmanagedEntry[] = [];
  const drift: DriftEntry[] = [];
  const skipped: SkippedCustomer[] = [];
  const declared = new Set<CustomerId>();
  const customerBasis: Record<string, CustomerBasis> = {};
  const digests = computePlanDigests(input.desired, input.observed);
  const priced: RunRateCustomer[] = [];
  const targets = groupTargets(input.targets);
  let customers = 0;
  let managedItems = 0;
  for (const customer of input.desired.customers) {
    declared.add(customer.id);
    const failure = failures.get(customer.id);
    const live = observed.get(customer.id);
    if (failure !== undefined || live !== undefined) {
      customerBasis[customer.id] = {
        customerName: customer.name,
        specDigest: digests.spec.get(customer.id) ?? '',
        observedDigest: digests.observed.get(customer.id) ?? '',
        stateDigest: computeCustomerStateDigest(
          [...(bindings.get(customer.id)?.values() ?? [])],
          [...(inFlight.get(customer.id)?.values() ?? [])],
        ),
      };
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
      actions.push(
        ...result.actions.map((action) =>
          priceAction(withCoterm(withPromotion(action, input.promotions), input.coterms), ctx),
        ),
      );
      const unmanagedIds = new Set(full.unmanaged.map((u) => u.subscriptionId as string));
      priced.push({
        customerId: customer.id,
        customerName: customer.name,
        market,
        subscriptions: live.subscriptions.filter(
          (sub) => !unmanagedIds.has(sub.id) && !isTerminalStatus(sub.status),
        ),
      });
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

  const limited = applyPolicy(sortActions(actions), input.policy, managedItems);
  const finalActions = orderActions(limited.actions);
  const finalBlocked = sortBlocked([...blocked, ...limited.blocked]);
  const finalUnmanaged = sortUnmanaged(unmanaged);
  skipped.sort((a, b) => (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0));
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    basis: {
      ...input.basis,
      specDigest: digests.specDigest,
      observedDigest: digests.observedDigest,
      customers: sortedByKey(customerBasis),
      createdAt: input.now.toISOString(),
      ...(input.targets === undefined ? {} : { targets: sortTargets(input.targets) }),
    },
    actions: finalActions,
    blocked: finalBlocked,
    unmanaged: finalUnmanaged,
    ...(drift.length === 0 ? {} : { drift: sortDrift(drift) }),
    summary: {
      ...summarize(finalActions, finalBlocked, finalUnmanaged, customers, skipped),
      ...(input.prices === undefined ? {} : money(input.prices, finalActions, priced, input.now)),
    },
  };
}

/** The money fields of the summary (docs/money.md). */
function money(
  prices: NonNullable<PlanInput['prices']>,
  actions: readonly PlanAction[],
  customers: readonly RunRateCustomer[],
  now: Date,
): Pick<Plan['summary'], 'cost' | 'runRates' | 'pricingNotes'> {
  const cost = summarizeCost(actions);
  const rates = costCurrencies(cost).length === 0 ? [] : runRates(customers, actions, prices, now);
  return {
    cost,
    ...(rates.length === 0 ? {} : { runRates: rates }),
    ...(prices.notes.length === 0 ? {} : { pricingNotes: [...prices.notes] }),
  };
}

/** The same record with its keys in sorted order (the JSON is sorted anyway; this keeps objects equal). */
function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
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
