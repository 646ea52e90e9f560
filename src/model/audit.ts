import type { CustomerId, SubscriptionId } from './ids.js';
import { parseSubscriptionId } from './ids.js';

/**
 * Partner Center's activity log as the agent sees it (docs/partner-center-api.md "Audit
 * records"): `GET /v1/auditrecords` answers the operations partner users and applications made,
 * newest first in the documented example, at most 30 days per query, kept 90 days
 * (https://learn.microsoft.com/en-us/partner-center/developer/get-a-record-of-partner-center-activity-by-user,
 * https://learn.microsoft.com/en-us/partner-center/developer/auditing-resources).
 * Renewals, expiries and other Microsoft-side changes have no operation type: the feed is a hint
 * of what changed, never the whole truth.
 */

/** Days of activity Partner Center keeps; an older `startDate` is refused (400). */
export const AUDIT_RETENTION_DAYS = 90;
/** The longest window one query may span (REST reference, audit-operations/gets-audit-records). */
export const AUDIT_MAX_WINDOW_DAYS = 30;
/** The page size of the documented example's `self` link; the client's default. */
export const AUDIT_DEFAULT_PAGE_SIZE = 500;

/**
 * What was done, lower snake_case as documented (`create_order`, `update_subscription`,
 * `upgrade_subscription`, `add_customer`, …). Values the agent does not know are kept as sent
 * (normalised to snake_case), never rejected.
 */
export type AuditOperationType =
  | 'create_order'
  | 'update_order'
  | 'update_subscription'
  | 'upgrade_subscription'
  | 'convert_trial_subscription'
  | 'add_customer'
  | 'update_customer_user_licenses'
  | 'create_new_commerce_migration'
  | 'software_attestation'
  | (string & {});

/** What was acted on (`order`, `subscription`, `customer`, `license`, …). */
export type AuditResourceType = 'order' | 'subscription' | 'customer' | 'license' | (string & {});

/** `succeeded`, `failed`, `progress` (still running) or, in the REST reference, `decline`. */
export type AuditOperationStatus = 'succeeded' | 'failed' | 'progress' | 'decline' | (string & {});

/** One `customizedData` entry (`OrderId`, `SubscriptionId-0`, `Quantity-0`, …); value may be absent. */
export interface AuditDatum {
  readonly key: string;
  readonly value?: string;
}

/** One AuditRecord, its fields normalised (enums snake_case, `operationDate` an ISO instant). */
export interface AuditRecord {
  /** The .NET SDK's `Id`; absent from the documented example. */
  readonly id?: string;
  readonly partnerId?: string;
  /** Absent for partner-level operations (and when the wire value is not a GUID). */
  readonly customerId?: CustomerId;
  readonly customerName?: string;
  /** Who did it: a user's sign-in name, when a user did. */
  readonly userPrincipalName?: string;
  /** Which application did it (`Partner Center Native App` in the documented example). */
  readonly applicationId?: string;
  readonly resourceType: AuditResourceType;
  readonly operationType: AuditOperationType;
  readonly operationStatus: AuditOperationStatus;
  /** UTC ISO-8601 instant. */
  readonly operationDate: string;
  /** The `MS-CorrelationId` of the request that made the change (SDK model). */
  readonly originalCorrelationId?: string;
  /** The resource before and after, as JSON text in PascalCase (the example's form). */
  readonly resourceOldValue?: string;
  readonly resourceNewValue?: string;
  readonly customizedData: readonly AuditDatum[];
}

/**
 * The one filter a query may carry (the documented forms): a customer by id (`equals`), a
 * company-name substring (`substring`, case ignored), or a resource type (`equals`).
 */
export type AuditFilter =
  | { readonly kind: 'customer-id'; readonly customerId: CustomerId }
  | { readonly kind: 'company-name'; readonly substring: string }
  | { readonly kind: 'resource-type'; readonly resourceType: AuditResourceType };

/** A window of the activity log to read. */
export interface AuditQuery {
  /** First instant to include (a `Date`, or `YYYY-MM-DD` for that day's start, UTC). */
  readonly startDate: Date | string;
  /** Last instant to include (or `YYYY-MM-DD`: through that day). @default 30 days after the start or now, whichever is sooner */
  readonly endDate?: Date | string;
  readonly filter?: AuditFilter;
  /** `size` of each page. @default 500 */
  readonly pageSize?: number;
}

const DAY_MS = 86_400_000;

/**
 * Splits `[from, to)` into consecutive windows of at most {@link AUDIT_MAX_WINDOW_DAYS} days,
 * oldest first; `[]` when `to` is not after `from`. Pure: the caller passes both instants.
 */
export function auditWindows(from: Date, to: Date): { start: Date; end: Date }[] {
  const windows: { start: Date; end: Date }[] = [];
  const step = AUDIT_MAX_WINDOW_DAYS * DAY_MS;
  for (let start = from.getTime(); start < to.getTime(); start += step) {
    windows.push({ start: new Date(start), end: new Date(Math.min(start + step, to.getTime())) });
  }
  return windows;
}

/** True when `startDate` is older than Partner Center keeps activity (relative to `now`). */
export function isBeyondAuditRetention(startDate: Date, now: Date): boolean {
  return now.getTime() - startDate.getTime() > AUDIT_RETENTION_DAYS * DAY_MS;
}

/**
 * The subscriptions a record names: `customizedData` keys ending in `SubscriptionId` (with an
 * optional `-N` line suffix, as `SubscriptionId-0` in the documented create_order record), and
 * the `Id` of a subscription resource's old or new value. Unreadable values are skipped.
 */
export function auditedSubscriptionIds(record: AuditRecord): SubscriptionId[] {
  const ids = new Set<SubscriptionId>();
  for (const { key, value } of record.customizedData) {
    if (!/subscriptionid(-\d+)?$/i.test(key) || value === undefined) continue;
    const id = parseSubscriptionId(value);
    if (id !== undefined) ids.add(id);
  }
  if (record.resourceType === 'subscription') {
    for (const text of [record.resourceOldValue, record.resourceNewValue]) {
      const id = resourceId(text);
      if (id !== undefined) ids.add(id);
    }
  }
  return [...ids];
}

function resourceId(text: string | undefined): SubscriptionId | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== 'object') return undefined;
    const record = value as Record<string, unknown>;
    const id = record['Id'] ?? record['id'];
    return typeof id === 'string' ? parseSubscriptionId(id) : undefined;
  } catch {
    return undefined;
  }
}
