/**
 * The client reads Microsoft's documented audit-records example
 * (test/wire/corpus/audit/get-a-record-of-partner-center-activity-by-user.{request,response}.json)
 * served through an undici MockAgent: the request it sends has the documented parameters, and
 * the records come out with the example's values. Also the tolerant mapping (unknown and
 * integer enums, PascalCase keys, null data values), a body-only continuation token, a record
 * without `operationDate`, and the model's window helpers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  auditWindows,
  auditedSubscriptionIds,
  parseCustomerId,
  isBeyondAuditRetention,
  type AuditQuery,
  type AuditRecord,
} from '../../src/model/index.js';
import {
  createPartnerCenterClient,
  createStaticTokenSource,
  PartnerCenterError,
} from '../../src/partnercenter/index.js';
import { ManualClock } from '../../src/support/index.js';
import { fixture } from '../wire/corpus.js';
import { createMockWire, ORIGIN, recordRequest } from './mock-wire.js';

const RESPONSE = fixture('audit/get-a-record-of-partner-center-activity-by-user.response.json');
const REQUEST = fixture('audit/get-a-record-of-partner-center-activity-by-user.request.json');
const CUSTOMER = '0c39d6d5-c70d-4c55-bc02-f620844f3fd1';

let wire = createMockWire();
afterEach(async () => {
  await wire.agent.close();
  wire = createMockWire();
});

/** Serves `bodies` in order to GETs under /v1/auditrecords. */
function serve(...bodies: unknown[]): void {
  for (const body of bodies) {
    wire.agent
      .get(ORIGIN)
      .intercept({ method: 'GET', path: (p: string) => p.startsWith('/v1/auditrecords') })
      .reply((opts) => {
        recordRequest(wire, opts);
        return { statusCode: 200, data: JSON.stringify(body) };
      });
  }
}

async function read(query: AuditQuery): Promise<AuditRecord[]> {
  const out: AuditRecord[] = [];
  for await (const record of client().auditRecords.list(query)) out.push(record);
  return out;
}

function client() {
  return createPartnerCenterClient({
    baseUrl: ORIGIN,
    tokenSource: createStaticTokenSource('tok'),
    dispatcher: wire.agent,
    clock: new ManualClock(),
    retry: { maxAttempts: 1 },
  });
}

describe('the documented example', () => {
  it('sends the documented parameters and decodes both records', async () => {
    serve(RESPONSE.body);
    const records = await read({
      startDate: '2017-06-01',
      filter: { kind: 'customer-id', customerId: parseCustomerId(CUSTOMER)! },
    });
    const sent = new URL(wire.seen[0]!.path, ORIGIN).searchParams;
    const documented = new URL(REQUEST.url!).searchParams;
    expect(JSON.parse(sent.get('filter')!)).toEqual(JSON.parse(documented.get('filter')!));
    expect([sent.get('startDate'), sent.get('size')]).toEqual(['2017-06-01', '500']);
    expect(
      records.map((r) => [r.operationType, r.resourceType, r.operationStatus, r.operationDate]),
    ).toEqual([
      ['create_order', 'order', 'succeeded', '2017-06-15T22:56:05.058Z'],
      ['update_customer_user_licenses', 'license', 'succeeded', '2017-06-01T20:09:07.045Z'],
    ]);
    expect(records[0]).toMatchObject({
      partnerId: '3b33e682-00c3-41ee-9dd2-a548adf56438',
      customerId: CUSTOMER,
      customerName: 'Relecloud',
      userPrincipalName: 'admin@domain.onmicrosoft.com',
    });
    expect(records[0]!.applicationId).toBeUndefined();
    expect(records[1]!.applicationId).toBe('Partner Center Native App');
    expect(records[0]!.customizedData).toContainEqual({ key: 'PartnerOnRecord-0' });
    expect(records[0]!.customizedData).toContainEqual({ key: 'Quantity-0', value: '25' });
    expect(auditedSubscriptionIds(records[0]!)).toEqual(['488745b5-2086-4912-802c-6abb9f7c3638']);
    expect(JSON.parse(records[0]!.resourceNewValue!)).toMatchObject({
      Id: 'd51a052e-043c-4a2a-aa37-2bb938cef6c1',
    });
  });
});

describe('tolerant mapping and paging', () => {
  it('keeps unknown enums, reads integers and PascalCase keys, follows a body-only token', async () => {
    serve(
      {
        items: [
          {
            OperationType: 'RenewSubscription',
            ResourceType: 4,
            OperationStatus: 2,
            OperationDate: '2026-03-01T10:00:00',
          },
        ],
        continuationToken: 'tok-2',
        links: { next: { uri: '/auditrecords?size=1&seekOperation=Next' } },
      },
      {
        items: [
          {
            operationType: 11,
            resourceType: 'Order',
            operationDate: '2026-02-28T09:00:00Z',
            customerId: 'not-a-guid',
          },
        ],
      },
    );
    const records = await read({ startDate: new Date('2026-02-20T00:00:00Z'), pageSize: 1 });
    expect(
      records.map((r) => [
        r.operationType,
        r.resourceType,
        r.operationStatus,
        r.operationDate,
        r.customerId,
      ]),
    ).toEqual([
      ['renew_subscription', 'subscription', 'progress', '2026-03-01T10:00:00Z', undefined],
      ['create_order', 'order', 'undefined', '2026-02-28T09:00:00Z', undefined],
    ]);
    expect(wire.seen[1]!.headers['ms-continuationtoken']).toBe('tok-2');
    expect(new URL(wire.seen[0]!.path, ORIGIN).searchParams.get('startDate')).toBe(
      '2026-02-20T00:00:00.000Z',
    );
  });

  it('a record without operationDate is a malformed response naming the field', async () => {
    serve({ items: [{ operationType: 'create_order' }] });
    const error = await read({ startDate: '2026-03-01' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartnerCenterError);
    expect((error as PartnerCenterError).code).toBe('malformed-response');
    expect((error as PartnerCenterError).message).toMatch(/auditRecord\.operationDate/);
  });
});

describe('window helpers', () => {
  it('splits a span into windows of at most 30 days and knows the 90-day retention', () => {
    const windows = auditWindows(
      new Date('2026-01-01T00:00:00Z'),
      new Date('2026-03-05T12:00:00Z'),
    );
    expect(windows.map((w) => [w.start.toISOString(), w.end.toISOString()])).toEqual([
      ['2026-01-01T00:00:00.000Z', '2026-01-31T00:00:00.000Z'],
      ['2026-01-31T00:00:00.000Z', '2026-03-02T00:00:00.000Z'],
      ['2026-03-02T00:00:00.000Z', '2026-03-05T12:00:00.000Z'],
    ]);
    expect(
      auditWindows(new Date('2026-03-05T00:00:00Z'), new Date('2026-03-01T00:00:00Z')),
    ).toEqual([]);
    const now = new Date('2026-06-01T00:00:00Z');
    expect(isBeyondAuditRetention(new Date('2026-03-03T00:00:00Z'), now)).toBe(false);
    expect(isBeyondAuditRetention(new Date('2026-03-02T23:59:59Z'), now)).toBe(true);
  });
});
