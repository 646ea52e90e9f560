/**
 * agent/renewals — the renewal calendar (`qm renewals`, the renewals in `qm status`;
 * docs/cli-renewals.md): every managed subscription's renewal instant, autorenew, the shape and
 * seats it renews into, the refund and cancellation windows open now, and its monthly run rate
 * now and at renewal. Building the calendar is pure (`buildRenewals`); `computeRenewals` reads
 * it live through the agent's ports and never writes to Partner Center.
 */
export { buildRenewals, renewingWithin, type RenewalsInput } from './build-renewals.js';
export { computeRenewals, type RenewalsOutcome, type RenewalsRequest } from './compute-renewals.js';
export { findManagedSubscriptions, type ManagedSubscription } from './managed-subscriptions.js';
export type {
  RenewalDeadlines,
  RenewalEntry,
  RenewalFailure,
  RenewalNext,
  RenewalPrice,
  RenewalShape,
  RenewalsReport,
  WindowState,
} from './renewal-entry.js';
export { priceRenewal, type RenewalPriceInput } from './renewal-price.js';
