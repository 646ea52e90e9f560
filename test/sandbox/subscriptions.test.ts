/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- conformance tests read wire JSON loosely and assert its shape. */
import { describe, expect, it } from 'vitest';
import {
  CONTOSO,
  CONTOSO_PREMIUM,
  DAY,
  FABRIKAM,
  FABRIKAM_VISIO,
  MINUTE,
  boot,
  expectPcError,
  type Api,
} from './helpers.js';

const path = (customer: string, id: string) => `/v1/customers/${customer}/subscriptions/${id}`;

async function patch(api: Api, customer: string, id: string, change: Record<string, unknown>) {
  const current = await api.get(path(customer, id));
  return api.patch(
    path(customer, id),
    { ...current.body, ...change },
    { headers: { 'If-Match': `"${current.body.attributes.etag}"` } },
  );
}

describe('subscriptions: reads', () => {
  it('lists every subscription of a customer with NCE fields, including the seeded ones', async () => {
    const { api } = await boot();
    const reply = await api.get(`/v1/customers/${CONTOSO}/subscriptions`);
    const premium = reply.body.items.find((s: any) => s.id === CONTOSO_PREMIUM);
    expect(premium).toMatchObject({
      offerId: expect.stringMatching(/^CFQ7TTC0LCHC:0002:/),
      quantity: 20,
      status: 'active',
      autoRenewEnabled: true,
      billingCycle: 'monthly',
      termDuration: 'P1Y',
      cancellationAllowedUntilDate: null,
      refundableQuantity: { totalQuantity: 0, details: [] },
      refundOptions: [],
      productType: { id: 'OnlineServicesNCE', displayName: 'OnlineServicesNCE' },
      attributes: { objectType: 'Subscription' },
    });
    const fabrikam = await api.get(`/v1/customers/${FABRIKAM}/subscriptions`);
    expect(fabrikam.body.items.map((s: any) => s.id)).toEqual([FABRIKAM_VISIO]);
    expectPcError(await api.get(path(CONTOSO, '11111111-2222-4333-8444-555555555555')), 404, 20003);
  });

  it('a new purchase has a 7-day refundable block, a cancellation date and an inclusive commitment end', async () => {
    const { api } = await boot();
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH16', '0001', 10, 'P1Y');
    expect(sub.refundableQuantity).toEqual({
      totalQuantity: 10,
      details: [{ quantity: 10, allowedUntilDateTime: '2026-03-09T10:00:00.000Z' }],
    });
    expect(sub.cancellationAllowedUntilDate).toBe('2026-03-09T10:00:00.000Z');
    expect(sub.refundOptions).toEqual([{ type: 'Full', expiresAt: '2026-03-09T10:00:00.000Z' }]);
    expect(sub.commitmentEndDate).toBe('2027-03-01T00:00:00Z');
    expect(sub.actions).toEqual(['edit', 'cancel']);
  });
});

describe('subscriptions: PATCH rules', () => {
  it('an increase adds a refundable block; a decrease inside its window is allowed', async () => {
    const { api, sandbox } = await boot();
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH16', '0001', 10, 'P1Y');
    sandbox.clock.advance(8 * DAY);
    const up = await patch(api, CONTOSO, sub.id, { quantity: 15 });
    expect(up.status).toBe(200);
    expect(up.body.refundableQuantity).toEqual({
      totalQuantity: 5,
      details: [{ quantity: 5, allowedUntilDateTime: '2026-03-17T10:00:00.000Z' }],
    });
    expect(up.body.attributes.etag).not.toBe(sub.attributes.etag);
    const down = await patch(api, CONTOSO, sub.id, { quantity: 12 });
    expect(down.body).toMatchObject({ quantity: 12, refundableQuantity: { totalQuantity: 2 } });
  });

  it('a decrease not covered by refundable seats fails with 400 800090', async () => {
    const { api } = await boot();
    const reply = await patch(api, CONTOSO, CONTOSO_PREMIUM, { quantity: 19 });
    expectPcError(reply, 400, 800090);
    expect((await api.get(path(CONTOSO, CONTOSO_PREMIUM))).body.quantity).toBe(20);
  });

  it('quantity outside the SKU limits fails with 2002', async () => {
    const { api } = await boot();
    expectPcError(await patch(api, CONTOSO, CONTOSO_PREMIUM, { quantity: 301 }), 400, 2002);
    expectPcError(await patch(api, CONTOSO, CONTOSO_PREMIUM, { quantity: 0 }), 400, 2002);
  });

  it('cancels inside the window; after cancellationAllowedUntilDate it fails with 900117', async () => {
    const { api, sandbox } = await boot();
    const early = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH16', '0001', 2, 'P1M');
    const cancelled = await patch(api, CONTOSO, early.id, { status: 'deleted' });
    expect(cancelled.body).toMatchObject({ status: 'deleted', autoRenewEnabled: false });
    expectPcError(await patch(api, CONTOSO, early.id, { quantity: 3 }), 400, 2011);
    const late = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH16', '0001', 2, 'P1Y');
    sandbox.clock.advance(7 * DAY + 1);
    expectPcError(await patch(api, CONTOSO, late.id, { status: 'deleted' }), 400, 900117);
    expectPcError(
      await api.patch(path(CONTOSO, CONTOSO_PREMIUM), { Status: 'Deleted' }),
      400,
      900117,
    );
  });

  it('a suspended subscription rejects updates with 800091 until reactivated', async () => {
    const { api } = await boot();
    expect((await patch(api, CONTOSO, CONTOSO_PREMIUM, { status: 'suspended' })).body.status).toBe(
      'suspended',
    );
    expectPcError(await patch(api, CONTOSO, CONTOSO_PREMIUM, { quantity: 25 }), 400, 800091);
    expect((await patch(api, CONTOSO, CONTOSO_PREMIUM, { status: 'active' })).body.status).toBe(
      'active',
    );
    expect((await patch(api, CONTOSO, CONTOSO_PREMIUM, { quantity: 25 })).body.quantity).toBe(25);
  });

  it('a stale If-Match etag fails with 2055 and changes nothing', async () => {
    const { api } = await boot();
    const current = await api.get(path(CONTOSO, CONTOSO_PREMIUM));
    await patch(api, CONTOSO, CONTOSO_PREMIUM, { friendlyName: 'renamed' });
    const stale = await api.patch(
      path(CONTOSO, CONTOSO_PREMIUM),
      { ...current.body, quantity: 30 },
      { headers: { 'If-Match': current.body.attributes.etag } },
    );
    expectPcError(stale, 400, 2055);
    expect((await api.get(path(CONTOSO, CONTOSO_PREMIUM))).body).toMatchObject({
      quantity: 20,
      friendlyName: 'renamed',
    });
  });

  it('accepts a PascalCase partial body', async () => {
    const { api } = await boot();
    const reply = await api.patch(path(CONTOSO, CONTOSO_PREMIUM), {
      Quantity: 22,
      AutoRenewEnabled: true,
    });
    expect(reply.body.quantity).toBe(22);
  });

  it('scheduled next-term changes need autorenew and are wiped by an immediate change', async () => {
    const { api } = await boot();
    const scheduled = {
      product: {
        productId: 'CFQ7TTC0LCHC',
        skuId: '0002',
        billingCycle: 'monthly',
        termDuration: 'P1Y',
      },
      quantity: 15,
    };
    const set = await patch(api, CONTOSO, CONTOSO_PREMIUM, {
      scheduledNextTermInstructions: scheduled,
    });
    expect(set.body.scheduledNextTermInstructions).toMatchObject({
      quantity: 15,
      product: { productId: 'CFQ7TTC0LCHC', availabilityId: expect.any(String) },
    });
    const echoed = await patch(api, CONTOSO, CONTOSO_PREMIUM, { friendlyName: 'kept' });
    expect(echoed.body.scheduledNextTermInstructions.quantity).toBe(15);
    const increased = await patch(api, CONTOSO, CONTOSO_PREMIUM, { quantity: 21 });
    expect(increased.body.scheduledNextTermInstructions).toBeUndefined();
    await patch(api, CONTOSO, CONTOSO_PREMIUM, { scheduledNextTermInstructions: scheduled });
    const off = await patch(api, CONTOSO, CONTOSO_PREMIUM, { autoRenewEnabled: false });
    expect(off.body.scheduledNextTermInstructions).toBeUndefined();
    expectPcError(
      await patch(api, CONTOSO, CONTOSO_PREMIUM, { scheduledNextTermInstructions: scheduled }),
      400,
      800002,
    );
    const cleared = await patch(api, CONTOSO, CONTOSO_PREMIUM, {
      autoRenewEnabled: true,
      scheduledNextTermInstructions: scheduled,
    });
    expect(cleared.body.scheduledNextTermInstructions.quantity).toBe(15);
    const removed = await api.patch(path(CONTOSO, CONTOSO_PREMIUM), {
      scheduledNextTermInstructions: null,
    });
    expect(removed.body.scheduledNextTermInstructions).toBeUndefined();
  });

  it('answers a configured share of PATCHes with 202 + Location, after committing', async () => {
    const { api } = await boot({ asyncPatchShare: 1 });
    const reply = await api.patch(path(CONTOSO, CONTOSO_PREMIUM), { quantity: 24 });
    expect(reply.status).toBe(202);
    expect(reply.headers.location).toBe(`/customers/${CONTOSO}/subscriptions/${CONTOSO_PREMIUM}`);
    expect((await api.get(path(CONTOSO, CONTOSO_PREMIUM))).body.quantity).toBe(24);
  });
});

describe('subscriptions: renewal clock', () => {
  it('renewal at term end applies scheduled instructions and reopens the window', async () => {
    const { api, sandbox } = await boot();
    await patch(api, CONTOSO, CONTOSO_PREMIUM, {
      scheduledNextTermInstructions: {
        product: {
          productId: 'CFQ7TTC0LCHC',
          skuId: '0002',
          billingCycle: 'annual',
          termDuration: 'P1Y',
        },
        quantity: 12,
      },
    });
    const before = (await api.get(path(CONTOSO, CONTOSO_PREMIUM))).body;
    const renewAt = new Date(before.commitmentEndDate).getTime() + DAY;
    sandbox.clock.set(new Date(renewAt - 1).toISOString());
    expect((await api.get(path(CONTOSO, CONTOSO_PREMIUM))).body.quantity).toBe(20);
    sandbox.clock.advance(1);
    const after = (await api.get(path(CONTOSO, CONTOSO_PREMIUM))).body;
    expect(after).toMatchObject({
      quantity: 12,
      billingCycle: 'annual',
      status: 'active',
      refundableQuantity: { totalQuantity: 12 },
    });
    expect(after.scheduledNextTermInstructions).toBeUndefined();
    expect(after.effectiveStartDate).toBe(
      new Date(renewAt).toISOString().slice(0, 10) + 'T00:00:00Z',
    );
    expect(after.cancellationAllowedUntilDate).toBe(new Date(renewAt + 7 * DAY).toISOString());
  });

  it('autorenew off expires the subscription at term end (also through admin.runRenewals)', async () => {
    const { api, sandbox } = await boot();
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH16', '0001', 4, 'P1M');
    await patch(api, CONTOSO, sub.id, { autoRenewEnabled: false });
    sandbox.clock.advance(40 * DAY);
    expect(sandbox.admin.runRenewals()).toBeGreaterThanOrEqual(1);
    expect(sandbox.state.subscriptions(CONTOSO).find((s) => s.id === sub.id)?.status).toBe(
      'expired',
    );
    expect((await api.get(path(CONTOSO, sub.id))).body.status).toBe('expired');
    expectPcError(await patch(api, CONTOSO, sub.id, { quantity: 5 }), 400, 900279);
  });

  it('monthly terms roll forward repeatedly when the clock jumps', async () => {
    const { api, sandbox } = await boot();
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH16', '0001', 4, 'P1M');
    sandbox.clock.advance(95 * DAY + 10 * MINUTE);
    const after = (await api.get(path(CONTOSO, sub.id))).body;
    expect(after.status).toBe('active');
    expect(sandbox.state.subscriptions(CONTOSO).find((s) => s.id === sub.id)?.renewals).toBe(3);
  });
});
