/**
 * Suite 3, customers, billing and errors: the sandbox answers customers list / by id, invoices
 * list / by id / summaries / balance / billed one-time line items / unbilled recon line items,
 * and its error bodies (400, 404, 429) in the shape of Microsoft's documented examples
 * (test/wire/corpus/customers, billing, errors). Also shows that the comparison fails, naming
 * JSON paths, on a deliberately wrong fixture.
 */
import { describe, expect, it } from 'vitest';
import { CONTOSO, DAY, boot } from '../sandbox/helpers.js';
import { fixture, type JsonValue } from './corpus.js';
import { check, compareShape } from './shape.js';

/** Contact details and locale the sandbox's customers do not have (the seed holds name, domain, country). */
const CONTACT_OMIT = Object.fromEntries(
  [
    '$.companyProfile.address',
    '$.companyProfile.email',
    '$.billingProfile.firstName',
    '$.billingProfile.lastName',
    '$.billingProfile.email',
    '$.billingProfile.culture',
    '$.billingProfile.language',
    '$.billingProfile.attributes.etag',
    ...['city', 'state', 'addressLine1', 'postalCode', 'firstName', 'lastName', 'phoneNumber'].map(
      (key) => `$.billingProfile.defaultAddress.${key}`,
    ),
  ].map((path) => [path, 'contact detail or locale; the seed holds name, domain and country only']),
);

const NO_TAX_RECEIPTS = { '**.taxReceipts': 'the sandbox issues no tax receipts' };
const NO_QUALIFIERS = {
  '$.items[].productQualifiers[]': 'no add-on/trial qualifiers on sandbox lines ([])',
};
const UNBILLED =
  '/v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode=usd';

describe('customers, billing and errors', () => {
  it('customers: list and by id', async () => {
    const { api } = await boot();
    check(
      'customers/get-a-list-of-customers.response.json',
      await api.get('/v1/customers?size=40'),
    );
    check(
      'customers/get-a-customer-by-id.response.json',
      await api.get(`/v1/customers/${CONTOSO}`),
      { omit: CONTACT_OMIT },
    );
  });

  it('invoices: list, by id, summaries, balance, billed one-time and unbilled recon line items', async () => {
    const { api, sandbox } = await boot();
    await api.buyLicense(CONTOSO, 'CFQ7TTC0LCHC', '0002', 10);
    await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 2);
    // Pages of one line so that `links.next` and `continuationToken` are printed, as documented.
    check(
      'billing/get-invoice-unbilled-recon-lineitems.response.json',
      await api.get(`${UNBILLED}&period=current&size=1`),
      { omit: NO_QUALIFIERS },
    );
    sandbox.clock.advance(40 * DAY);
    await api.buyLicense(CONTOSO, 'CFQ7TTC0LH16', '0001', 1);
    await api.buyLicense(CONTOSO, 'CFQ7TTC0L3PB', '0001', 1);
    sandbox.clock.advance(40 * DAY);
    const list = await api.get('/v1/invoices?size=1&offset=0');
    check('billing/get-a-collection-of-invoices.response.json', list, { omit: NO_TAX_RECEIPTS });
    const id = list.body.items[0].id;
    check('billing/get-invoice-by-id.response.json', await api.get(`/v1/invoices/${id}`), {
      omit: NO_TAX_RECEIPTS,
    });
    check('billing/get-invoice-summaries.response.json', await api.get('/v1/invoices/summaries'));
    check(
      'billing/get-the-reseller-s-current-account-balance.response.json',
      await api.get('/v1/invoices/summary'),
    );
    check(
      'billing/get-invoiceline-items.response.onetime.json',
      await api.get(`/v1/invoices/${id}/lineitems/OneTime/BillingLineItems?size=1&offset=0`),
      { omit: NO_QUALIFIERS },
    );
  });

  it('errors: {code (number), description, data (strings), source}; 429 {statusCode, message}', async () => {
    const { api, sandbox } = await boot({ rateLimitPerMinute: 3 });
    check(
      'errors/get-partner-by-mpn-id.response.404.json',
      await api.get(`/v1/customers/${CONTOSO}/subscriptions/00000000-0000-0000-0000-000000000000`),
    );
    const premium = await api.catalogItemId(CONTOSO, 'CFQ7TTC0LCHC', '0002');
    const cart = await api.createCart(CONTOSO, [
      { catalogItemId: premium, quantity: 500, billingCycle: 'monthly', termDuration: 'P1Y' },
    ]);
    // Every group failing: 400 800009 whose `data` names the failures (as strings).
    check(
      'errors/assign-licenses-to-a-user.response.400.json',
      await api.post(`/v1/customers/${CONTOSO}/carts/${cart.body.id}/checkout`),
    );
    check(
      'errors/verify-indirect-reseller-mpa-status.response.400-non-guid-tenant.json',
      await api.get(`/v1/customers/${CONTOSO}/orders?billingType=weekly`),
    );
    for (let i = 0; i < 3; i++) await api.get(`/v1/customers/${CONTOSO}/subscriptions`);
    const limited = await api.get(`/v1/customers/${CONTOSO}/subscriptions`);
    check('errors/api-throttling-guidance.response.429.json', limited);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    sandbox.faults.add({ match: 'GET /v1/customers/*', kind: 'throttle', retryAfterSeconds: 57 });
    const thrown = await api.get(`/v1/customers/${CONTOSO}`);
    check('errors/api-throttling-guidance.response.429.json', thrown);
    expect(thrown.headers['retry-after']).toBe('57');
  });
});

describe('the comparison on a deliberately wrong fixture', () => {
  it('reports a renamed key, a number turned into a string, an extra key and a misspelt enum, by JSON path', async () => {
    const { api } = await boot();
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 1);
    const answer = (await api.get(`/v1/customers/${CONTOSO}/subscriptions/${sub.id}`)).body;
    const documented = fixture('subscriptions/get-a-subscription-by-id.response.nce.json')
      .body as Record<string, JsonValue>;
    expect(compareShape(documented, answer)).toEqual([]);

    const { offerName, quantity, refundOptions, ...rest } = documented;
    const [firstRefund] = refundOptions as Record<string, JsonValue>[];
    const mutated: JsonValue = {
      ...rest,
      offerTitle: offerName ?? null, // key renamed
      quantity: JSON.stringify(quantity), // number turned into a string
      refundOptions: [{ ...firstRefund, expiresAt: 1_700_000_000 }], // nested string turned into a number
    };
    const mismatches = compareShape(mutated, answer);
    expect(mismatches).toHaveLength(3);
    expect(mismatches).toEqual(
      expect.arrayContaining([
        { path: '$.quantity', problem: 'type', detail: 'documented string, answered number' },
        {
          path: '$.refundOptions[0].expiresAt',
          problem: 'type',
          detail: 'documented number, answered string',
        },
        { path: '$.offerTitle', problem: 'missing', detail: 'documented key "offerTitle" absent' },
      ]),
    );

    // The answer side: an enum in another spelling, and (strict) a key the example lacks.
    const wrongAnswer = {
      ...answer,
      billingCycle: 'Month',
      productType: { id: 'OnlineServicesNce' },
    };
    const found = compareShape(documented, wrongAnswer, { strict: true });
    expect(found.map((m) => `${m.path} ${m.problem}`)).toEqual(
      expect.arrayContaining([
        '$.billingCycle enum',
        '$.productType.id enum',
        '$.productType.displayName missing',
        '$.refundableQuantity extra',
        '$.cancellationAllowedUntilDate extra',
      ]),
    );
  });
});
