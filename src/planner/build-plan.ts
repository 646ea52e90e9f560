import {
  PLAN_FORMAT_VERSION,
  type BlockedEntry,
  type DriftEntry,
  type Plan,
  type PlanAction,
  type RefreshFailure,
  type SkippedCustomer,
  type UnmanagedEntry,
} from '../model/index.js';
import { applyPolicy } from './apply-policy.js';
import { combineDigests } from './digests.js';
import { costCurrencies, runRates, summarizeCost, type RunRateBefore } from './money-summary.js';
import { orderActions, sortActions, sortBlocked, sortUnmanaged } from './order-actions.js';
import type { PlanInput } from './plan-input.js';
import { planPart, type PlanPart } from './plan-part.js';
import { sortDrift } from './seat-drift.js';
import { sortTargets } from './restrict-to-targets.js';
import { summarize } from './summarize.js';

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
 *
 * `buildPlan(input)` equals `finishPlan([planPart(input)], input)`; the agent plans batches of
 * customers into parts and finishes once, with the same result (docs/scale.md "Flat memory").
 */
export function buildPlan(input: PlanInput): Plan {
  return finishPlan([planPart(input)], input);
}

/** What the estate-wide steps need besides the parts. */
export type FinishInput = Pick<PlanInput, 'policy' | 'prices' | 'now' | 'targets' | 'basis'>;

/**
 * The estate-wide steps over every part: the policy's limits (counted over the whole plan, so a
 * circuit breaker or a cap sees every batch), ordering, the global digests and the summary.
 */
export function finishPlan(parts: readonly PlanPart[], input: FinishInput): Plan {
  const actions: PlanAction[] = [];
  const blocked: BlockedEntry[] = [];
  const unmanaged: UnmanagedEntry[] = [];
  const drift: DriftEntry[] = [];
  const skipped: SkippedCustomer[] = [];
  const customerBasis = new Map<string, Plan['basis']['customers'][string]>();
  const specDigests = new Map<string, string>();
  const observedDigests = new Map<string, string>();
  const failures: Pick<RefreshFailure, 'customerId' | 'code'>[] = [];
  const before: RunRateBefore[] = [];
  let customers = 0;
  let managedItems = 0;
  for (const part of parts) {
    actions.push(...part.actions);
    blocked.push(...part.blocked);
    unmanaged.push(...part.unmanaged);
    drift.push(...part.drift);
    skipped.push(...part.skipped);
    for (const [id, basis] of part.customerBasis) customerBasis.set(id, basis);
    for (const [id, digest] of part.specDigests) specDigests.set(id, digest);
    for (const [id, digest] of part.observedDigests) observedDigests.set(id, digest);
    failures.push(...part.failures);
    before.push(...part.runRatesBefore);
    customers += part.customers;
    managedItems += part.managedItems;
  }
  const digests = combineDigests(specDigests, observedDigests, failures);
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
      customers: Object.fromEntries(
        [...customerBasis.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      ),
      createdAt: input.now.toISOString(),
      ...(input.targets === undefined ? {} : { targets: sortTargets(input.targets) }),
    },
    actions: finalActions,
    blocked: finalBlocked,
    unmanaged: finalUnmanaged,
    ...(drift.length === 0 ? {} : { drift: sortDrift(drift) }),
    summary: {
      ...summarize(finalActions, finalBlocked, finalUnmanaged, customers, skipped),
      ...(input.prices === undefined ? {} : money(input.prices, finalActions, before)),
    },
  };
}

/** The money fields of the summary (docs/money.md). */
function money(
  prices: NonNullable<PlanInput['prices']>,
  actions: readonly PlanAction[],
  before: readonly RunRateBefore[],
): Pick<Plan['summary'], 'cost' | 'runRates' | 'pricingNotes'> {
  const cost = summarizeCost(actions);
  const rates = costCurrencies(cost).length === 0 ? [] : runRates(before, actions);
  return {
    cost,
    ...(rates.length === 0 ? {} : { runRates: rates }),
    ...(prices.notes.length === 0 ? {} : { pricingNotes: [...prices.notes] }),
  };
}
