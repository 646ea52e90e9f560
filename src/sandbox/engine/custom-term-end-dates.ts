import type { AvailabilityEntry } from './catalog-index.js';
import { pcErrors } from '../errors.js';
import type { CartLineError, SubscriptionRecord } from '../store/records.js';
import type { SandboxContext } from './context.js';
import { DAY_MS, commitmentEndFor, isoDay, startOfDayUtc } from './dates.js';

/** One allowed end date: calendar month-end, or the end date of subscriptions it co-terms with. */
export interface AllowedEndDate {
  readonly type: 'calendarMonthAligned' | 'subscriptionAligned';
  /** UTC midnight of the inclusive last day of the first term. */
  readonly day: Date;
  /** `subscriptionAligned`: the subscriptions ending that day. */
  readonly subscriptionIds: readonly string[];
}

const TERMS = new Set(['P1M', 'P1Y', 'P3Y']);

/**
 * The `customTermEndDate`s a new purchase of `termDuration` starting on `start`'s day may set
 * (docs/sandbox.md "Co-terming"), after
 * https://learn.microsoft.com/en-us/partner-center/customers/align-subscription-end-dates:
 * every date lies within the first term (start day … the default inclusive end);
 * - `calendarMonthAligned`: the last day of a calendar month closest to the default end without
 *   passing it ("as close to the end of the calendar month as possible … not exceeding the term
 *   length");
 * - `subscriptionAligned`: the end dates of the customer's active, non-trial NCE licence
 *   subscriptions, grouped by date — except monthly subscriptions for an annual or triennial
 *   purchase ("can't coterminate … with a monthly term subscription"), and, for a monthly
 *   purchase, dates on the 28th–30th that are not a month's last day.
 * `targetSubscriptionId` keeps only the date of that subscription. Sorted by date, the
 * calendar month-end first on a tie.
 */
export function allowedCustomTermEndDates(
  ctx: SandboxContext,
  customerId: string,
  termDuration: string,
  start: Date,
  targetSubscriptionId?: string,
): AllowedEndDate[] {
  const first = startOfDayUtc(start);
  const last = commitmentEndFor(first, termDuration);
  const out: AllowedEndDate[] = [];
  if (targetSubscriptionId === undefined) {
    out.push({ type: 'calendarMonthAligned', day: monthEndNotAfter(last), subscriptionIds: [] });
  }
  const byDay = new Map<number, string[]>();
  for (const s of ctx.store.list('subscription', customerId.toLowerCase())) {
    if (!canCoTermWith(ctx, s, termDuration)) continue;
    if (targetSubscriptionId !== undefined && s.id !== targetSubscriptionId.toLowerCase()) continue;
    const day = startOfDayUtc(new Date(s.commitmentEndDate!)).getTime();
    if (day < first.getTime() || day > last.getTime()) continue;
    byDay.set(day, [...(byDay.get(day) ?? []), s.id]);
  }
  for (const [day, ids] of byDay) {
    out.push({ type: 'subscriptionAligned', day: new Date(day), subscriptionIds: ids });
  }
  return out.sort((a, b) => a.day.getTime() - b.day.getTime());
}

function canCoTermWith(ctx: SandboxContext, s: SubscriptionRecord, term: string): boolean {
  if (s.status !== 'active' || s.kind !== 'license' || s.commitmentEndDate === undefined)
    return false;
  if (ctx.catalog.sku(s.productId, s.skuId)?.isTrial === true) return false;
  if (term !== 'P1M' && s.termDuration === 'P1M') return false;
  if (term === 'P1M') {
    const end = new Date(s.commitmentEndDate);
    const day = end.getUTCDate();
    if (day >= 28 && day <= 30 && !isMonthEnd(end)) return false;
  }
  return true;
}

/** The last day of a month on or before `day` (itself when it is one). */
function monthEndNotAfter(day: Date): Date {
  if (isMonthEnd(day)) return startOfDayUtc(day);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1) - DAY_MS);
}

function isMonthEnd(day: Date): boolean {
  return new Date(day.getTime() + DAY_MS).getUTCDate() === 1;
}

/**
 * True when `endDate` (any instant of that UTC day) is one of the
 * {@link allowedCustomTermEndDates} of a purchase of `termDuration` starting on `startDate`.
 */
export function isAllowedCustomTermEndDate(
  ctx: SandboxContext,
  customerId: string,
  termDuration: string,
  startDate: Date,
  endDate: Date | string,
): boolean {
  if (!TERMS.has(termDuration)) return false;
  const day = startOfDayUtc(new Date(endDate)).getTime();
  if (Number.isNaN(day)) return false;
  return allowedCustomTermEndDates(ctx, customerId, termDuration, startDate).some(
    (allowed) => allowed.day.getTime() === day,
  );
}

/**
 * The cart line error a `customTermEndDate` earns, or `undefined` when it is allowed: `10016`
 * InvalidCustomTermEndDateProduct for a product that is not an NCE licence (or a trial), `10017`
 * InvalidCustomTermEndDate for a date not in {@link allowedCustomTermEndDates}
 * ([SDK:Source/PartnerSdk.Models/Carts/CartErrorCode.cs]).
 */
export function customTermEndDateLineError(
  ctx: SandboxContext,
  customerId: string,
  entry: AvailabilityEntry,
  termDuration: string | undefined,
  startDate: Date,
  endDate: string,
): CartLineError | undefined {
  if (entry.product.kind !== 'license' || entry.sku.isTrial === true) {
    return {
      errorCode: 10016,
      errorDescription: `${entry.catalogItemId} does not take a customTermEndDate: only new-commerce licence subscriptions can be co-termed.`,
    };
  }
  const term = termDuration ?? '';
  if (!isAllowedCustomTermEndDate(ctx, customerId, term, startDate, endDate)) {
    const allowed = TERMS.has(term)
      ? allowedCustomTermEndDates(ctx, customerId, term, startDate).map((a) => isoDay(a.day))
      : [];
    return {
      errorCode: 10017,
      errorDescription: `customTermEndDate ${endDate} is not allowed for a ${term || 'termless'} purchase starting ${isoDay(startDate)}; allowed: ${allowed.join(', ') || 'none'} (GET /v1/customers/{id}/subscriptions/customTermEndDates).`,
    };
  }
  return undefined;
}

/**
 * The `commitmentEndDate` (`YYYY-MM-DDT00:00:00Z`) of a purchase at `purchasedAt`: the custom
 * end date's day when one was accepted, else the default inclusive end of the term. Later terms
 * run in full from the renewal (renewal.ts).
 */
export function commitmentEndWithCustomEnd(
  purchasedAt: Date,
  termDuration: string,
  customTermEndDate?: string,
): string {
  if (customTermEndDate === undefined || customTermEndDate === '')
    return isoDay(commitmentEndFor(purchasedAt, termDuration));
  const day = new Date(customTermEndDate);
  if (Number.isNaN(day.getTime()))
    throw pcErrors.badInput(`customTermEndDate ${customTermEndDate} is not a date.`);
  return isoDay(startOfDayUtc(day));
}

/** Parses `term_duration`/`term_start_date` of the list route; the start may not be in the past. */
export function readCustomTermQuery(
  query: URLSearchParams,
  now: Date,
): { termDuration: string; start: Date; target?: string } {
  const termDuration = (
    query.get('term_duration') ??
    query.get('termDuration') ??
    ''
  ).toUpperCase();
  if (!TERMS.has(termDuration)) {
    throw pcErrors.badInput(`term_duration must be P1M, P1Y or P3Y (got '${termDuration}').`);
  }
  const startText = query.get('term_start_date') ?? query.get('termStartDate');
  const today = startOfDayUtc(now);
  let start = today;
  if (startText !== null && startText !== '') {
    const parsed = new Date(
      /^\d{4}-\d{2}-\d{2}$/.test(startText) ? `${startText}T00:00:00Z` : startText,
    );
    if (Number.isNaN(parsed.getTime()))
      throw pcErrors.badInput(`term_start_date '${startText}' is not a date.`);
    start = startOfDayUtc(parsed);
    if (start < today) throw pcErrors.badInput(`term_start_date ${startText} is in the past.`);
  }
  const target =
    query.get('target_coterm_subscription_id') ?? query.get('targetCotermSubscriptionId');
  return { termDuration, start, ...(target === null || target === '' ? {} : { target }) };
}
