import { AUDIT_DEFAULT_PAGE_SIZE, type AuditQuery, type AuditRecord } from '../../model/index.js';
import type { Caller } from '../caller.js';
import { auditFilterToWire, mapAuditRecord } from '../map/audit-record.js';
import { parseUtcInstant } from '../map/wire-read.js';
import { decodeEach, query } from './decode.js';
import type { ReadOptions } from './options.js';
import { streamPages } from './paging.js';

/** One page of audit records and the call that read it. */
export interface AuditRecordPage {
  readonly records: readonly AuditRecord[];
  /** The MS-RequestId of the GET that answered this page. */
  readonly requestId: string;
  /** Whether another page follows. */
  readonly hasMore: boolean;
}

/**
 * Partner Center's activity log (docs/partner-center-api.md "Audit records",
 * https://learn.microsoft.com/en-us/partner-center/developer/get-a-record-of-partner-center-activity-by-user):
 * `GET /v1/auditrecords?startDate=&endDate=&size=&filter=`, then each `links.next` with its
 * `MS-ContinuationToken`. Both readers stream: one page is held at a time, and a consumer that
 * stops early sends no further request. Partner Center refuses (400) a `startDate` older than
 * 90 days and, per its REST reference, a window over 30 days (`auditWindows` splits one).
 */
export interface AuditRecordsApi {
  /** The records of the window, page by page, in the order Partner Center answers them. */
  pages(q: AuditQuery, options?: ReadOptions): AsyncGenerator<AuditRecordPage, void, undefined>;
  /** The same records one at a time. */
  list(q: AuditQuery, options?: ReadOptions): AsyncGenerator<AuditRecord, void, undefined>;
}

export function createAuditRecordsApi(call: Caller): AuditRecordsApi {
  async function* pages(
    q: AuditQuery,
    options?: ReadOptions,
  ): AsyncGenerator<AuditRecordPage, void, undefined> {
    const path = `/v1/auditrecords${query({
      startDate: dateParam(q.startDate, 'startDate'),
      endDate: q.endDate === undefined ? undefined : dateParam(q.endDate, 'endDate'),
      size: pageSize(q.pageSize),
      filter: q.filter === undefined ? undefined : auditFilterToWire(q.filter),
    })}`;
    for await (const page of streamPages(call, path, 'auditRecords', options?.signal)) {
      yield {
        records: decodeEach(page.items, mapAuditRecord, page.requestId),
        requestId: page.requestId,
        hasMore: page.hasMore,
      };
    }
  }
  async function* list(
    q: AuditQuery,
    options?: ReadOptions,
  ): AsyncGenerator<AuditRecord, void, undefined> {
    for await (const page of pages(q, options)) yield* page.records;
  }
  return { pages, list };
}

/**
 * A `Date` as an ISO instant; a string kept when it is `YYYY-MM-DD` (the documented form) and
 * otherwise normalised to an ISO instant (UTC when it names no offset).
 * @throws RangeError naming the parameter when the value is not a readable instant.
 */
function dateParam(value: Date | string, name: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw new RangeError(`auditRecords: ${name} is an invalid Date`);
    return value.toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return value.trim();
  const ms = parseUtcInstant(value);
  if (ms === undefined) {
    throw new RangeError(
      `auditRecords: ${name} ${JSON.stringify(value)} is neither YYYY-MM-DD nor an ISO-8601 instant`,
    );
  }
  return new Date(ms).toISOString();
}

function pageSize(size: number | undefined): number {
  if (size === undefined) return AUDIT_DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`auditRecords: pageSize ${size} must be a positive integer`);
  return size;
}
