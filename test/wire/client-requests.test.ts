/**
 * Suite 2: every request the agent builds matches the documented request shape. What the client
 * sends (captured by the MockAgent) is compared with the documented request fixture by
 * `shapeMismatches`: key names, JSON value types, enum spellings (ignoring case), no keys the
 * docs lack unless justified here, and every documented key present.
 *
 * Key case: the docs print request bodies in both casings — PascalCase from the .NET SDK
 * serialiser (NCE cart `LineItems`, update-a-cart, check-inventory `TargetItems`, the old PATCH
 * samples `Quantity`/`Status`) and camelCase elsewhere (mixed/attestation carts, check-inventory
 * `InventoryContext.customerId`, NCE PATCH samples). Those comparisons ignore key case; the
 * camelCase-only samples are compared exactly.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPartnerCenterGateway } from '../../src/app/partner-center-gateway.js';
import type { CartLine } from '../../src/applier/ports.js';
import { fixture } from './corpus.js';
import {
  createWire,
  CUSTOMER,
  pathShape,
  queryOf,
  shapeMismatches,
  SUBSCRIPTION,
  type Wire,
} from './harness.js';

const CARTS = `/v1/customers/${CUSTOMER}/carts`;
const SUB = `/v1/customers/${CUSTOMER}/subscriptions/${SUBSCRIPTION}`;
const body = (file: string): Record<string, unknown> =>
  structuredClone(fixture(file).body) as Record<string, unknown>;
const sentBody = (wire: Wire, method: string): unknown =>
  JSON.parse(wire.seen.find((s) => s.method === method)!.body || 'null');

let wire = createWire();
afterEach(async () => {
  await wire.close();
  wire = createWire();
});

/** Why the client may send keys a documented cart request lacks. */
const CART_EXTRAS = {
  'lineItems[].id':
    'the create-a-cart table and the mixed/attestation samples number lines; errors trace back by it',
  PartnerOnRecordAttestationAccepted:
    'required for NCE by the create-a-cart table; sent in the attestation sample',
};

async function createCart(line: CartLine): Promise<unknown> {
  wire.serve(fixture('carts/create-a-cart.response.nce.json'), CARTS);
  await createPartnerCenterGateway(wire.client).createCart(CUSTOMER, [line], 'req-1');
  return sentBody(wire, 'POST');
}

/** The line execute-purchase.ts builds: the resolved catalog item, the planner's values. */
const NCE_LINE: CartLine = {
  catalogItemId: 'CFQ7TTC0LFLZ:0002:CFQ7TTC0K4TS',
  quantity: 1,
  billingCycle: 'monthly',
  termDuration: 'P1M',
};
/**
 * purchase-action.ts: `{subscriptionId, scope}` for a reservation, plus `duration` only when the
 * SKU's provisioningVariables ask for it (the documented reservation SKUs ask for Scope and
 * SubscriptionId only).
 */
const RESERVATION_LINE: CartLine = {
  catalogItemId: 'DZH318Z0BQ36:004G:DZH318Z08C0S',
  quantity: 1,
  billingCycle: 'one_time',
  termDuration: 'P1Y',
  provisioningContext: { subscriptionId: '1C461A25-F729-4FA5-AADB-280947DD05E8', scope: 'shared' },
};

describe('cart requests', () => {
  it('an NCE licence line matches the NCE sample (PascalCase there) and sends the attestation', async () => {
    const sent = (await createCart(NCE_LINE)) as Record<string, unknown>;
    const rules = { ignoreKeyCase: true, extraAllowed: CART_EXTRAS };
    expect(shapeMismatches(sent, body('carts/create-a-cart.request.nce.json'), rules)).toEqual([]);
    expect(sent['PartnerOnRecordAttestationAccepted']).toBe(true);
    const attestation = body('carts/create-a-cart.request.attestation.json');
    const optional = {
      'lineItems[].renewsTo': 'no renewal target',
      'lineItems[].provisioningContext': 'empty for licences',
      'lineItems[].coterminousSubscriptionId': 'no co-terming',
    };
    expect(
      shapeMismatches(
        sent,
        { ...attestation, lineItems: [(attestation['lineItems'] as unknown[])[0]] },
        {
          extraAllowed: {},
          omitAllowed: optional,
        },
      ),
    ).toEqual([]);
  });

  it('a reservation line matches the mixed sample exactly (camelCase, scope "shared", no duration)', async () => {
    const sent = await createCart(RESERVATION_LINE);
    const mixed = body('carts/create-a-cart.request.mixed.json');
    const documented = { lineItems: [(mixed['lineItems'] as unknown[])[1]] };
    expect(shapeMismatches(sent, documented, { extraAllowed: CART_EXTRAS })).toEqual([]);
  });

  it('a reservation line with duration matches update-a-cart (PascalCase there)', async () => {
    const line = {
      ...RESERVATION_LINE,
      provisioningContext: { ...RESERVATION_LINE.provisioningContext, duration: '1Year' },
    };
    const sent = await createCart(line);
    const documented = { LineItems: body('carts/update-a-cart.request.json')['LineItems'] };
    const rules = {
      ignoreKeyCase: true,
      extraAllowed: {
        ...CART_EXTRAS,
        'lineItems[].termDuration': 'the mixed sample sends the term',
      },
      omitAllowed: { 'LineItems[].FriendlyName': 'optional; the agent names no cart line' },
    };
    expect(shapeMismatches(sent, documented, rules)).toEqual([]);
  });
});

describe('other bodies and query strings', () => {
  it('registration: a POST with no body (the docs print none; the page says "no body")', async () => {
    wire.serve(
      fixture('subscriptions/register-a-subscription.response.json'),
      `${SUB}/registrations`,
    );
    await createPartnerCenterGateway(wire.client).registerAzureSubscription(
      CUSTOMER,
      SUBSCRIPTION,
      'r',
    );
    const sent = wire.seen[0]!;
    expect([sent.method, sent.body]).toEqual(['POST', '']);
    expect(pathShape(sent.path)).toBe(
      pathShape(fixture('subscriptions/register-a-subscription.request.json').url!)
        .replace('{}', CUSTOMER)
        .replace('{}', SUBSCRIPTION.toLowerCase()),
    );
  });

  it('check-inventory: documented lower-case path, body shape (both casings printed)', async () => {
    const doc = fixture('catalog/check-inventory.request.json');
    wire.serve(
      fixture('catalog/check-inventory.response.json'),
      '/v1/extensions/product/checkinventory?country=US',
    );
    await createPartnerCenterGateway(wire.client).checkInventory(CUSTOMER, {
      country: 'US',
      productId: 'DZH318Z0BQ3P',
      skuId: '0039',
      context: {
        azureSubscriptionId: '3A231FBE-37FE-4410-93FD-730D3D5D4C75',
        armRegionName: 'Europe',
      },
    });
    const sent = wire.seen[0]!;
    expect(sent.path.split('?')[0]).toBe(pathShape(doc.url!)); // exact: "checkinventory"
    expect(queryOf(sent.path)).toEqual(queryOf(doc.url!));
    const rules = {
      ignoreKeyCase: true,
      extraAllowed: {
        'targetItems[].skuId': 'InventoryItem has skuId (§2.4); the agent checks one SKU',
      },
    };
    expect(shapeMismatches(JSON.parse(sent.body), doc.body, rules)).toEqual([]);
  });

  const QUERIES: readonly [string, string, (w: Wire) => Promise<unknown>][] = [
    [
      'orders/get-a-list-of-orders-by-customer-and-billing-cycle-type.request.json',
      `/v1/customers/${CUSTOMER}/orders?billingType=onetime`,
      (w) => w.client.orders.listByBillingType(CUSTOMER, 'one_time'),
    ],
    [
      'subscriptions/get-a-list-of-subscriptions-by-order.request.json',
      `/v1/customers/${CUSTOMER}/subscriptions?order_id=o-1`,
      (w) => w.client.subscriptions.listByOrder(CUSTOMER, 'o-1'),
    ],
    [
      'catalog/get-a-product-by-id.request.json',
      '/v1/products/P1?country=US',
      (w) => w.client.catalog.product('P1', 'US'),
    ],
    [
      'catalog/get-a-list-of-availabilities-for-a-sku.request.json',
      '/v1/products/DZH318Z0BQ3Q/skus/0001/availabilities?country=US',
      (w) => w.client.catalog.availabilities('DZH318Z0BQ3Q', '0001', { country: 'US' }),
    ],
    [
      'catalog/get-a-list-of-availabilities-for-a-sku-by-customer.request.json',
      `/v1/customers/${CUSTOMER}/products/DZH318Z0BPS6/skus/0001/availabilities`,
      (w) =>
        w.client.catalog.availabilities('DZH318Z0BPS6', '0001', {
          country: 'US',
          customerId: CUSTOMER,
        }),
    ],
    [
      'entitlements/get-a-collection-of-entitlements.request.software.json',
      `/v1/customers/${CUSTOMER}/entitlements?entitlementType=software&showExpiry=true`,
      (w) =>
        w.client.entitlements.list(CUSTOMER, { entitlementType: 'software', showExpiry: true }),
    ],
    [
      'customers/get-a-list-of-customers.request.json',
      '/v1/customers?size=100',
      (w) => w.client.customers.list(),
    ],
    [
      'billing/get-a-collection-of-invoices.request.json',
      '/v1/invoices?size=200&offset=0',
      (w) => w.client.billing.listInvoices(),
    ],
    [
      'billing/get-invoice-unbilled-recon-lineitems.request.json',
      '/v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode=usd&period=previous&size=2000',
      (w) => w.client.billing.unbilledLineItems('USD', 'previous'),
    ],
  ];
  it.each(QUERIES)('query names and documented values: %s', async (docFile, at, call) => {
    const doc = fixture(docFile);
    wire.serve(
      { ...doc, kind: 'response', headers: {}, body: { totalCount: 0, items: [], id: 'P1' } },
      at,
      { method: 'GET', status: 200 },
    );
    await call(wire);
    const sent = wire.seen[0]!;
    // Query names compare ignoring case: the docs write `entitlementtype` and `invoiceLineItemType` too.
    const lower = (q: Record<string, string>) =>
      Object.fromEntries(Object.entries(q).map(([k, v]) => [k.toLowerCase(), v]));
    const [mine, docs] = [lower(queryOf(sent.path)), lower(queryOf(doc.url!))];
    expect(Object.keys(mine).sort()).toEqual(Object.keys(docs).sort());
    for (const [k, v] of Object.entries(docs))
      if (!/[<{]/.test(v) && !/^(size|offset)$/.test(k))
        expect(mine[k]?.toLowerCase()).toBe(v.toLowerCase());
    expect(pathShape(sent.path).split('/').length).toBe(
      pathShape(doc.url!).replace('//', '/').split('/').length,
    );
  });
});

describe('the comparison reports a deliberately wrong documented request', () => {
  it('a renamed key, a changed enum spelling and a changed type are each reported', async () => {
    const sent = await createCart(NCE_LINE);
    const doc = body('carts/create-a-cart.request.nce.json') as {
      LineItems: Record<string, unknown>[];
    };
    const rules = { ignoreKeyCase: true, extraAllowed: CART_EXTRAS };
    const { CatalogItemId, ...line } = doc.LineItems[0]!;
    const renamed = { LineItems: [{ ...line, CatalogItem: CatalogItemId }] };
    expect(shapeMismatches(sent, renamed, rules)).toEqual([
      'lineItems[].catalogItemId: not in the documented request',
      'lineItems[].CatalogItem: documented but not sent',
    ]);
    const enumChanged = { LineItems: [{ ...doc.LineItems[0], BillingCycle: 'OneTime' }] };
    expect(shapeMismatches(sent, enumChanged, rules)).toEqual([
      'lineItems[].billingCycle: enum spelled "monthly", documented "OneTime"',
    ]);
    const typeChanged = { LineItems: [{ ...doc.LineItems[0], Quantity: '1' }] };
    expect(shapeMismatches(sent, typeChanged, rules)).toEqual([
      'lineItems[].quantity: sent a number, documented a string',
    ]);
  });
});
