/** Suite 1 rows: entitlements, customers, billing, and the error bodies. */
import { expect } from 'vitest';
import { CUSTOMER, errorRow, row, SUBSCRIPTION, type DecodeRow } from './harness.js';

const ENTITLEMENTS = `/v1/customers/${CUSTOMER}/entitlements`;
const BILLED = '/v1/invoices/G000024135/lineitems/OneTime/BillingLineItems?size=2';
// links.next.uri as printed: two `?` ("...&size=2?seekOperation=Next"), followed verbatim.
const BILLED_NEXT =
  '/v1/invoices/G000773581/lineitems?provider=OneTime&nvoicelineitemtype=BillingLineItems&size=2?seekOperation=Next';
const UNBILLED =
  '/v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode=usd&period=previous&size=2000';
const ONE_TIME_TOKEN =
  'd19617b8-fbe5-4684-a5d8-0230972fb0cf,0705c4a9-39f7-4261-ba6d-53e24a9ce47d_a4ayc/80/OGda4BO/1o/V0etpOqiLx1JwB5S3beHW0s=,0d81c700-98b4-4b13-9129-ffd5620f72e7';
const SUB = `/v1/customers/${CUSTOMER}/subscriptions/${SUBSCRIPTION}`;
const readSubscription = (c: Parameters<DecodeRow['call']>[0]) =>
  c.subscriptions.get(CUSTOMER, SUBSCRIPTION);

/** The first one-time recon line every billing sample starts with: numbers printed as strings. */
const FIRST_LINE = {
  customerId: 'c139c4bf-2e8b-4ab5-8bed-d9f50dcca7a2',
  orderId: '94e858b6d855',
  productId: 'CFQ7TTC0LH0R',
  skuId: '0002',
  chargeKind: 'new',
  quantity: 25,
  unitPrice: 0,
  subtotal: 0,
  currency: 'USD',
};

export const OTHER_ROWS: readonly DecodeRow[] = [
  row({
    // No id per entitlement, referenceOrder.lineItemId a string, nesting in includedEntitlements.
    file: 'entitlements/get-a-collection-of-entitlements.response.json',
    at: ENTITLEMENTS,
    call: (c) => c.entitlements.list(CUSTOMER),
    check: (list) => {
      expect(list[0]).toEqual({
        productId: 'DZH318Z0BQ3W',
        skuId: '007J',
        quantity: 1,
        entitlementType: 'reservedinstance',
        orderId: 'KaJ8XvkKc_GoNZOUyjVaRJalTBN5MWdV1',
      });
      expect(list[1]).toMatchObject({ productId: 'DG7GMGF0DWTK', entitlementType: 'software' });
      expect(list[1]!.includedEntitlements?.map((e) => [e.productId, e.skuId, e.orderId])).toEqual([
        ['DG7GMGF0DWTJ', '0001', 'NUXMSvmS20EQ4kFsZmzkSqb747fqKmNk1'],
        ['DG7GMGF0DWLG', '0002', 'NUXMSvmS20EQ4kFsZmzkSqb747fqKmNk1'],
      ]);
    },
  }),
  row({
    file: 'entitlements/get-a-collection-of-entitlements.response.software.json',
    at: `${ENTITLEMENTS}?entitlementType=software&showExpiry=true`,
    call: (c) => c.entitlements.list(CUSTOMER, { entitlementType: 'software', showExpiry: true }),
    check: (list) => {
      expect(list.map((e) => [e.productId, e.expiryDate, e.includedEntitlements?.length])).toEqual([
        ['DG7GMGF0DWM3', undefined, 2],
        ['DG7GMGF0DWBQ', '2022-01-28T00:00:00Z', 2],
      ]);
    },
  }),
  row({
    file: 'customers/get-a-list-of-customers.response.json',
    at: '/v1/customers?size=100',
    call: (c) => c.customers.list(),
    // companyProfile.tenantId is the placeholder "<guid>": the customer id comes from `id`.
    check: (list) =>
      expect(list).toEqual([
        {
          id: 'b44bb1fb-c595-45b0-9e09-d657365580bf',
          companyName: 'companyName',
          domain: 'domain',
        },
        {
          id: '45c44870-ef77-4fdd-b6fe-3dacb075cff2',
          companyName: 'companyName',
          domain: 'domain',
        },
      ]),
  }),
  row({
    file: 'customers/get-a-customer-by-id.response.json',
    at: '/v1/customers/eebd1b55-5360-4438-a11d-5c06918c3014',
    call: (c) => c.customers.get('eebd1b55-5360-4438-a11d-5c06918c3014' as typeof CUSTOMER),
    check: (customer) =>
      expect(customer).toEqual({
        id: 'eebd1b55-5360-4438-a11d-5c06918c3014',
        companyName: '1kl as kjk',
        domain: 'abcdefgh1234.ccsctp.net',
        country: 'US',
      }),
  }),
  row({
    file: 'billing/get-a-collection-of-invoices.response.json',
    at: '/v1/invoices?size=200&offset=0',
    after: [{ inline: { totalCount: 0, items: [] }, at: '/v1/invoices?size=2&offset=2' }],
    call: (c) => c.billing.listInvoices(),
    check: (invoices) =>
      expect(
        invoices.map((i) => [i.id, i.totalCharges, i.paidAmount, i.currencyCode, i.invoiceType]),
      ).toEqual([
        ['D02005YFHI', 24606.35, 1000, 'GBP', 'Recurring'],
        ['G000024130', 586366, 0, 'CHF', 'OneTime'],
      ]),
  }),
  row({
    file: 'billing/get-invoice-by-id.response.json',
    at: '/v1/invoices/G000024135',
    call: (c) => c.billing.getInvoice('G000024135'),
    check: (invoice) =>
      expect(invoice).toMatchObject({
        id: 'G000024135',
        totalCharges: 2076.63,
        currencyCode: 'USD',
        invoiceType: 'OneTime',
        documentType: 'invoice',
      }),
  }),
  row({
    // Dates without `Z` read as UTC; "0001-01-01T00:00:00" means "never" and reads as absent.
    file: 'billing/get-invoice-summaries.response.json',
    at: '/v1/invoices/summaries',
    call: (c) => c.billing.summaries(),
    check: (summaries) => {
      expect(summaries.map((s) => s.currencyCode)).toEqual(['GBP', 'CHF', expect.any(String)]);
      expect(summaries[0]).toMatchObject({
        balanceAmount: 751094.39,
        accountingDate: '2018-03-16T00:00:00Z',
        latestInvoiceDate: '2018-03-16T00:00:00Z',
        lastPaymentDate: '2017-01-01T12:00:00Z',
      });
      expect(summaries[1]!.lastPaymentDate).toBeUndefined();
    },
  }),
  row({
    file: 'billing/get-the-reseller-s-current-account-balance.response.json',
    at: '/v1/invoices/summary',
    call: (c) => c.billing.balance(),
    check: (summary) =>
      expect(summary).toEqual({
        currencyCode: 'USD',
        currencySymbol: '$',
        balanceAmount: 751094.39,
        accountingDate: '2018-03-16T00:00:00Z',
        latestInvoiceDate: '2018-03-16T00:00:00Z',
        lastPaymentDate: '2017-01-01T12:00:00Z',
        lastPaymentAmount: 1000,
        details: [
          { invoiceType: 'Recurring', balanceAmount: 202955.87 },
          { invoiceType: 'OneTime', balanceAmount: 548138.52 },
        ],
      }),
  }),
  row({
    // Body continuationToken + links.next with MS-ContinuationToken, then the next page.
    file: 'billing/get-invoiceline-items.response.onetime.json',
    at: BILLED,
    after: [
      { file: 'billing/get-invoiceline-items.response.onetime-next-page.json', at: BILLED_NEXT },
    ],
    call: async (c, wire) => ({
      lines: await c.billing.billedLineItems('G000024135', { pageSize: 2 }),
      tokens: wire.seen.map((s) => s.headers['ms-continuationtoken']),
    }),
    check: ({ lines, tokens }) => {
      expect(tokens).toEqual([undefined, ONE_TIME_TOKEN]);
      expect(lines).toHaveLength(8);
      expect(lines[0]).toMatchObject({ ...FIRST_LINE, invoiceNumber: 'G000773581' });
      // "org:<guid>" tenant ids, string money.
      expect(lines[3]).toMatchObject({
        customerId: '9060d13d-c5ed-482e-b059-a15a38cbb28e',
        totalForCustomer: 17.61,
        invoiceNumber: '1234000000',
      });
    },
  }),
  row({
    file: 'billing/get-invoiceline-items.response.onetime-next-page.json',
    at: BILLED,
    call: (c) => c.billing.billedLineItems('G000024135', { pageSize: 2 }),
    check: (lines) => {
      expect(lines.map((l) => [l.subtotal, l.quantity, l.chargeKind])).toEqual([
        [0, 25, 'new'],
        [720, 50, 'new'],
        [820, 1, 'new'],
        [16, 1, 'new'],
      ]);
    },
  }),
  row({
    file: 'billing/get-invoice-unbilled-recon-lineitems.response.json',
    at: UNBILLED,
    after: [
      {
        file: 'billing/get-invoice-unbilled-recon-lineitems.response.next-page.json',
        at: `${UNBILLED}&seekOperation=Next`,
      },
    ],
    call: async (c, wire) => ({
      lines: await c.billing.unbilledLineItems('USD', 'previous'),
      tokens: wire.seen.map((s) => s.headers['ms-continuationtoken']),
    }),
    check: ({ lines, tokens }) => {
      expect(tokens).toEqual([undefined, 'AQAAAA==']);
      expect(lines).toHaveLength(7);
      expect(lines[0]).toEqual(expect.objectContaining(FIRST_LINE));
      // An unbilled line's invoiceNumber is "": absent.
      expect(lines[0]!.invoiceNumber).toBeUndefined();
      expect(lines[6]).toMatchObject({
        customerId: 'd7f565f5-5367-492f-a465-9e2057c5e3c3',
        totalForCustomer: 17.61,
      });
    },
  }),
  row({
    file: 'billing/get-invoice-unbilled-recon-lineitems.response.next-page.json',
    at: UNBILLED,
    call: (c) => c.billing.unbilledLineItems('USD', 'previous'),
    check: (lines) =>
      expect(lines.map((l) => l.orderId)).toContain('VdqkP11Bu4DlcjP5rLeQabcdefg-1234'),
  }),
  row({
    file: 'billing/get-invoice-unbilled-recon-lineitems.response.usage.json',
    at: UNBILLED,
    call: (c) => c.billing.unbilledLineItems('USD', 'previous'),
    check: (lines) => {
      expect(lines.map((l) => [l.quantity, l.unitPrice, l.subtotal])).toEqual([
        [25, 0, 0],
        [50, 16, 720],
        [1, 820, 820],
        [1, 16, 16],
      ]);
      expect(lines[3]!.customerId).toBe('d7f565f5-5367-492f-a465-9e2057c5e3c3');
    },
  }),
  // Error bodies, served where the client reads a subscription (the shapes do not depend on the route).
  errorRow({
    // Not the Partner Center error shape: {statusCode, message} with Retry-After seconds.
    file: 'errors/api-throttling-guidance.response.429.json',
    at: SUB,
    method: 'GET',
    call: readSubscription,
    check: (e) => {
      expect(e).toMatchObject({
        code: 'http-429',
        status: 429,
        kind: 'throttled',
        retryAfterMs: 57_000,
      });
      expect(String(e['message'])).toMatch(/Rate limit is exceeded/);
    },
  }),
  errorRow({
    file: 'errors/assign-licenses-to-a-user.response.400.json',
    at: SUB,
    method: 'GET',
    call: readSubscription,
    check: (e) => expect(e).toMatchObject({ code: '60012', status: 400, kind: 'bad-request' }),
  }),
  errorRow({
    file: 'errors/get-partner-by-mpn-id.response.404.json',
    at: SUB,
    method: 'GET',
    call: readSubscription,
    check: (e) => expect(e).toMatchObject({ code: '3000', status: 404, kind: 'not-found' }),
  }),
  errorRow({
    file: 'errors/verify-indirect-reseller-mpa-status.response.400-mpa-not-signed.json',
    at: SUB,
    method: 'GET',
    call: readSubscription,
    check: (e) => expect(e).toMatchObject({ code: '2203', status: 400, kind: 'bad-request' }),
  }),
  errorRow({
    file: 'errors/verify-indirect-reseller-mpa-status.response.400-non-guid-tenant.json',
    at: SUB,
    method: 'GET',
    call: readSubscription,
    check: (e) => expect(e).toMatchObject({ code: '2000', status: 400, kind: 'bad-request' }),
  }),
];
