import type { CustomerId, ItemKey, RefreshFailure, SubscriptionId } from '../../model/index.js';

/**
 * The renewal calendar's vocabulary (docs/cli-renewals.md): one entry per managed
 * subscription, as `qm renewals --json` prints it under `renewals` and `qm status --json` under
 * `renewals`. Display data: nothing plans or decides on it.
 */

/** What a subscription renews into: product, SKU, term, billing and seats. */
export interface RenewalShape {
  readonly productId: string;
  readonly skuId: string;
  readonly termDuration: string;
  readonly billingCycle: string;
  readonly quantity: number;
}

/** The next term: the live `scheduledNextTermInstructions` (`scheduled`), else the current shape. */
export interface RenewalNext extends RenewalShape {
  /** True when Partner Center holds scheduled instructions for the renewal. */
  readonly scheduled: boolean;
}

/** Where a window stands now: open, closed, or not stated by Partner Center. */
export type WindowState = 'open' | 'closed' | 'unknown';

/** The deadlines of the windows open now (absent when closed or not stated). */
export interface RenewalDeadlines {
  /** The last open refund block's end: seats can be returned for a refund until then. */
  readonly refundUntil?: string;
  /** How many seats can still be returned for a refund. */
  readonly refundableSeats?: number;
  /** `cancellationAllowedUntilDate` (or the documented `refundOptions` end) while open. */
  readonly cancelUntil?: string;
}

/** Monthly run rate of the subscription in one currency: now, and from the renewal on. */
export interface RenewalPrice {
  readonly currency: string;
  /** Today's price × seats per month (a charge covering several months spread over them). */
  readonly now: number;
  /** The same at renewal for the next term's shape and seats; 0 when it ends; absent when unpriced. */
  readonly next?: number;
  readonly per: 'month';
}

export interface RenewalEntry {
  readonly customerId: CustomerId;
  readonly customerName: string;
  /** The spec item that manages the subscription. */
  readonly item: ItemKey;
  readonly subscriptionId: SubscriptionId;
  /** Display only: the catalog SKU title when cached, else the subscription's `friendlyName`. */
  readonly productName?: string;
  readonly productId: string;
  readonly skuId: string;
  readonly termDuration: string;
  readonly billingCycle: string;
  readonly status: string;
  /** As Partner Center sent it: the term's last day, inclusive. */
  readonly commitmentEndDate?: string;
  /**
   * The instant the term ends and the next begins: 00:00 UTC the day after `commitmentEndDate`.
   * Absent when Partner Center states no end date (such entries sort last).
   */
  readonly renewsAt?: string;
  /** Whole UTC calendar days from today to the renewal day (0: today, negative: overdue). */
  readonly daysLeft?: number;
  readonly autoRenew: boolean;
  readonly quantity: number;
  /** What renews; absent when the subscription ends (`ends`). */
  readonly next?: RenewalNext;
  /** Autorenew is off: the subscription expires at `renewsAt` instead of renewing. */
  readonly ends?: true;
  readonly deadlines: RenewalDeadlines;
  readonly windows: { readonly refund: WindowState; readonly cancel: WindowState };
  /** Absent when today's price is unknown (no pricing, or no price sheet row). */
  readonly price?: RenewalPrice;
}

/** A customer whose live read failed: its renewals are missing from the calendar. */
export type RenewalFailure = RefreshFailure & { readonly customerName?: string };

/** The renewal calendar, sorted by `renewsAt` (undated last). */
export interface RenewalsReport {
  /** The agent clock's instant the calendar was computed at (days left count from it). */
  readonly at: string;
  /** `live`: read from Partner Center now (`qm renewals`); `snapshot`: the last refresh. */
  readonly source: 'live' | 'snapshot';
  /** `--within DAYS`, when given. */
  readonly within?: number;
  /** Managed subscriptions in the calendar before `within` filtered it. */
  readonly managed: number;
  readonly renewals: readonly RenewalEntry[];
  readonly failures: readonly RenewalFailure[];
  /** Why prices are missing (pricing not configured, a sheet that could not be read). */
  readonly notes: readonly string[];
}
