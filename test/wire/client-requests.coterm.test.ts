/**
 * Suite 2, co-terming: a cart line carrying a `customTermEndDate` (issue 16, `coterm`) sends it
 * as the documented create-a-cart request example does — `"customTermEndDate":
 * "2022-02-19T00:00:00Z"` on the line, camelCase, an ISO instant at UTC midnight — and a line
 * without one sends no such key. The echoed date is read back onto the cart line.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPartnerCenterGateway } from '../../src/app/partner-center-gateway.js';
import { fixture, type Fixture } from './corpus.js';
import { createWire, CUSTOMER, shapeMismatches, type Wire } from './harness.js';

let wire = createWire();
afterEach(async () => {
  await wire.close();
  wire = createWire();
});

const sent = (w: Wire) => JSON.parse(w.seen[0]!.body) as { lineItems: Record<string, unknown>[] };
const LINE = {
  catalogItemId: 'CFQ7TTC0LH0Z:0001:CFQ7TTC0K18P',
  quantity: 1,
  billingCycle: 'monthly',
  termDuration: 'P1M',
};

/** The NCE cart response with the line echoing `customTermEndDate` (no example prints one). */
function echoing(date: string): Fixture {
  const fx = structuredClone(fixture('carts/create-a-cart.response.nce.json'));
  const body = fx.body as { lineItems: Record<string, unknown>[] };
  body.lineItems[0]!['customTermEndDate'] = date;
  return fx;
}

describe('co-termed cart lines', () => {
  it('sends customTermEndDate on the line as the documented example spells and formats it', async () => {
    wire.serve(echoing('2022-02-19T00:00:00Z'), `/v1/customers/${CUSTOMER}/carts`);
    const cart = await createPartnerCenterGateway(wire.client).createCart(
      CUSTOMER,
      [{ ...LINE, customTermEndDate: '2022-02-19T00:00:00Z' }],
      'req-1',
    );
    expect(cart.lineErrors).toEqual([]);
    const line = sent(wire).lineItems[0];
    expect(line?.['customTermEndDate']).toBe('2022-02-19T00:00:00Z');
    const rules = {
      ignoreKeyCase: true,
      extraAllowed: {
        'lineItems[].id': 'lines are numbered (create-a-cart table); errors trace back by it',
        PartnerOnRecordAttestationAccepted: 'required for NCE by the create-a-cart table',
        'lineItems[].customTermEndDate':
          'the 2023 create-a-cart request example sends "customTermEndDate": "2022-02-19T00:00:00Z"',
      },
    };
    expect(
      shapeMismatches(sent(wire), fixture('carts/create-a-cart.request.nce.json').body, rules),
    ).toEqual([]);
  });

  it('a line without a co-termed end sends no customTermEndDate key', async () => {
    wire.serve(fixture('carts/create-a-cart.response.nce.json'), `/v1/customers/${CUSTOMER}/carts`);
    await createPartnerCenterGateway(wire.client).createCart(CUSTOMER, [LINE], 'req-1');
    expect(Object.keys(sent(wire).lineItems[0] ?? {})).not.toContain('customTermEndDate');
  });

  it('reads the echoed date back onto the cart line (the list form without an offset is UTC)', async () => {
    wire.serve(echoing('2022-02-19T00:00:00'), `/v1/customers/${CUSTOMER}/carts`);
    const cart = await wire.client.carts.create(CUSTOMER, {
      lineItems: [{ id: 0, ...LINE, customTermEndDate: '2022-02-19T00:00:00Z' }],
    });
    expect(cart.lineItems[0]?.customTermEndDate).toBe('2022-02-19T00:00:00Z');
  });
});
