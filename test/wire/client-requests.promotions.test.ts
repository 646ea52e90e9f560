/**
 * Suite 2, promotions: the requests the client builds for the promotions list, a promotion by
 * id and the eligibility check match the documented requests (test/wire/corpus/promotions),
 * and a cart line carrying a promotion sends it as `promotionId`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPartnerCenterGateway } from '../../src/app/partner-center-gateway.js';
import { fixture } from './corpus.js';
import { createWire, CUSTOMER, pathShape, queryOf, shapeMismatches, type Wire } from './harness.js';

let wire = createWire();
afterEach(async () => {
  await wire.close();
  wire = createWire();
});

const sent = (w: Wire) => w.seen[0]!;

describe('promotion requests', () => {
  it('list: GET /v1/productpromotions with the documented query names and values', async () => {
    const doc = fixture('promotions/get-promotions.request.json');
    wire.serve(
      fixture('promotions/get-promotions.response.json'),
      '/v1/productpromotions?country=US&segment=commercial',
    );
    await wire.client.promotions.list('US');
    expect(sent(wire).method).toBe('GET');
    expect(pathShape(sent(wire).path)).toBe(pathShape(doc.url!));
    expect(queryOf(sent(wire).path)).toEqual(queryOf(doc.url!));
    expect(wire.pending()).toEqual([]);
  });

  it('by id: the id in the path with its colons as printed, and the country', async () => {
    const doc = fixture('promotions/get-promotion-by-id.request.json');
    const path = '/v1/productpromotions/CFQ7TTC0HD33:0003:CFQ7TTC0K59M?country=US';
    wire.serve(fixture('promotions/get-promotion-by-id.response.json'), path);
    await wire.client.promotions.get('CFQ7TTC0HD33:0003:CFQ7TTC0K59M', 'US');
    expect(sent(wire).path).toBe(doc.url!.replace('https://api.partnercenter.microsoft.com', ''));
    expect(sent(wire).path).toBe(path);
  });

  it('eligibility: the documented body exactly (camelCase, billingCycle "Monthly")', async () => {
    const doc = fixture('promotions/verify-promotion-eligibility.request.json');
    wire.serve(
      fixture('promotions/verify-promotion-eligibility.response.json'),
      `/v1/customers/${CUSTOMER}/promotionEligibilities`,
    );
    await wire.client.promotions.verifyEligibility(CUSTOMER, [
      {
        catalogItemId: 'CFQ7TTC0KZ59:0001:CFQ7TTC0KZ59',
        quantity: 1,
        termDuration: 'P1Y',
        billingCycle: 'monthly',
        promotionId: 'CFQ7TTC0HL8W:0001:CFQ7TTC0K59M',
      },
    ]);
    const body = JSON.parse(sent(wire).body) as { items: Record<string, unknown>[] };
    expect(sent(wire).method).toBe('POST');
    const documentedPath = pathShape(doc.url!).replace(/[0-9a-f-]{36}/, CUSTOMER);
    expect(pathShape(sent(wire).path)).toBe(documentedPath);
    expect(shapeMismatches(body, doc.body)).toEqual([]);
    // Case matters to nobody we know of, but the documented spelling is sent.
    expect(body.items[0]?.['billingCycle']).toBe('Monthly');
  });

  it('cart: a line with a promotion sends `promotionId`, otherwise the NCE sample shape', async () => {
    wire.serve(fixture('carts/create-a-cart.response.nce.json'), `/v1/customers/${CUSTOMER}/carts`);
    await createPartnerCenterGateway(wire.client).createCart(
      CUSTOMER,
      [
        {
          catalogItemId: 'CFQ7TTC0LFLZ:0002:CFQ7TTC0K4TS',
          quantity: 1,
          billingCycle: 'monthly',
          termDuration: 'P1M',
          promotionId: '39NFJQT1PJQB:0001:39NFJQT1Q5KN',
        },
      ],
      'req-1',
    );
    const body = JSON.parse(sent(wire).body) as { lineItems: Record<string, unknown>[] };
    expect(body.lineItems[0]?.['promotionId']).toBe('39NFJQT1PJQB:0001:39NFJQT1Q5KN');
    const rules = {
      ignoreKeyCase: true,
      extraAllowed: {
        'lineItems[].id': 'lines are numbered (create-a-cart table); errors trace back by it',
        PartnerOnRecordAttestationAccepted: 'required for NCE by the create-a-cart table',
        'lineItems[].promotionId':
          'CartLineItem.PromotionId (.NET SDK, cart-resources); no documented cart prints one',
      },
    };
    expect(
      shapeMismatches(body, fixture('carts/create-a-cart.request.nce.json').body, rules),
    ).toEqual([]);
  });
});
