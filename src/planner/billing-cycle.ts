import { currencyDigits } from '../model/index.js';

/**
 * Billing cycles and proration (docs/money.md "Proration"). A subscription's billing cycles run
 * back from its term's end (the day after its inclusive `commitmentEndDate`) in whole cycle months; a seat change mid-cycle is charged
 * (or refunded) for the whole days left in the current cycle. The sandbox bills by the same
 * rule (docs/partner-center-billing.md §5), implemented on its own side.
 */

const DAY_MS = 86_400_000;

/** Months in an ISO 8601 term (`P1M` 1, `P1Y` 12, `P3Y` 36); `undefined` when not one. */
export function termMonths(term: string | undefined): number | undefined {
  const match = /^P(\d+)([MY])$/i.exec(term?.trim() ?? '');
  if (match === null) return undefined;
  const n = Number(match[1]);
  return match[2]?.toUpperCase() === 'Y' ? n * 12 : n;
}

/**
 * Months one billing charge covers: monthly 1, annual 12, triennial 36; one-time (and an
 * unknown cycle) the whole term.
 */
export function cycleMonths(billingCycle: string, term: string | undefined): number {
  switch (billingCycle.toLowerCase()) {
    case 'monthly':
      return 1;
    case 'annual':
      return 12;
    case 'triennial':
      return 36;
    default:
      return termMonths(term) ?? 1;
  }
}

/** What one charge covers, as an ISO duration (`P1M`, `P1Y`, `P3Y`, `P{n}M`). */
export function chargePeriod(months: number): string {
  return months % 12 === 0 ? `P${months / 12}Y` : `P${months}M`;
}

/** `instant` moved by `months` calendar months (UTC), the day clamped to the month's last. */
export function addMonthsClamped(instant: Date, months: number): Date {
  const year = instant.getUTCFullYear();
  const month = instant.getUTCMonth() + months;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(instant.getUTCDate(), last);
  return new Date(
    Date.UTC(
      year,
      month,
      day,
      instant.getUTCHours(),
      instant.getUTCMinutes(),
      instant.getUTCSeconds(),
      instant.getUTCMilliseconds(),
    ),
  );
}

/**
 * When a term ends: `commitmentEndDate` is the term's last day, inclusive (docs/partner-center-api.md
 * §5.1), so the term ends at 00:00 UTC the day after it.
 */
export function termEnd(commitmentEndDate: string | undefined): Date | undefined {
  const parsed = commitmentEndDate === undefined ? Number.NaN : Date.parse(commitmentEndDate);
  if (Number.isNaN(parsed)) return undefined;
  const day = new Date(parsed);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1));
}

/** The current billing cycle at `at`, and how much of it and of the term is left. */
export interface CycleShare {
  /** Whole days left in the current cycle over its whole days, in [0, 1]. */
  readonly fraction: number;
  /** Whole cycles after the current one until the term ends. */
  readonly cyclesAfter: number;
}

/**
 * The share of the current cycle left at `at` (see the module comment). Without a term end,
 * or at or after it, the fraction is 1 and 0 respectively, with no cycles after.
 */
export function cycleShare(
  commitmentEnd: string | undefined,
  months: number,
  at: Date,
): CycleShare {
  const endDate = termEnd(commitmentEnd);
  if (endDate === undefined) return { fraction: 1, cyclesAfter: 0 };
  const end = endDate.getTime();
  if (at.getTime() >= end) return { fraction: 0, cyclesAfter: 0 };
  let k = 1;
  let start = addMonthsClamped(endDate, -months);
  while (start.getTime() > at.getTime()) {
    k += 1;
    start = addMonthsClamped(endDate, -k * months);
  }
  const cycleEnd = k === 1 ? endDate : addMonthsClamped(endDate, -(k - 1) * months);
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const left = Math.round((cycleEnd.getTime() - midnight) / DAY_MS);
  const whole = Math.round((cycleEnd.getTime() - start.getTime()) / DAY_MS);
  const fraction = whole <= 0 ? 1 : Math.min(1, Math.max(0, left / whole));
  return { fraction, cyclesAfter: k - 1 };
}

/** Rounds to the currency's minor unit (cents; whole units for JPY, KRW…). */
export function roundMoney(amount: number, currency: string): number {
  const factor = 10 ** currencyDigits(currency);
  const rounded = Math.round(amount * factor) / factor;
  return rounded === 0 ? 0 : rounded;
}
