import { AUDIT_MAX_WINDOW_DAYS, AUDIT_RETENTION_DAYS } from '../../model/index.js';
import { pcErrors } from '../errors.js';
import { isObject, pick } from '../wire.js';
import type { AuditSelection } from './audit-log.js';

const DAY_MS = 86_400_000;
/** Page size when `size` is absent: the documented example's self link shows `size=500`. */
export const DEFAULT_AUDIT_PAGE = 500;

/** A request's window and filter, resolved against the sandbox clock. */
export interface AuditWindow {
  readonly start: string;
  readonly end: string;
  readonly filter?: NonNullable<AuditSelection['filter']>;
  /**
   * `startDate` and `endDate` for the answer's links: as sent, or the resolved instant when
   * absent, so a later page reads the same window however the clock moved.
   */
  readonly params: { readonly startDate: string; readonly endDate: string };
}

/**
 * Reads `startDate`, `endDate` and `filter` as documented (get-a-record-of-partner-center-activity-by-user):
 * no `startDate` means 30 days before now; no `endDate` means 30 days after the start or now,
 * whichever is sooner; both ends are included. A start more than 90 days ago, a window longer than 30 days (REST
 * reference) or an end before the start is 400 `800002`, naming the value and what to send.
 */
export function readAuditWindow(query: URLSearchParams, now: Date): AuditWindow {
  const startText = param(query, 'startDate');
  const endText = param(query, 'endDate');
  const start =
    startText === undefined
      ? now.getTime() - AUDIT_MAX_WINDOW_DAYS * DAY_MS
      : readDate(startText, 'startDate').ms;
  const oldest = now.getTime() - AUDIT_RETENTION_DAYS * DAY_MS;
  if (start < oldest) {
    throw pcErrors.badInput(
      `startDate ${startText ?? ''} is more than ${AUDIT_RETENTION_DAYS} days before now (${now.toISOString()}): activity is kept ${AUDIT_RETENTION_DAYS} days; send a startDate on or after ${new Date(oldest).toISOString()}.`,
    );
  }
  let end = Math.min(start + AUDIT_MAX_WINDOW_DAYS * DAY_MS, now.getTime());
  if (endText !== undefined) {
    const given = readDate(endText, 'endDate');
    if (given.ms < start)
      throw pcErrors.badInput(
        `endDate ${endText} is before startDate ${startText ?? '(default)'}.`,
      );
    if (given.ms - start > AUDIT_MAX_WINDOW_DAYS * DAY_MS) {
      throw pcErrors.badInput(
        `startDate ${startText ?? '(30 days ago)'} to endDate ${endText} spans more than ${AUDIT_MAX_WINDOW_DAYS} days: ask for at most ${AUDIT_MAX_WINDOW_DAYS} days per request.`,
      );
    }
    // Both ends are included; a date names its whole day.
    end = given.dateOnly ? given.ms + DAY_MS - 1 : given.ms;
  }
  const filterText = param(query, 'filter');
  const window = {
    start: new Date(start).toISOString(),
    end: new Date(Math.max(end, start)).toISOString(),
  };
  return {
    ...window,
    ...(filterText === undefined ? {} : { filter: readFilter(filterText) }),
    params: { startDate: startText ?? window.start, endDate: endText ?? window.end },
  };
}

/** `size`: a positive integer, at most 500 (larger asks get pages of 500). */
export function readAuditPageSize(query: URLSearchParams): number {
  const text = param(query, 'size');
  if (text === undefined) return DEFAULT_AUDIT_PAGE;
  const size = Number(text);
  if (!Number.isInteger(size) || size < 1)
    throw pcErrors.badInput(`size ${text} must be a positive integer.`);
  return Math.min(size, DEFAULT_AUDIT_PAGE);
}

function param(query: URLSearchParams, name: string): string | undefined {
  for (const [key, value] of query)
    if (key.toLowerCase() === name.toLowerCase() && value.trim() !== '') return value.trim();
  return undefined;
}

const US_DATE =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp][Mm]))?)?$/;

/**
 * `yyyy-mm-dd` (documented), an ISO-8601 instant (UTC when it names no offset), or the
 * request example's `6/1/2017 12:00:00 AM` (the .NET SDK's invariant-culture DateTime).
 */
function readDate(text: string, name: string): { ms: number; dateOnly: boolean } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return checked(Date.parse(`${text}T00:00:00Z`), true);
  const us = US_DATE.exec(text);
  if (us !== null) {
    const [, month, day, year, hour = '0', minute = '0', second = '0', half] = us;
    let h = Number(hour) % (half === undefined ? 24 : 12);
    if (half?.toLowerCase() === 'pm') h += 12;
    return checked(
      Date.UTC(Number(year), Number(month) - 1, Number(day), h, Number(minute), Number(second)),
      us[4] === undefined,
    );
  }
  const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? text : `${text}Z`;
  return checked(/^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(zoned) : NaN, false);

  function checked(ms: number, dateOnly: boolean): { ms: number; dateOnly: boolean } {
    if (Number.isNaN(ms)) {
      throw pcErrors.badInput(
        `${name} ${text} is not a date: send yyyy-mm-dd or an ISO-8601 instant.`,
      );
    }
    return { ms, dateOnly };
  }
}

/**
 * The documented filter: `{"Field":"CompanyName"|"CustomerId"|"ResourceType","Value":…,
 * "Operator":"substring"|"equals"}` (keys and field names in any case, the value's case ignored).
 */
function readFilter(text: string): NonNullable<AuditSelection['filter']> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw pcErrors.badInput(`filter ${text} is not JSON: send {"Field":…,"Value":…,"Operator":…}.`);
  }
  if (!isObject(value)) throw pcErrors.badInput(`filter ${text} must be a JSON object.`);
  const fieldText = textOf(pick(value, 'Field'));
  const operatorText = textOf(pick(value, 'Operator'));
  const field = fieldText.toLowerCase();
  const operator = operatorText.toLowerCase();
  const target = pick(value, 'Value');
  if (typeof target !== 'string' || target.trim() === '')
    throw pcErrors.badInput(`filter ${text} needs a string Value.`);
  const expected = { companyname: 'substring', customerid: 'equals', resourcetype: 'equals' }[
    field
  ];
  if (expected === undefined) {
    throw pcErrors.badInput(
      `filter Field ${JSON.stringify(fieldText)} is not supported: use CompanyName, CustomerId or ResourceType.`,
    );
  }
  if (operator !== expected) {
    throw pcErrors.badInput(
      `filter Operator ${JSON.stringify(operatorText)} is not supported for ${fieldText}: use ${expected}.`,
    );
  }
  if (field === 'companyname') return { field: 'companyName', value: target.trim() };
  if (field === 'customerid') return { field: 'customerId', value: target.trim().toLowerCase() };
  return { field: 'resourceType', value: snakeCase(target.trim()) };
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** `Subscription` → `subscription`, `CustomerUser` → `customer_user`, snake_case unchanged. */
function snakeCase(value: string): string {
  return value.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
