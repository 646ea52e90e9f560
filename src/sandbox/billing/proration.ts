import { roundMoney } from '../pricing/price-list.js';

/**
 * Proration of seat changes (docs/partner-center-billing.md §5, "Prorated seat changes"). The
 * planner implements the same rule on its own side (docs/money.md); a test holds the two equal.
 */

const DAY_MS = 86_400_000;

/** The billing cycle an instant falls in, and the share of it left from that day on. */
export interface CycleAt {
  /** ISO instants; absent without a `commitmentEndDate`. */
  readonly start?: string;
  readonly end?: string;
  /** Whole days left in the cycle ÷ its whole days, in [0, 1]; 1 without a commitment end. */
  readonly fraction: number;
}

/** `instant` moved by `months` UTC calendar months, the day clamped to the month's last day. */
function addMonthsClamped(instant: Date, months: number): Date {
  const year = instant.getUTCFullYear();
  const month = instant.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(instant.getUTCDate(), lastDay)));
}

const utcMidnight = (at: Date): number =>
  Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());

const wholeDays = (ms: number): number => Math.round(ms / DAY_MS);

/**
 * The cycle of `cycleMonths` months that `at` falls in. The term ends at 00:00 UTC the day after
 * the inclusive `commitmentEndDate`; cycle k (k = 1, 2, …) runs from end − k·months to
 * end − (k−1)·months (each stepped from the end, days clamped), and the current one is the
 * first whose start is at or before `at`. At or after the term's end the fraction is 0.
 */
export function cycleAt(
  commitmentEndDate: string | undefined,
  cycleMonths: number,
  at: Date,
): CycleAt {
  const last = commitmentEndDate === undefined ? Number.NaN : Date.parse(commitmentEndDate);
  if (Number.isNaN(last)) return { fraction: 1 };
  const lastDay = new Date(last);
  const termEnd = new Date(
    Date.UTC(lastDay.getUTCFullYear(), lastDay.getUTCMonth(), lastDay.getUTCDate() + 1),
  );
  if (at.getTime() >= termEnd.getTime()) {
    return { start: termEnd.toISOString(), end: termEnd.toISOString(), fraction: 0 };
  }
  const months = Math.max(1, cycleMonths);
  let k = 1;
  while (addMonthsClamped(termEnd, -k * months).getTime() > at.getTime()) k += 1;
  const start = addMonthsClamped(termEnd, -k * months);
  const end = addMonthsClamped(termEnd, -(k - 1) * months);
  const left = wholeDays(end.getTime() - utcMidnight(at));
  const whole = wholeDays(end.getTime() - start.getTime());
  const fraction = whole <= 0 ? 1 : Math.min(1, Math.max(0, left / whole));
  return { start: start.toISOString(), end: end.toISOString(), fraction };
}

/** What one charge line comes to. */
export interface ChargeAmount {
  /** Negative for refunds; rounded to the currency's minor unit. */
  readonly subtotal: number;
  /** The prorated, discounted price of one unit (6 decimals): the recon line's `effectiveUnitPrice`. */
  readonly effectiveUnitPrice: number;
}

/**
 * `sign × roundMoney(unit × quantity × fraction)`, where `unit` is the price sheet's unit price,
 * less `discountPercent` (a promotion on a new order line) rounded to the minor unit first.
 */
export function chargeAmount(input: {
  readonly unitPrice: number;
  readonly quantity: number;
  readonly fraction: number;
  readonly sign: 1 | -1;
  readonly currency: string;
  readonly discountPercent?: number;
}): ChargeAmount {
  const { unitPrice, quantity, fraction, sign, currency } = input;
  const discount = input.discountPercent ?? 0;
  const unit = discount > 0 ? roundMoney(unitPrice * (1 - discount / 100), currency) : unitPrice;
  const subtotal = sign * roundMoney(unit * quantity * fraction, currency);
  const effective = Math.round(unit * fraction * 1e6) / 1e6;
  return { subtotal: subtotal === 0 ? 0 : subtotal, effectiveUnitPrice: effective };
}
