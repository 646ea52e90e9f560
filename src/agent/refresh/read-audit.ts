import { auditWindows, type AuditRecord, type CustomerId } from '../../model/index.js';
import type { PartnerCenterReadPort } from '../ports.js';

/**
 * Resource types whose records may mean a customer's subscriptions, orders or entitlements
 * changed (docs/partner-center-api.md "Audit records"); records of other types (users, licence
 * assignments, roles, referrals, …) do not make the agent read a customer. A record with no
 * resource type counts.
 */
export const REFRESH_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'order',
  'subscription',
  'transfer',
  'customer',
  'partner_relationship',
  'partner_customer_relationship',
  'software_key',
  'third_party_add_on',
  'undefined',
  '',
]);

/** What one audit read found. */
export interface AuditActivity {
  /** The newest relevant `operationDate` per customer. */
  readonly newest: Map<CustomerId, string>;
  readonly pages: number;
  readonly records: number;
}

/**
 * Reads the activity log from `from` to `to` (both included, in windows of at most 30 days),
 * every page, and keeps per customer the newest record that may have changed what the agent
 * reads. Records are hints — seeing one twice (the overlap) costs one read, never a wrong plan —
 * so every `operationStatus` counts (a failed operation may still have changed something).
 * @throws whatever the read port throws; the caller falls back to a full refresh.
 */
export async function readAuditActivity(
  pages: NonNullable<PartnerCenterReadPort['auditRecordPages']>,
  from: Date,
  to: Date,
): Promise<AuditActivity> {
  const newest = new Map<CustomerId, string>();
  let pageCount = 0;
  let records = 0;
  for (const window of auditWindows(from, to)) {
    for await (const page of pages({ startDate: window.start, endDate: window.end })) {
      pageCount += 1;
      records += page.records.length;
      for (const record of page.records) note(newest, record);
    }
  }
  return { newest, pages: pageCount, records };
}

function note(newest: Map<CustomerId, string>, record: AuditRecord): void {
  if (record.customerId === undefined) return;
  if (!REFRESH_RESOURCE_TYPES.has(String(record.resourceType ?? '').toLowerCase())) return;
  const at = new Date(record.operationDate).toISOString();
  const seen = newest.get(record.customerId);
  if (seen === undefined || at > seen) newest.set(record.customerId, at);
}
