/** Suite 1 rows: carts, checkout, orders, activation links. */
import { expect } from 'vitest';
import { CUSTOMER, row, type DecodeRow } from './harness.js';

const CARTS = `/v1/customers/${CUSTOMER}/carts`;
const ORDERS = `/v1/customers/${CUSTOMER}/orders`;
const ONE_LINE = {
  lineItems: [{ id: 0, catalogItemId: 'X', quantity: 1, billingCycle: 'monthly' }],
};

export const COMMERCE_ROWS: readonly DecodeRow[] = [
  row({
    file: 'carts/create-a-cart.response.nce.json',
    at: CARTS,
    call: (c) => c.carts.create(CUSTOMER, ONE_LINE),
    check: (cart) =>
      expect(cart).toEqual({
        id: '6b6ba6ea-d1ea-4c2c-9e1c-bec4f61e2049',
        status: 'active',
        expirationTimestamp: '2021-03-03T19:26:09.003Z',
        lineItems: [
          {
            id: 0,
            catalogItemId: 'CFQ7TTC0LFLZ:0002:CFQ7TTC0K4TS',
            quantity: 1,
            billingCycle: 'monthly',
            termDuration: 'P1M',
            orderGroup: '0',
          },
        ],
      }),
  }),
  row({
    file: 'carts/create-a-cart.response.mixed.json',
    at: CARTS,
    call: (c) => c.carts.create(CUSTOMER, ONE_LINE),
    check: (cart) => {
      expect(cart.expirationTimestamp).toBe('2019-01-16T01:00:54.418Z');
      expect(
        cart.lineItems.map((l) => [l.id, l.billingCycle, l.termDuration, l.orderGroup]),
      ).toEqual([
        [0, 'monthly', 'P1Y', 'OMS-0'],
        [1, 'one_time', 'P1Y', '0'],
        [2, 'one_time', 'P3Y', '0'],
        [3, 'one_time', undefined, '0'],
        [4, 'monthly', 'P1M', '1'],
        [5, 'none', 'P1M', '2'],
      ]);
    },
  }),
  row({
    file: 'carts/create-a-cart.response.attestation.json',
    at: CARTS,
    call: (c) => c.carts.create(CUSTOMER, ONE_LINE),
    check: (cart) => {
      expect(cart).toMatchObject({ id: '3e22b548-647d-4223-9675-1fcb6cb57665', status: 'active' });
      expect(cart.expirationTimestamp).toBe('2021-08-25T17:30:11.240Z');
      expect(cart.lineItems.map((l) => [l.catalogItemId, l.quantity, l.termDuration])).toEqual([
        ['CFQ7TTC0LH0Z:0001:CFQ7TTC0K18P', 1, 'P1M'],
        ['CFQ7TTC0LFLS:0002:CFQ7TTC0KDLJ', 2, 'P1Y'],
      ]);
    },
  }),
  row({
    file: 'carts/create-a-cart-with-add-ons.response.existing-base.json',
    at: CARTS,
    call: (c) => c.carts.create(CUSTOMER, ONE_LINE),
    check: (cart) =>
      expect(cart.lineItems).toEqual([
        {
          id: 0,
          catalogItemId: 'C94271D8-B431-4A25-A3C5-A57737A1C909',
          quantity: 1,
          billingCycle: 'annual',
          orderGroup: 'OMS-0',
        },
      ]),
  }),
  row({
    // Nested `addonItems` are not cart lines of their own for the agent (it buys no add-on carts).
    file: 'carts/create-a-cart-with-add-ons.response.new-base.json',
    at: CARTS,
    call: (c) => c.carts.create(CUSTOMER, ONE_LINE),
    check: (cart) => {
      expect(cart.id).toBe('dbe2f8d4-f21d-43e2-9356-cff6387c4ba1');
      expect(cart.lineItems.map((l) => [l.id, l.quantity, l.friendlyName])).toEqual([
        [0, 3, 'Myofferpurchase'],
      ]);
    },
  }),
  row({
    // PUT is answered 201; the body has no `status` and a PascalCase `ProvisioningContext`.
    file: 'carts/update-a-cart.response.json',
    at: `${CARTS}/b4c8fdea-cbe4-4d17-9576-13fcacbf9605`,
    call: (c) => c.carts.update(CUSTOMER, 'b4c8fdea-cbe4-4d17-9576-13fcacbf9605', ONE_LINE),
    check: (cart) =>
      expect(cart).toEqual({
        id: 'b4c8fdea-cbe4-4d17-9576-13fcacbf9605',
        status: 'unknown',
        lineItems: [
          {
            id: 0,
            catalogItemId: 'DG7GMGF0DWTL:0001:DG7GMGF0DSJB',
            quantity: 2,
            billingCycle: 'one_time',
            friendlyName: 'A_sample_Azure_RI',
            orderGroup: '0',
          },
        ],
      }),
  }),
  row({
    // Non-GUID order ids; reservation lines without subscriptionId; one order per order group.
    file: 'carts/checkout-a-cart.response.json',
    at: `${CARTS}/cart-1/checkout`,
    call: (c) => c.carts.checkout(CUSTOMER, 'cart-1'),
    check: (result) => {
      expect(result.orderErrors).toEqual([]);
      expect(result.orders.map((o) => [o.id, o.status, o.billingCycle])).toEqual([
        ['3c6f2530-1e31-4088-8230-dd1c31a18bce', 'completed', 'monthly'],
        ['311qiN8iFwkv-XARWMvXRYAwYKMACVqv1', 'pending', 'one_time'],
        ['HVu_cO8Ea7fNRQP4ia1QTpZap-kg_7P71', 'pending', 'monthly'],
      ]);
      expect(result.orders[0]!.lineItems[0]).toMatchObject({
        offerId: 'MS-AZR-0145P',
        subscriptionId: 'ef2e1307-86e6-40e3-a794-872403fbd31c',
      });
      expect(result.orders[0]!.creationDate).toBe('2019-01-16T00:48:44.760Z');
      const reservation = result.orders[1]!.lineItems[0]!;
      expect(reservation).toMatchObject({
        productId: 'DZH318Z0BQ36',
        skuId: '004G',
        termDuration: 'P1Y',
      });
      expect(reservation.subscriptionId).toBeUndefined();
    },
  }),
  row({
    file: 'carts/checkout-a-cart.response.attestation.json',
    at: `${CARTS}/cart-1/checkout`,
    call: (c) => c.carts.checkout(CUSTOMER, 'cart-1'),
    check: (result) => {
      expect(result.orders.map((o) => [o.id, o.status, o.creationDate])).toEqual([
        ['f76c6b7f449d', 'pending', '2021-08-18T07:52:23.192Z'],
      ]);
      expect(
        result.orders[0]!.lineItems.map((l) => [l.lineItemNumber, l.subscriptionId, l.quantity]),
      ).toEqual([
        [0, 'ebc0beef-7ffb-4044-c074-16f324432139', 1],
        [1, '261bac40-7d88-4327-dfa3-dacd09222d62', 2],
      ]);
    },
  }),
  row({
    file: 'orders/get-an-order-by-id.response.json',
    at: `${ORDERS}/YxH1q4KScfvfkJQjgRI8QY1DznnUWZTH1`,
    call: (c) => c.orders.get(CUSTOMER, 'YxH1q4KScfvfkJQjgRI8QY1DznnUWZTH1'),
    check: (order) =>
      expect(order).toEqual({
        id: 'YxH1q4KScfvfkJQjgRI8QY1DznnUWZTH1',
        customerId: CUSTOMER,
        status: 'completed',
        billingCycle: 'one_time',
        creationDate: '2018-03-13T22:49:54.339Z',
        lineItems: [
          {
            lineItemNumber: 0,
            offerId: 'DZH318Z0BQ4Z:002L:DZH318Z0CMNP',
            productId: 'DZH318Z0BQ4Z',
            skuId: '002L',
            quantity: 1,
            billingCycle: 'one_time',
            friendlyName: 'Reserved_VM_Instance_Standard_NC12_AU_East_1_Year',
          },
        ],
      }),
  }),
  row({
    file: 'orders/get-all-of-a-customer-s-orders.response.json',
    at: ORDERS,
    call: (c) => c.orders.list(CUSTOMER),
    check: (orders) => {
      expect(orders.map((o) => [o.id, o.status, o.billingCycle, o.creationDate])).toEqual([
        ['9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1', 'pending', 'one_time', '2018-03-15T02:17:15.645Z'],
        // "2018-03-06T17:37:05.253-08:00" in UTC.
        [
          'eeba9d00-7b46-443a-917e-22887a8fc993',
          'completed',
          'monthly',
          '2018-03-07T01:37:05.253Z',
        ],
      ]);
      expect(orders[1]!.lineItems[0]).toMatchObject({
        offerId: 'E59159FC-6F67-4599-B3CB-17FF4020F643',
        subscriptionId: 'db8c695b-1c3c-4c55-b697-771503dd46bf',
      });
    },
  }),
  row({
    file: 'orders/get-a-list-of-orders-by-customer-and-billing-cycle-type.response.json',
    at: `${ORDERS}?billingType=onetime`,
    call: (c) => c.orders.listByBillingType(CUSTOMER, 'one_time'),
    check: (orders) =>
      expect(orders.map((o) => [o.id, o.billingCycle, o.lineItems[0]!.skuId])).toEqual([
        ['9qg-ErcO-4MPbPqq_3MIQaS7bn8W6HfG1', 'one_time', '000Z'],
        ['s-BZlr_TeGksPNT61SsWRL-sqMaKbyVa1', 'one_time', '002P'],
      ]),
  }),
  row({
    file: 'orders/get-activation-link-by-order-line-item.response.json',
    at: `${ORDERS}/03fb46b3-bf8c-49aa-b908-ca2e93bcc04a/lineitems/0/activationlinks`,
    call: (c) => c.activationLinks.byLineItem(CUSTOMER, '03fb46b3-bf8c-49aa-b908-ca2e93bcc04a', 0),
    check: (links) => expect(links).toEqual([{ lineItemNumber: 0, uri: '<link populated here>' }]),
  }),
];
