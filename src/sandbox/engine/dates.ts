/**
 * NCE date arithmetic, in UTC. A term's `commitmentEndDate` is inclusive (the term ends at the
 * end of that day) and renewal runs from 00:00 UTC the day after (docs/partner-center-api.md §9).
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Refund and cancellation window of license subscriptions: 7 days (§9, cancellation policy). */
export const LICENSE_WINDOW_MS = 7 * DAY_MS;
/** Marketplace SaaS: 72 hours. */
export const SAAS_WINDOW_MS = 72 * 60 * 60 * 1000;

export function startOfDayUtc(instant: Date): Date {
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate()));
}

/** Adds an ISO-8601 term (`P1M`, `P1Y`, `P3Y`) to a date, calendar-wise. */
export function addTerm(date: Date, term: string): Date {
  const out = new Date(date.getTime());
  const match = /^P(\d+)([MY])$/.exec(term);
  if (match === null) throw new RangeError(`unsupported term ${term}`);
  const n = Number(match[1]);
  if (match[2] === 'Y') out.setUTCFullYear(out.getUTCFullYear() + n);
  else out.setUTCMonth(out.getUTCMonth() + n);
  return out;
}

/** Inclusive last day of a term that starts on `start`'s day. */
export function commitmentEndFor(start: Date, term: string): Date {
  return new Date(addTerm(startOfDayUtc(start), term).getTime() - DAY_MS);
}

/** The instant a term whose inclusive end is `commitmentEndDate` renews or expires. */
export function renewalInstant(commitmentEndDate: string): Date {
  return new Date(new Date(commitmentEndDate).getTime() + DAY_MS);
}

export function iso(date: Date): string {
  return date.toISOString();
}

/** `YYYY-MM-DDT00:00:00Z`, the form Partner Center uses for date-only fields. */
export function isoDay(date: Date): string {
  return `${date.toISOString().slice(0, 10)}T00:00:00Z`;
}

export function plusMs(instant: Date | string, ms: number): string {
  return new Date(new Date(instant).getTime() + ms).toISOString();
}
