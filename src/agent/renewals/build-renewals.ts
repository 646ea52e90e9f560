import type { CatalogView, LiveSubscription, PriceBook } from '../../model/index.js';
import { cancelWindow, refundWindow, termEnd } from '../../planner/index.js';
import type { ManagedSubscription } from './managed-subscriptions.js';
import type { RenewalDeadlines, RenewalEntry, RenewalNext, WindowState } from './renewal-entry.js';
import { priceRenewal } from './renewal-price.js';

const DAY_MS = 86_400_000;

/** What the calendar is built from; pure, `now` is the agent clock's. */
export interface RenewalsInput {
  readonly managed: readonly ManagedSubscription[];
  readonly now: Date;
  /** Absent: no price is shown (`qm status`, offline). */
  readonly prices?: PriceBook;
  /** Cached catalog views by country, for product names. */
  readonly catalog?: ReadonlyMap<string, CatalogView>;
}

/**
 * One calendar entry per managed subscription (docs/cli-renewals.md), sorted by `renewsAt`
 * (undated last), then customer name, item and subscription id, so the order is stable.
 * Windows are judged at `now` by the planner's own reading of the wire (`refundWindow`,
 * `cancelWindow`); the renewal instant is the planner's `termEnd`.
 */
export function buildRenewals(input: RenewalsInput): RenewalEntry[] {
  const entries = input.managed.map((m) => buildEntry(m, input));
  return entries.sort(compareEntries);
}

/** The entries renewing within `days` whole days of today (undated ones never are). */
export function renewingWithin(
  entries: readonly RenewalEntry[],
  days: number,
): readonly RenewalEntry[] {
  return entries.filter((e) => e.daysLeft !== undefined && e.daysLeft <= days);
}

function buildEntry(managed: ManagedSubscription, input: RenewalsInput): RenewalEntry {
  const { customer, item, live } = managed;
  const { now } = input;
  const renewal = termEnd(live.commitmentEndDate);
  const next = live.autoRenewEnabled ? nextTerm(live) : undefined;
  const name = productName(input.catalog, customer.country, live);
  const price =
    input.prices === undefined
      ? undefined
      : priceRenewal({
          prices: input.prices,
          market: customer.country.toUpperCase(),
          live,
          next,
          renewsAt: renewal,
          now,
        });
  const { deadlines, windows } = windowsOf(live, now);
  return {
    customerId: customer.id,
    customerName: customer.name,
    item,
    subscriptionId: live.id,
    ...(name === undefined ? {} : { productName: name }),
    productId: live.productId,
    skuId: live.skuId,
    termDuration: live.termDuration,
    billingCycle: live.billingCycle,
    status: live.status,
    ...(live.commitmentEndDate === undefined ? {} : { commitmentEndDate: live.commitmentEndDate }),
    ...(renewal === undefined
      ? {}
      : { renewsAt: renewal.toISOString(), daysLeft: daysBetween(now, renewal) }),
    autoRenew: live.autoRenewEnabled,
    quantity: live.quantity,
    ...(next === undefined ? { ends: true as const } : { next }),
    deadlines,
    windows,
    ...(price === undefined ? {} : { price }),
  };
}

/** The live scheduled instructions (unset fields keep the current ones), else the current shape. */
function nextTerm(live: LiveSubscription): RenewalNext {
  const s = live.scheduledNextTermInstructions;
  if (s === undefined) {
    return {
      productId: live.productId,
      skuId: live.skuId,
      termDuration: live.termDuration,
      billingCycle: live.billingCycle,
      quantity: live.quantity,
      scheduled: false,
    };
  }
  return {
    productId: s.productId,
    skuId: s.skuId,
    termDuration: s.termDuration ?? live.termDuration,
    billingCycle: s.billingCycle ?? live.billingCycle,
    quantity: s.quantity,
    scheduled: true,
  };
}

function windowsOf(
  live: LiveSubscription,
  now: Date,
): {
  deadlines: RenewalDeadlines;
  windows: { refund: WindowState; cancel: WindowState };
} {
  const refund = refundWindow(live, now);
  const cancel = cancelWindow(live, now);
  return {
    deadlines: {
      ...(refund.kind === 'open' && refund.until !== undefined
        ? { refundUntil: refund.until }
        : {}),
      ...(refund.kind === 'open' ? { refundableSeats: refund.seats } : {}),
      ...(cancel.kind === 'open' ? { cancelUntil: cancel.until } : {}),
    },
    windows: { refund: refund.kind, cancel: cancel.kind },
  };
}

/** Whole UTC calendar days from `now`'s day to the renewal day. */
function daysBetween(now: Date, renewal: Date): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const day = Date.UTC(renewal.getUTCFullYear(), renewal.getUTCMonth(), renewal.getUTCDate());
  return Math.round((day - today) / DAY_MS);
}

/** The catalog SKU title in the customer's country when cached, else the `friendlyName`. */
function productName(
  catalog: ReadonlyMap<string, CatalogView> | undefined,
  country: string,
  live: LiveSubscription,
): string | undefined {
  const same = (a: string, b: string): boolean => a.toUpperCase() === b.toUpperCase();
  const title = catalog
    ?.get(country.toUpperCase())
    ?.skus.find((s) => same(s.productId, live.productId) && same(s.skuId, live.skuId))?.title;
  for (const name of [title, live.friendlyName])
    if (name !== undefined && name.trim() !== '') return name;
  return undefined;
}

function compareEntries(a: RenewalEntry, b: RenewalEntry): number {
  if (a.renewsAt !== b.renewsAt) {
    if (a.renewsAt === undefined) return 1;
    if (b.renewsAt === undefined) return -1;
    return a.renewsAt < b.renewsAt ? -1 : 1;
  }
  return (
    compareText(a.customerName, b.customerName) ||
    compareText(a.item, b.item) ||
    compareText(a.subscriptionId, b.subscriptionId)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
