/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- tests read wire JSON loosely. */
/**
 * What the sandbox records in its activity log (docs/sandbox.md "Audit records"): each kind of
 * change — an order placed by checkout or out of band, a subscription's quantity, autorenew,
 * status and scheduled instructions, a transition, a customer added — once, with the sandbox
 * clock's instant and its actor (the API caller, or `admin@portal` for the admin API); and
 * nothing for refused changes, replays, repeated checkouts or renewals.
 */
import { describe, expect, it } from 'vitest';
import { CONTOSO, DAY, MINUTE, START, boot, type Api } from './helpers.js';

const SUBS = `/v1/customers/${CONTOSO}/subscriptions`;
const APP = { 'ms-partnercenter-application': 'Quartermaster', 'ms-correlationid': 'corr-1' };
const NEW_CUSTOMER = '0d9f1a52-3c4b-4e6f-8a7b-9c0d1e2f3a4b';

/** Every record of the default window, oldest first (the wire lists newest first). */
async function records(api: Api, query = ''): Promise<any[]> {
  const reply = await api.get(`/v1/auditrecords?size=500${query}`);
  expect(reply.status).toBe(200);
  return [...reply.body.items].reverse();
}

const summary = (r: any) => [r.operationType, r.resourceType, r.customerId, r.userPrincipalName];
const datum = (r: any, key: string) => r.customizedData.find((d: any) => d.key === key)?.value;
const parsed = (text: string | undefined) => (text === undefined ? undefined : JSON.parse(text));

describe('the sandbox records every change it makes', () => {
  it('a checkout: create_order with the documented customizedData, by the API caller', async () => {
    const { api, sandbox } = await boot();
    sandbox.clock.advance(5 * MINUTE);
    const catalogItemId = await api.catalogItemId(CONTOSO, 'CFQ7TTC0LH18', '0001');
    const cart = await api.createCart(CONTOSO, [
      { id: 0, catalogItemId, quantity: 7, termDuration: 'P1M', billingCycle: 'monthly' },
    ]);
    const checkout = await api.post(
      `/v1/customers/${CONTOSO}/carts/${cart.body.id}/checkout`,
      undefined,
      { headers: APP },
    );
    expect(checkout.status).toBe(201);
    // The same checkout again answers the stored result and places nothing.
    await api.post(`/v1/customers/${CONTOSO}/carts/${cart.body.id}/checkout`);
    const order = checkout.body.orders[0];
    const list = await records(api);
    expect(list.map(summary)).toEqual([
      ['create_order', 'order', CONTOSO, 'agent@qm-sandbox.onmicrosoft.com'],
    ]);
    const [record] = list;
    expect(record).toMatchObject({
      customerName: 'Contoso Ltd',
      applicationId: 'Quartermaster',
      originalCorrelationId: 'corr-1',
      operationStatus: 'succeeded',
      operationDate: new Date(Date.parse(START) + 5 * MINUTE).toISOString(),
      attributes: { objectType: 'AuditRecord' },
    });
    expect(record.customizedData.map((d: any) => d.key)).toEqual([
      'OrderId',
      'BillingCycle',
      'OfferId-0',
      'SubscriptionId-0',
      'SubscriptionName-0',
      'Quantity-0',
      'PartnerOnRecord-0',
    ]);
    expect(datum(record, 'OrderId')).toBe(order.id);
    expect(datum(record, 'SubscriptionId-0')).toBe(order.lineItems[0].subscriptionId);
    expect(datum(record, 'Quantity-0')).toBe('7');
    expect(datum(record, 'PartnerOnRecord-0')).toBeNull();
    expect(parsed(record.resourceNewValue)).toMatchObject({
      Id: order.id,
      ReferenceCustomerId: CONTOSO,
      LineItems: [{ OfferId: catalogItemId, Quantity: 7 }],
      Attributes: { ObjectType: 'Order' },
    });
    expect(record.resourceOldValue).toBeUndefined();
  });

  it('subscription PATCHes: quantity, autorenew, scheduled instructions, cancel — old and new values', async () => {
    const { api, sandbox } = await boot();
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 5, 'P1Y', 'monthly');
    const at = `${SUBS}/${sub.id}`;
    sandbox.clock.advance(MINUTE);
    expect((await api.patch(at, { quantity: 8 })).status).toBe(200);
    expect((await api.patch(at, { autoRenewEnabled: false })).status).toBe(200);
    expect((await api.patch(at, { autoRenewEnabled: true })).status).toBe(200);
    const schedule = {
      scheduledNextTermInstructions: {
        product: {
          productId: 'CFQ7TTC0LH18',
          skuId: '0001',
          availabilityId: sub.offerId.split(':')[2],
          billingCycle: 'monthly',
          termDuration: 'P1Y',
        },
        quantity: 3,
      },
    };
    expect((await api.patch(at, schedule)).status).toBe(200);
    expect((await api.patch(at, { status: 'deleted' })).status).toBe(200);
    const updates = (await records(api)).filter((r) => r.operationType === 'update_subscription');
    const change = (r: any) => {
      const [before, after] = [parsed(r.resourceOldValue), parsed(r.resourceNewValue)];
      return [
        datum(r, 'SubscriptionId'),
        [before.Quantity, after.Quantity],
        [before.AutoRenewEnabled, after.AutoRenewEnabled],
        after.ScheduledNextTermInstructions?.Quantity ?? null,
        [before.Status, after.Status],
      ];
    };
    expect(updates.map(change)).toEqual([
      [sub.id, [5, 8], [true, true], null, ['active', 'active']],
      [sub.id, [8, 8], [true, false], null, ['active', 'active']],
      [sub.id, [8, 8], [false, true], null, ['active', 'active']],
      [sub.id, [8, 8], [true, true], 3, ['active', 'active']],
      // A cancelled subscription does not renew.
      [sub.id, [8, 8], [true, false], null, ['active', 'deleted']],
    ]);
  });

  it('a transition: upgrade_subscription naming the source and the target', async () => {
    const { api } = await boot();
    const basic = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 5, 'P1M', 'monthly');
    const target = (await api.get(`${SUBS}/${basic.id}/transitionEligibilities`)).body.items[0]
      .catalogItemId;
    const posted = await api.post(`${SUBS}/${basic.id}/transitions`, {
      toCatalogItemId: target,
      quantity: 2,
      transitionType: 'transition_only',
    });
    expect(posted.status).toBe(200);
    const [record] = (await records(api)).filter((r) => r.operationType === 'upgrade_subscription');
    expect(record.resourceType).toBe('subscription');
    expect(datum(record, 'SubscriptionId')).toBe(basic.id);
    expect(datum(record, 'TargetSubscriptionId')).toBe(posted.body.toSubscriptionId);
    expect(datum(record, 'Quantity')).toBe('2');
    expect([
      parsed(record.resourceOldValue).Quantity,
      parsed(record.resourceNewValue).Quantity,
    ]).toEqual([5, 3]);
  });

  it('admin changes are recorded as made in the portal by admin@portal', async () => {
    const { api, sandbox } = await boot();
    sandbox.admin.seedCustomer({ id: NEW_CUSTOMER, name: 'Tailspin Toys', country: 'US' });
    const bought = sandbox.admin.createSubscription(CONTOSO, {
      productId: 'CFQ7TTC0LH18',
      skuId: '0001',
      quantity: 4,
      termDuration: 'P1M',
    });
    sandbox.clock.advance(DAY);
    const changed = sandbox.admin.updateSubscription(CONTOSO, bought.id, { Quantity: 6 });
    expect(changed.quantity).toBe(6);
    // Over HTTP too: PATCH /_sandbox/customers/{c}/subscriptions/{s}.
    const res = await fetch(
      `${sandbox.url}/_sandbox/customers/${CONTOSO}/subscriptions/${bought.id}`,
      {
        method: 'PATCH',
        body: JSON.stringify({ autoRenewEnabled: false }),
      },
    );
    expect(res.status).toBe(200);
    const list = await records(api);
    expect(list.map(summary)).toEqual([
      ['add_customer', 'customer', NEW_CUSTOMER, 'admin@portal'],
      ['create_order', 'order', CONTOSO, 'admin@portal'],
      ['update_subscription', 'subscription', CONTOSO, 'admin@portal'],
      ['update_subscription', 'subscription', CONTOSO, 'admin@portal'],
    ]);
    expect(list.every((r) => r.applicationId === undefined)).toBe(true);
    expect(list[0].customerName).toBe('Tailspin Toys');
    expect(datum(list[1], 'SubscriptionId-0')).toBe(bought.id);
    expect(list[2].operationDate).toBe(new Date(Date.parse(START) + DAY).toISOString());
    // The portal change is billed like an API one: an addQuantity line of 2 seats.
    const lines = await api.get(
      '/v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode=usd&period=current',
    );
    expect(
      lines.body.items
        .filter((l: any) => l.subscriptionId === bought.id)
        .map((l: any) => [l.chargeType, Number(l.quantity)]),
    ).toContainEqual(['addQuantity', 2]);
  });

  it('a refused change, a replayed PATCH and a renewal record nothing; app-only calls name no user', async () => {
    const { api, sandbox } = await boot();
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 5, 'P1M', 'monthly');
    const at = `${SUBS}/${sub.id}`;
    expect((await api.patch(at, { quantity: 100_000 })).status).toBe(400);
    const once = {
      requestId: '5d1a1c7e-0b7c-4a0e-9d8e-1f2a3b4c5d6e',
      token: 'sandbox-app-only-token',
    };
    expect((await api.patch(at, { quantity: 6 }, once)).status).toBe(200);
    expect((await api.patch(at, { quantity: 6 }, once)).status).toBe(200);
    sandbox.clock.advance(40 * DAY); // the P1M term renews: Partner Center records no renewal
    expect((await api.get(at)).body.quantity).toBe(6);
    const list = await records(api, '&startDate=2026-03-02');
    expect(list.map((r) => r.operationType)).toEqual(['create_order', 'update_subscription']);
    expect(list[1].userPrincipalName).toBeUndefined();
  });
});
