/**
 * Suite 1: the real client decodes every documented response of the endpoints it calls, and the
 * fields the agent relies on come out right. One row per fixture (test/wire/decode-rows.*.ts):
 * the fixture is served through an undici MockAgent at the path the client must ask for, with
 * its status and headers, the real operation is called, and the model values are asserted.
 */
import { describe, expect, it } from 'vitest';
import { loadCorpus, type Fixture } from './corpus.js';
import { CATALOG_ROWS } from './decode-rows.catalog.js';
import { COMMERCE_ROWS } from './decode-rows.commerce.js';
import { LIFECYCLE_ROWS } from './decode-rows.lifecycle.js';
import { OTHER_ROWS } from './decode-rows.other.js';
import { PROMOTION_ROWS } from './decode-rows.promotions.js';
import { SUBSCRIPTION_ROWS } from './decode-rows.subscriptions.js';
import { decodeMismatches, type DecodeRow } from './harness.js';

const ROWS: readonly DecodeRow[] = [
  ...CATALOG_ROWS,
  ...COMMERCE_ROWS,
  ...SUBSCRIPTION_ROWS,
  ...OTHER_ROWS,
  ...PROMOTION_ROWS,
  ...LIFECYCLE_ROWS,
];

/**
 * Every documented endpoint: `called` when the client has an operation for it (then every
 * response fixture of it needs a row), otherwise why not.
 */
/** `'called'`, or why the client does not call it. */
export const ENDPOINTS: Readonly<Record<string, string>> = {
  'GET /v1/products/{product-id}': 'called',
  'GET /v1/products/{product-id}/skus': 'called',
  'GET /v1/products/{product-id}/skus/{sku-id}': 'called',
  'GET /v1/products/{product-id}/skus/{sku-id}/availabilities': 'called',
  'GET /v1/customers/{customer-id}/products/{product-id}/skus/{sku-id}/availabilities': 'called',
  'POST /v1/extensions/product/checkInventory': 'called',
  'POST /v1/customers/{customer-id}/carts': 'called',
  'PUT /v1/customers/{customer-id}/carts/{cart-id}': 'called',
  'POST /v1/customers/{customer-id}/carts/{cart-id}/checkout': 'called',
  'GET /v1/customers/{customer-id}/orders/{order-id}': 'called',
  'GET /v1/customers/{customer-id}/orders': 'called',
  'GET /v1/customers/{customer-id}/orders?billingType={billing-type}': 'called',
  'GET /v1/customers/{customer-id}/orders/{order-id}/lineitems/{line-item-number}/activationlinks':
    'called',
  'GET /v1/customers/{customer-id}/subscriptions': 'called',
  'GET /v1/customers/{customer-id}/subscriptions?order_id={order-id}': 'called',
  'GET /v1/customers/{customer-id}/subscriptions/{subscription-id}': 'called',
  'PATCH /v1/customers/{customer-id}/subscriptions/{subscription-id}': 'called',
  'POST /v1/customers/{customer-id}/subscriptions/{subscription-id}/registrations': 'called',
  'GET /v1/customers/{customer-id}/subscriptions/{subscription-id}/registrationstatus': 'called',
  'GET /v1/customers/{customer-id}/entitlements': 'called',
  'GET /v1/customers': 'called',
  'GET /v1/customers/{customer-id}': 'called',
  'GET /v1/invoices': 'called',
  'GET /v1/invoices/{invoice-id}': 'called',
  'GET /v1/invoices/summaries': 'called',
  'GET /v1/invoices/summary': 'called',
  'GET /v1/invoices/unbilled/lineitems': 'called',
  'GET /v1/invoices/{invoice-id}/lineitems/OneTime/BillingLineItems': 'called',
  'GET /v1/productpromotions': 'called',
  'GET /v1/productpromotions/{promotion-id}': 'called',
  'POST /v1/customers/{customer-id}/promotionEligibilities': 'called',
  'GET /v1/customers/{customer-id}/subscriptions/{subscription-id}/transitionEligibilities':
    'called',
  'POST /v1/customers/{customer-id}/subscriptions/{subscription-id}/transitions': 'called',
  'GET /v1/customers/{customer-id}/subscriptions/{subscription-id}/transitions': 'called',
  'GET /v1/customers/{customer-id}/subscriptions/customTermEndDates': 'called',
  // Not called by the client:
  'GET /v1/products': 'catalog lists are read per product, never browsed',
  'GET /v1/customers/{customer-id}/products': 'catalog lists are read per product, never browsed',
  'GET /v1/customers/{customer-id}/products/{product-id}/skus':
    'SKUs are read from the country catalog',
  'GET /v1/products/{product-id}/skus/{sku-id}/availabilities/{availability-id}':
    'availabilities are listed per SKU, never fetched by id',
  'GET /v1/invoices/{invoice-id}/lineitems': 'only new-commerce one-time line items are reconciled',
  'GET /v1/customers/{customer-id}/artifacts/reservedinstance/groups/{group-id}/lineitems/{line-item-id}/resource/{resource-id}':
    'reservation artifacts are not read (entitlements are)',
  'GET /v1/customers/{customer-id}/artifacts/virtualmachinereservedinstance/groups/{group-id}/lineitems/{line-item-id}/resource/{resource-id}':
    'reservation artifacts are not read (entitlements are)',
  'POST /v1/customers/{customer-id}/orders': 'purchases go through carts',
  'PATCH /v1/customers/{customer-id}/orders/{order-id}':
    'no billing-cycle change, add-on or software cancel by order',
  'GET /v1/customers/{customer-id}/orders/{order-id}/provisioningstatus':
    'orders are bound via subscriptions',
  'GET /v1/customers/{customer-id}/subscriptions/{subscription-id}/addons':
    'add-ons are listed with all subscriptions',
  'GET /v1/customers/{customer-id}/subscriptions/{subscription-id}/provisioningstatus':
    'not needed',
  // Error-shape fixtures of routes the client does not call; their bodies have rows anyway
  // (served on a subscription read).
  "GET /v1.0/sales/pricesheets(Market='{market}',PricesheetView='{view}')/$value":
    'a CSV stream, not JSON: decoded by test/partnercenter/pricesheet-reader.test.ts',
  'GET /v1/auditrecords':
    'streamed pages: decoded by test/partnercenter/audit-conformance.test.ts (the 429 body has a row)',
  'POST /v1/customers/{customer-id}/users/{user-id}/licenseupdates':
    'no licence assignment (error body has a row)',
  'GET /v1/profiles/mpn': 'no partner lookup (error body has a row)',
  'GET /v1/compliance/csp/agreementstatus': 'no MPA check (error bodies have rows)',
};

const responses = (): Fixture[] => loadCorpus().filter((f) => f.kind === 'response');

describe('client decodes the documented responses', () => {
  it.each(ROWS.map((r, i) => [`${r.file} #${i}`, r] as const))('%s', async (_name, r) => {
    expect(await decodeMismatches(r)).toEqual([]);
  });
});

describe('the corpus and the suite stay in step', () => {
  it('every documented endpoint is listed as called or not', () => {
    const unlisted = [...new Set(loadCorpus().map((f) => f.endpoint))].filter(
      (e) => !(e in ENDPOINTS),
    );
    expect(unlisted).toEqual([]);
  });

  it('every response fixture of a called endpoint has a row', () => {
    const covered = new Set(ROWS.map((r) => r.file));
    const missing = responses()
      .filter((f) => ENDPOINTS[f.endpoint] === 'called' && !covered.has(f.file))
      .map((f) => f.file);
    expect(missing).toEqual([]);
  });

  it('every row names a response fixture', () => {
    const files = new Set(responses().map((f) => f.file));
    expect(ROWS.map((r) => r.file).filter((file) => !files.has(file))).toEqual([]);
  });

  it('counts: called endpoints and their response fixtures', () => {
    const called = Object.keys(ENDPOINTS).filter((e) => ENDPOINTS[e] === 'called');
    const counted = called.map((e) => responses().filter((f) => f.endpoint === e).length);
    expect(called).toHaveLength(35);
    expect(counted.reduce((a, b) => a + b, 0)).toBe(64);
  });
});

describe('the comparison reports a deliberately wrong fixture', () => {
  const rowFor = (file: string, index = 0): DecodeRow =>
    ROWS.filter((r) => r.file === file)[index]!;

  it('a subscription whose `quantity` key is renamed', async () => {
    const file = 'subscriptions/get-a-subscription-by-id.response.nce.json';
    const problems = await decodeMismatches(rowFor(file), (fx) => {
      if (fx.file !== file) return fx;
      const { quantity, ...rest } = fx.body as Record<string, unknown>;
      return { ...fx, body: { ...rest, qty: quantity } as Fixture['body'] };
    });
    expect(problems.join('\n')).toMatch(/quantity/);
  });

  it('a reservation term with `billingCycle: "Monthly"` and a SKU without supportedBillingCycles', async () => {
    const availability =
      'catalog/get-a-list-of-availabilities-for-a-sku.response.azure-reservation.json';
    const sku = 'catalog/get-a-sku-by-id.response.azure-reservation.json';
    const mutate = (fx: Fixture): Fixture => {
      const body = structuredClone(fx.body) as Record<string, unknown>;
      if (fx.file === availability)
        for (const item of body['items'] as { terms: Record<string, unknown>[] }[])
          for (const term of item.terms) term['billingCycle'] = 'Monthly';
      if (fx.file === sku) delete body['supportedBillingCycles'];
      return { ...fx, body: body as Fixture['body'] };
    };
    // The plain list row (terms carry no cycle) and the purchase resolution (one_time from the SKU).
    expect(await decodeMismatches(rowFor(availability, 0), mutate)).not.toEqual([]);
    expect(await decodeMismatches(rowFor(availability, 1), mutate)).not.toEqual([]);
    expect(await decodeMismatches(rowFor(sku), mutate)).not.toEqual([]);
  });

  it('an error whose numeric code is changed', async () => {
    const file = 'errors/verify-indirect-reseller-mpa-status.response.400-non-guid-tenant.json';
    const problems = await decodeMismatches(rowFor(file), (fx) => ({
      ...fx,
      body: { ...(fx.body as Record<string, unknown>), code: 2001 },
    }));
    expect(problems.join('\n')).toMatch(/2000/);
  });
});
