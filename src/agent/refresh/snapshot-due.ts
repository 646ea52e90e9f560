import type { LiveSubscription, ObservedCustomer } from '../../model/index.js';

/** Subscription states Partner Center leaves alone until someone acts (or a term ends). */
const SETTLED_SUBSCRIPTION = new Set(['active', 'suspended', 'deleted', 'expired', 'disabled']);
/** Order states that do not move on their own. */
const SETTLED_ORDER = new Set(['completed', 'cancelled']);
/** `commitmentEndDate` of a subscription without an end (the sandbox and Partner Center print it). */
const NO_END = '9999-12-31';

/**
 * Why a stored snapshot cannot stand in for a read now, from what it holds alone — changes
 * Partner Center makes on its own, which the audit feed does not record (docs/partner-center-api.md
 * "Audit records": no renewal, expiry or provisioning operation):
 * - `unsettled`: a subscription or order still being provisioned (`pending`, …), a
 *   registration not `registered` yet;
 * - `deadline`: a live subscription's term ends (renews, expires, applies its scheduled change)
 *   at or before `now + marginMs` — also when it ended before the snapshot but the snapshot still
 *   shows the old term (renewals are processed late) — or a refund block, refund option,
 *   cancellation window or entitlement expiry passed between the snapshot and `now + marginMs`
 *   (Partner Center's `refundableQuantity` and `refundOptions` change when they do).
 * `marginMs` covers the two clocks' disagreement. Pure: `now` is passed in.
 */
export function snapshotDue(
  snapshot: ObservedCustomer,
  now: Date,
  marginMs: number,
): 'unsettled' | 'deadline' | undefined {
  const observed = Date.parse(snapshot.observedAt) - marginMs;
  const horizon = now.getTime() + marginMs;
  const passes = (instant: string | undefined): boolean => {
    if (instant === undefined) return false;
    const at = Date.parse(instant);
    return Number.isFinite(at) && at > observed && at <= horizon;
  };
  const unsettled =
    snapshot.subscriptions.some((s) => !SETTLED_SUBSCRIPTION.has(s.status.toLowerCase())) ||
    (snapshot.orders ?? []).some((o) => !SETTLED_ORDER.has(o.status.toLowerCase())) ||
    (snapshot.registrations ?? []).some((r) => r.status.toLowerCase() !== 'registered') ||
    (snapshot.unreadable ?? []).length > 0;
  if (unsettled) return 'unsettled';
  for (const s of snapshot.subscriptions) {
    if (termEnds(s, horizon) || windowPasses(s, passes)) return 'deadline';
  }
  if ((snapshot.entitlements ?? []).some((e) => passes(e.expiryDate))) return 'deadline';
  return undefined;
}

/** A live term whose end is due (or overdue and not yet processed). */
function termEnds(s: LiveSubscription, horizon: number): boolean {
  const status = s.status.toLowerCase();
  if (status !== 'active' && status !== 'suspended') return false;
  const end = s.commitmentEndDate;
  if (end === undefined || end.startsWith(NO_END)) return false;
  const at = Date.parse(end);
  return Number.isFinite(at) && at <= horizon;
}

function windowPasses(s: LiveSubscription, passes: (instant: string | undefined) => boolean) {
  return (
    passes(s.cancellationAllowedUntilDate) ||
    (s.refundableQuantity?.details ?? []).some((b) => passes(b.allowedUntilDateTime)) ||
    (s.refundOptions ?? []).some((o) => passes(o.expiresAt))
  );
}
