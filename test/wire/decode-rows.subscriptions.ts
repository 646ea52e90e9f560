/** Suite 1 rows: subscriptions (list, by id, by order), PATCH answers incl. 202, registrations. */
import { expect } from 'vitest';
import type { SubscriptionChange } from '../../src/partnercenter/index.js';
import { CUSTOMER, errorRow, row, SUBSCRIPTION, type DecodeRow, type Served } from './harness.js';

const SUBS = `/v1/customers/${CUSTOMER}/subscriptions`;
const SUB = `${SUBS}/${SUBSCRIPTION}`;
const NCE_ID = 'a4c1340d-6911-4758-bba3-0c4c6007d161';

/** The GET the client makes before a PATCH, answered with a documented resource. */
const readBeforePatch = (file: string): Served => ({ file, at: SUB, method: 'GET', status: 200 });
const patch = (change: SubscriptionChange) => (c: Parameters<DecodeRow['call']>[0]) =>
  c.subscriptions.update(CUSTOMER, SUBSCRIPTION, change);

const QUANTITY_REQUEST = 'subscriptions/change-the-quantity-of-a-subscription.request.json';
const MARKETPLACE =
  'subscriptions/update-autorenew-for-an-azure-marketplace-subscription.response.json';
const NEXT_TERM = {
  productId: 'DG7GMGF0DVSV',
  skuId: '000P',
  availabilityId: 'DG7GMGF0F3Q9',
  billingCycle: 'annual',
  termDuration: 'P3Y',
  quantity: 1,
};

export const SUBSCRIPTION_ROWS: readonly DecodeRow[] = [
  row({
    file: 'subscriptions/get-a-subscription-by-id.response.nce.json',
    at: `${SUBS}/${NCE_ID}`,
    call: (c) => c.subscriptions.get(CUSTOMER, NCE_ID),
    check: (s) =>
      expect(s).toEqual({
        id: NCE_ID,
        customerId: CUSTOMER,
        offerId: 'CFQ7TTC0LH18:0001:CFQ7TTC0K971',
        productId: 'CFQ7TTC0LH18',
        skuId: '0001',
        friendlyName: 'Microsoft 365 Business Basic',
        quantity: 1,
        status: 'expired',
        autoRenewEnabled: false,
        termDuration: 'P1Y',
        billingCycle: 'monthly',
        creationDate: '2021-01-14T16:57:15.096Z',
        commitmentEndDate: '2022-01-13T00:00:00Z',
        refundOptions: [{ type: 'Full', expiresAt: '2021-01-15T00:00:00Z' }],
        orderId: '34b37d7340cc',
        isTrial: false,
      }),
  }),
  row({
    // Legacy offer id (a GUID, no productId:skuId prefix) names the product.
    file: 'subscriptions/get-a-subscription-by-id.response.add-on.json',
    at: `${SUBS}/968BA1CF-C146-4ADF-A300-308DCF718EEE`,
    call: (c) => c.subscriptions.get(CUSTOMER, '968BA1CF-C146-4ADF-A300-308DCF718EEE'),
    check: (s) =>
      expect(s).toMatchObject({
        id: '968ba1cf-c146-4adf-a300-308dcf718eee',
        offerId: '2828BE95-46BA-4F91-B2FD-0BEF192ECF60',
        productId: '2828BE95-46BA-4F91-B2FD-0BEF192ECF60',
        skuId: '',
        quantity: 2,
        autoRenewEnabled: true,
        creationDate: '2017-01-25T23:01:08.693Z',
        orderId: 'CF3B0E37-BE0B-4CDD-B584-D1A97D98A922',
      }),
  }),
  row({
    file: 'subscriptions/get-a-subscription-by-id.response.azure.json',
    at: `${SUBS}/A356AC8C-E310-44F4-BF85-C7F29044AF99`,
    call: (c) => c.subscriptions.get(CUSTOMER, 'A356AC8C-E310-44F4-BF85-C7F29044AF99'),
    check: (s) =>
      expect(s).toMatchObject({
        id: 'a356ac8c-e310-44f4-bf85-c7f29044af99',
        offerId: 'MS-AZR-0145P',
        productId: 'MS-AZR-0145P',
        status: 'active',
        commitmentEndDate: '9999-12-10T00:00:00Z',
      }),
  }),
  row({
    // Old sample: no offerId (the offer is only in links.offer.uri), dates "2015-11-25T06: 41: 12Z".
    file: 'subscriptions/get-all-of-a-customer-s-subscriptions.response.json',
    at: SUBS,
    call: (c) => c.subscriptions.readList(CUSTOMER),
    check: (read) => {
      expect(read.unreadable).toEqual([]);
      expect(read.subscriptions).toEqual([
        expect.objectContaining({
          id: SUBSCRIPTION,
          offerId: '0CCA44D6-68E9-4762-94EE-31ECE98783B9',
          quantity: 1,
          status: 'active',
          creationDate: '2015-11-25T06:41:12Z',
          commitmentEndDate: '2016-12-12T08:00:00Z',
          orderId: '6183db3d-6318-4e52-877e-25806e4971be',
        }),
      ]);
    },
  }),
  row({
    file: 'subscriptions/get-all-of-a-customer-s-subscriptions.response.software.json',
    at: SUBS,
    call: (c) => c.subscriptions.list(CUSTOMER),
    check: (list) =>
      expect(list).toEqual([
        expect.objectContaining({
          id: '924671ba-eab9-45d7-95ed-dbd9477f182b',
          productId: 'DG7GMGF0FKZV',
          skuId: '0003',
          billingCycle: 'triennial',
          termDuration: 'P3Y',
          cancellationAllowedUntilDate: '2021-11-14T23:59:00Z',
          orderId: '12345678901',
        }),
      ]),
  }),
  row({
    file: 'subscriptions/get-a-list-of-subscriptions-by-order.response.json',
    at: `${SUBS}?order_id=ord-1`,
    call: (c) => c.subscriptions.listByOrder(CUSTOMER, 'ord-1'),
    check: (list) =>
      expect(list.map((s) => [s.id, s.quantity, s.friendlyName, s.orderId])).toEqual([
        [SUBSCRIPTION, 1, 'Myofferpurchase', '{id-for-order}'],
      ]),
  }),
  row({
    file: 'subscriptions/cancel-an-azure-marketplace-subscription.response.json',
    at: SUB,
    before: [readBeforePatch(MARKETPLACE)],
    call: patch({ kind: 'status', status: 'deleted' }),
    check: (r) => {
      expect(r.completion).toBe('immediate');
      expect(r.subscription).toMatchObject({
        status: 'deleted',
        orderId: 'ImxjLNL4_fOc-2KoyOxGTZcrlIquzls11',
        // "+00:00" offsets and 7-digit fractions normalised to UTC milliseconds.
        commitmentEndDate: '2019-02-08T00:21:45.926Z',
        refundOptions: [{ type: 'Full', expiresAt: '2019-01-10T00:21:45.926Z' }],
      });
    },
  }),
  row({
    // 202 + Location (no /v1, no body), then the poll at that Location.
    file: 'subscriptions/change-the-quantity-of-a-subscription.response.accepted.json',
    at: SUB,
    before: [readBeforePatch(QUANTITY_REQUEST)],
    after: [
      {
        file: 'subscriptions/change-the-quantity-of-a-subscription.response.json',
        at: SUB,
        method: 'GET',
      },
    ],
    call: async (c, wire) => ({
      result: await c.subscriptions.update(CUSTOMER, SUBSCRIPTION, {
        kind: 'quantity',
        quantity: 2,
      }),
      calls: wire.seen.map((s) => `${s.method} ${s.path}`),
    }),
    check: ({ result, calls }) => {
      expect(result.completion).toBe('accepted');
      expect(result.subscription).toMatchObject({ id: SUBSCRIPTION, quantity: 2 });
      expect(calls).toEqual([`GET ${SUB}`, `PATCH ${SUB}`, `GET ${SUB}`]);
    },
  }),
  row({
    // PascalCase answer without offerId (the offer only in Links.Offer.Uri).
    file: 'subscriptions/change-the-quantity-of-a-subscription.response.json',
    at: SUB,
    before: [readBeforePatch(QUANTITY_REQUEST)],
    call: patch({ kind: 'quantity', quantity: 2 }),
    check: (r) =>
      expect(r.subscription).toMatchObject({
        id: SUBSCRIPTION,
        quantity: 2,
        offerId: '0CCA44D6-68E9-4762-94EE-31ECE98783B9',
        creationDate: '2015-11-25T06:41:12Z',
      }),
  }),
  ...['subscriptions', 'errors'].map((folder) =>
    errorRow({
      file: `${folder}/change-the-quantity-of-a-subscription.response.nce-decrease-error.json`,
      at: SUB,
      before: [readBeforePatch('subscriptions/get-a-subscription-by-id.response.nce.json')],
      call: patch({ kind: 'quantity', quantity: 0 }),
      // Numeric `code: 800090` on the wire.
      check: (e) =>
        expect(e).toMatchObject({
          code: '800090',
          status: 400,
          kind: 'decrease-window-closed',
          retry: 'never',
        }),
    }),
  ),
  row({
    file: 'subscriptions/create-scheduled-changes.response.json',
    at: SUB,
    before: [readBeforePatch(MARKETPLACE)],
    call: patch({ kind: 'scheduled-next-term', instructions: NEXT_TERM }),
    // billingCycle "Annual" on the wire.
    check: (r) => expect(r.subscription.scheduledNextTermInstructions).toEqual(NEXT_TERM),
  }),
  row({
    file: 'subscriptions/manage-billing-frequency-software-subs.response.json',
    at: SUB,
    before: [readBeforePatch('subscriptions/manage-billing-frequency-software-subs.request.json')],
    call: patch({ kind: 'scheduled-next-term', instructions: NEXT_TERM }),
    check: (r) =>
      expect(r.subscription).toMatchObject({
        billingCycle: 'triennial',
        cancellationAllowedUntilDate: '2021-10-14T23:59:00Z',
        scheduledNextTermInstructions: NEXT_TERM,
        orderId: '123456789101',
      }),
  }),
  row({
    file: 'subscriptions/suspend-a-subscription.response.json',
    at: SUB,
    before: [readBeforePatch(QUANTITY_REQUEST)],
    call: patch({ kind: 'status', status: 'suspended' }),
    check: (r) => expect(r.subscription).toMatchObject({ id: SUBSCRIPTION, status: 'suspended' }),
  }),
  row({
    file: 'subscriptions/reactivate-a-suspended-a-subscription.response.json',
    at: SUB,
    before: [readBeforePatch('subscriptions/suspend-a-subscription.response.json')],
    call: patch({ kind: 'status', status: 'active' }),
    check: (r) => expect(r.subscription).toMatchObject({ id: SUBSCRIPTION, status: 'active' }),
  }),
  row({
    file: 'subscriptions/update-autorenew-for-an-azure-marketplace-subscription.response.json',
    at: SUB,
    before: [readBeforePatch('subscriptions/create-scheduled-changes.response.json')],
    call: patch({ kind: 'auto-renew', enabled: false }),
    check: (r) =>
      expect(r.subscription).toMatchObject({ autoRenewEnabled: false, termDuration: 'P1M' }),
  }),
  errorRow({
    // The docs print the placeholder "<subscriptionID>" as the id: the client does not invent one.
    file: 'subscriptions/update-the-nickname-for-a-subscription.response.json',
    at: SUB,
    before: [readBeforePatch(QUANTITY_REQUEST)],
    call: patch({ kind: 'friendly-name', friendlyName: 'nickname' }),
    check: (e) => {
      expect(e).toMatchObject({ code: 'malformed-response', status: 200 });
      expect(String(e['message'])).toMatch(/subscription\.id/);
    },
  }),
  row({
    // 202, empty body, Location without /v1 (placeholders filled with the call's ids).
    file: 'subscriptions/register-a-subscription.response.json',
    at: `${SUB}/registrations`,
    call: (c) => c.registrations.register(CUSTOMER, SUBSCRIPTION, { requestId: 'r-1' }),
    check: (r) =>
      expect(r).toEqual({
        status: 202,
        requestId: 'r-1',
        location: `/customers/${CUSTOMER}/subscriptions/${SUBSCRIPTION}/registrationstatus`,
      }),
  }),
  row({
    // The body echoes "<subscription-id>": the status is keyed on the subscription asked about.
    file: 'subscriptions/get-subscription-registration-status.response.json',
    at: `${SUB}/registrationstatus`,
    call: (c) => c.registrations.status(CUSTOMER, SUBSCRIPTION),
    check: (r) => expect(r).toEqual({ azureSubscriptionId: SUBSCRIPTION, status: 'notRegistered' }),
  }),
];
