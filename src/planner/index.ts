/**
 * planner/ — the pure heart of Quartermaster: (desired, observed, bindings, in-flight purchases,
 * catalog, policy, now) → an ordered, explained `Plan` (docs/plan-format.md).
 *
 * May import: model/ and support/ only. No I/O, no clock reads (`now` is an input), no
 * randomness — lint enforces it.
 * Invariants: total for valid input; deterministic (same input in any order → the same plan,
 * byte for byte through `canonicalJson`); never plans a purchase for an item that is bound,
 * in flight or matched by an unbound live subscription; never cancels without a tombstone;
 * customers whose refresh failed get no actions.
 */
export { buildPlan, finishPlan, type FinishInput } from './build-plan.js';
export { planPart, type PlanPart } from './plan-part.js';
export type { PlanInput } from './plan-input.js';
export { actionKey, type ActionTarget } from './action-key.js';
export {
  computeCustomerObservedDigest,
  computeCustomerSpecDigest,
  computeCustomerStateDigest,
  computeObservedDigest,
  computeSpecDigest,
} from './digests.js';
export { requiredCatalogEntries, type CatalogEntryRef } from './required-catalog.js';
export { purchasedFields } from './purchased-fields.js';
export { isIrreversible, summarize } from './summarize.js';
export { isShrinking } from './apply-policy.js';
export { isTerminalStatus } from './live-facts.js';
export { shapeKey } from './match-subscriptions.js';
export { isMoneyAction, discountedUnitPrice, promotionKey } from './price-actions.js';
export { costCurrencies } from './money-summary.js';
export { roundMoney, cycleShare, cycleMonths, termMonths } from './billing-cycle.js';
export { createPriceBook, normaliseBillingPlan, type SourcedPriceRow } from './price-book.js';
export { cancelWindow, refundWindow, type CancelWindow, type RefundWindow } from './live-facts.js';
export { termEnd } from './billing-cycle.js';
export { quoteAtRenewal } from './price-changes.js';
