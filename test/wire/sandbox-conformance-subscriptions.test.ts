/**
 * Suite 3, subscriptions, registrations and entitlements: the sandbox answers subscriptions by
 * id / list / `?order_id=` / add-ons / provisioning status, the PATCH quantity answers (200, 202,
 * 400), registrations (202) and registration status, and entitlements in the shape of
 * Microsoft's documented examples (test/wire/corpus/subscriptions, entitlements), in both dialects.
 */
import { describe, expect, it } from 'vitest';
import { CONTOSO, CONTOSO_AZURE_PLAN, boot } from '../sandbox/helpers.js';
import { check, STATUS, documentedResources, type ConformanceOptions } from './shape.js';

const SUBS = `/v1/customers/${CONTOSO}/subscriptions`;

/** Legacy (pre-NCE) subscription fields of the older examples, which NCE subscriptions do not have. */
const LEGACY_OMIT = {
  '**.links.offer': 'legacy offer link; NCE subscriptions link product/sku/availability instead',
  '$.items[].entitlementId':
    'legacy licence entitlement id; the sandbox prints it on the Azure plan only (as get-a-subscription-by-id.azure)',
};

describe.each(['extended', 'documented'] as const)('subscriptions in the %s dialect', (dialect) => {
  const strict = dialect === 'documented';
  const subscriptions = documentedResources('subscription');
  const subscription = (at: string, omit: Record<string, string> = {}): ConformanceOptions => ({
    strict,
    elsewhere: { at, examples: subscriptions },
    enums: { [`${at}.status`]: STATUS.subscription },
    omit: { ...LEGACY_OMIT, ...omit },
    extra: {
      '$.links':
        'collection self link, as every sandbox collection (printed in the software list example)',
    },
  });
  const seededAzurePlan = {
    orderId: 'the seeded Azure plan was bought outside the sandbox: it has no order',
  };

  it('subscription by id (NCE, Azure plan, add-on), list, ?order_id=, add-ons, provisioning status', async () => {
    const { api } = await boot({ dialect });
    const nce = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 1);
    check(
      'subscriptions/get-a-subscription-by-id.response.nce.json',
      await api.get(`${SUBS}/${nce.id}`),
      subscription('$'),
    );
    check(
      'subscriptions/get-a-subscription-by-id.response.azure.json',
      await api.get(`${SUBS}/${CONTOSO_AZURE_PLAN}`),
      subscription('$', { '$.orderId': seededAzurePlan.orderId }),
    );
    const base = await api.buyLicense(CONTOSO, 'CFQ7TTC0LF8Q', '0001', 5);
    const cart = await api.createCart(CONTOSO, [
      {
        id: 0,
        catalogItemId: await api.catalogItemId(CONTOSO, 'CFQ7TTC0J1FV', '0001'),
        quantity: 1,
        billingCycle: 'monthly',
        termDuration: 'P1Y',
        provisioningContext: { parentSubscriptionId: base.id },
      },
    ]);
    const bought = await api.post(`/v1/customers/${CONTOSO}/carts/${cart.body.id}/checkout`);
    const addOnId = bought.body.orders[0].lineItems[0].subscriptionId;
    check(
      'subscriptions/get-a-subscription-by-id.response.add-on.json',
      await api.get(`${SUBS}/${addOnId}`),
      subscription('$'),
    );
    check(
      'subscriptions/get-a-list-of-add-ons-for-a-subscription.response.json',
      await api.get(`${SUBS}/${base.id}/addons`),
      subscription('$.items[]'),
    );
    // The list starts with the seeded Azure plan (no order).
    check(
      'subscriptions/get-all-of-a-customer-s-subscriptions.response.json',
      await api.get(SUBS),
      subscription('$.items[]', { '$.items[].orderId': seededAzurePlan.orderId }),
    );
    check(
      'subscriptions/get-a-list-of-subscriptions-by-order.response.json',
      await api.get(`${SUBS}?order_id=${nce.orderId}`),
      subscription('$.items[]'),
    );
    check(
      'subscriptions/get-subscription-provisioning-status.response.json',
      await api.get(`${SUBS}/${nce.id}/provisioningstatus`),
    );
  });

  it('PATCH quantity: 200 Subscription, 202 + Location, 400 NCE decrease error', async () => {
    const { api, sandbox } = await boot({ dialect });
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 3);
    const up = await api.patch(`${SUBS}/${sub.id}`, { ...sub, quantity: 5 });
    // The quantity page prints the Subscription in PascalCase (`Id`, `Quantity`, `Links.Self`).
    check('subscriptions/change-the-quantity-of-a-subscription.response.json', up, {
      caseInsensitiveKeys: true,
      omit: {
        '$.ParentSubscriptionId': 'null in the example; only add-ons carry it',
        '$.links.Offer': 'legacy offer link; NCE subscriptions link product/sku/availability',
        '$.links.Entitlement': 'legacy entitlement link; no entitlement resource for licences',
      },
    });
    sandbox.clock.advance(8 * 24 * 3_600_000);
    const current = (await api.get(`${SUBS}/${sub.id}`)).body;
    check(
      'subscriptions/change-the-quantity-of-a-subscription.response.nce-decrease-error.json',
      await api.patch(`${SUBS}/${sub.id}`, { ...current, quantity: 1 }),
    );

    const { api: asyncApi } = await boot({ dialect, asyncPatchShare: 1 });
    const other = await asyncApi.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 3);
    const accepted = await asyncApi.patch(`${SUBS}/${other.id}`, { ...other, quantity: 4 });
    check('subscriptions/change-the-quantity-of-a-subscription.response.accepted.json', {
      status: accepted.status,
      body: accepted.text === '' ? null : accepted.body,
    });
    expect(accepted.headers.location).toBe(`/customers/${CONTOSO}/subscriptions/${other.id}`);
  });

  it('registrations: POST 202 + Location (no body), registration status', async () => {
    const { api } = await boot({ dialect });
    const registration = { enums: { '$.status': STATUS.registration } };
    check(
      'subscriptions/get-subscription-registration-status.response.json',
      await api.get(`${SUBS}/${CONTOSO_AZURE_PLAN}/registrationstatus`),
      registration,
    );
    const reg = await api.post(`${SUBS}/${CONTOSO_AZURE_PLAN}/registrations`);
    check('subscriptions/register-a-subscription.response.json', {
      status: reg.status,
      body: reg.text === '' ? null : reg.body,
    });
    expect(reg.headers.location).toBe(
      `/customers/${CONTOSO}/subscriptions/${CONTOSO_AZURE_PLAN}/registrationstatus`,
    );
    check(
      'subscriptions/get-subscription-registration-status.response.json',
      await api.get(`${SUBS}/${CONTOSO_AZURE_PLAN}/registrationstatus`),
      registration,
    );
  });

  it('entitlements: reservation and software', async () => {
    const { api } = await boot({ dialect });
    await api.post(`${SUBS}/${CONTOSO_AZURE_PLAN}/registrations`);
    await api.buy(CONTOSO, {
      catalogItemId: await api.catalogItemId(CONTOSO, 'DZH318Z0BQ4T', '0059'),
      quantity: 1,
      billingCycle: 'one_time',
      termDuration: 'P1Y',
      provisioningContext: { subscriptionId: CONTOSO_AZURE_PLAN, scope: 'shared' },
    });
    check(
      'entitlements/get-a-collection-of-entitlements.response.json',
      await api.get(`/v1/customers/${CONTOSO}/entitlements`),
    );
    await api.buy(CONTOSO, {
      catalogItemId: await api.catalogItemId(CONTOSO, 'DG7GMGF0FKZV', '0001'),
      quantity: 2,
      billingCycle: 'one_time',
    });
    check(
      'entitlements/get-a-collection-of-entitlements.response.software.json',
      await api.get(
        `/v1/customers/${CONTOSO}/entitlements?entitlementtype=software&showExpiry=true`,
      ),
      {
        omit: {
          '$.items[].includedEntitlements[]':
            'software licence packs include no sub-entitlements in the sandbox ([])',
        },
      },
    );
  });
});
