/**
 * Renewals on the sandbox clock (docs/sandbox.md "Renewals"): a monthly subscription scheduled
 * to renew annual, paid annually, with other seats and another SKU, becomes exactly that at 00:00
 * UTC the day after its inclusive end date, with a full next term; immediate changes wipe the
 * instructions; instructions need autorenew and an upgrade path for another SKU.
 */
import { describe, expect, it } from 'vitest';
import { CONTOSO, DAY, boot, expectPcError, type Api } from './helpers.js';

const path = (id: string) => `/v1/customers/${CONTOSO}/subscriptions/${id}`;

async function patch(api: Api, id: string, change: Record<string, unknown>) {
  const current = await api.get(path(id));
  return api.patch(
    path(id),
    { ...current.body, ...change },
    { headers: { 'If-Match': `"${current.body.attributes.etag}"` } },
  );
}

/** Business Basic monthly → at renewal Business Standard, P1Y paid annually, 12 seats. */
const TO_STANDARD_ANNUAL = {
  product: {
    productId: 'CFQ7TTC0LDPB',
    skuId: '0001',
    billingCycle: 'Annual',
    termDuration: 'P1Y',
  },
  quantity: 12,
};

describe('renewal applies scheduledNextTermInstructions in full', () => {
  it('P1M/monthly → P1Y/annual with a new SKU and seat count; the next term ends a year on', async () => {
    const { api, sandbox } = await boot();
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 5, 'P1M', 'monthly');
    // Bought 2026-03-02: the first month ends (inclusive) 2026-04-01.
    expect(sub.commitmentEndDate).toBe('2026-04-01T00:00:00Z');
    const set = await patch(api, sub.id, { scheduledNextTermInstructions: TO_STANDARD_ANNUAL });
    expect(set.status).toBe(200);
    expect(set.body.scheduledNextTermInstructions).toMatchObject({
      product: { productId: 'CFQ7TTC0LDPB', skuId: '0001', termDuration: 'P1Y' },
      quantity: 12,
    });

    sandbox.clock.set('2026-04-01T23:59:59.999Z');
    expect((await api.get(path(sub.id))).body).toMatchObject({
      offerId: expect.stringMatching(/^CFQ7TTC0LH18:0001:/),
      quantity: 5,
      termDuration: 'P1M',
    });

    sandbox.clock.set('2026-04-02T00:00:00.000Z');
    const renewed = (await api.get(path(sub.id))).body;
    expect(renewed).toMatchObject({
      id: sub.id,
      offerId: expect.stringMatching(/^CFQ7TTC0LDPB:0001:/),
      offerName: 'Microsoft 365 Business Standard',
      friendlyName: 'Microsoft 365 Business Standard',
      quantity: 12,
      termDuration: 'P1Y',
      billingCycle: 'annual',
      status: 'active',
      autoRenewEnabled: true,
      effectiveStartDate: '2026-04-02T00:00:00Z',
      commitmentEndDate: '2027-04-01T00:00:00Z',
      refundableQuantity: { totalQuantity: 12 },
    });
    expect(renewed.scheduledNextTermInstructions).toBeUndefined();

    // Without new instructions the next renewal keeps the shape: another year, same seats.
    sandbox.clock.set('2027-04-02T00:00:00.000Z');
    expect((await api.get(path(sub.id))).body).toMatchObject({
      quantity: 12,
      termDuration: 'P1Y',
      billingCycle: 'annual',
      commitmentEndDate: '2028-04-01T00:00:00Z',
    });
  });

  it('a nickname survives a SKU change at renewal', async () => {
    const { api, sandbox } = await boot();
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 2, 'P1M', 'monthly');
    await patch(api, sub.id, { friendlyName: 'Sales team' });
    await patch(api, sub.id, { scheduledNextTermInstructions: TO_STANDARD_ANNUAL });
    sandbox.clock.set('2026-04-02T00:00:00.000Z');
    expect((await api.get(path(sub.id))).body).toMatchObject({
      friendlyName: 'Sales team',
      offerName: 'Microsoft 365 Business Standard',
    });
  });
});

describe('scheduled instructions: preconditions and wiping', () => {
  it('an immediate seat change mid-term deletes the full next-term instructions', async () => {
    const { api, sandbox } = await boot();
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 5, 'P1M', 'monthly');
    await patch(api, sub.id, { scheduledNextTermInstructions: TO_STANDARD_ANNUAL });
    const increased = await patch(api, sub.id, { quantity: 6 });
    expect(increased.body.scheduledNextTermInstructions).toBeUndefined();
    sandbox.clock.set('2026-04-02T00:00:00.000Z');
    expect((await api.get(path(sub.id))).body).toMatchObject({
      offerId: expect.stringMatching(/^CFQ7TTC0LH18:0001:/),
      quantity: 6,
      termDuration: 'P1M',
      commitmentEndDate: '2026-05-01T00:00:00Z',
    });
  });

  it('refuses instructions while autorenew is off (800002), and a SKU off the upgrade paths', async () => {
    const { api } = await boot();
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 5, 'P1M', 'monthly');
    await patch(api, sub.id, { autoRenewEnabled: false });
    expectPcError(
      await patch(api, sub.id, { scheduledNextTermInstructions: TO_STANDARD_ANNUAL }),
      400,
      800002,
    );
    await patch(api, sub.id, { autoRenewEnabled: true });
    const visio = {
      ...TO_STANDARD_ANNUAL,
      product: { ...TO_STANDARD_ANNUAL.product, productId: 'CFQ7TTC0HD33' },
    };
    const refused = await patch(api, sub.id, { scheduledNextTermInstructions: visio });
    expectPcError(refused, 400, 800002);
    expect(refused.body.description).toMatch(
      /not a scheduled transition target.*transitionEligibilities/,
    );
  });

  it('no lock before renewal: a change an hour before the renewal is applied at it', async () => {
    const { api, sandbox } = await boot();
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 5, 'P1M', 'monthly');
    sandbox.clock.set('2026-04-01T23:00:00.000Z');
    const late = await patch(api, sub.id, { scheduledNextTermInstructions: TO_STANDARD_ANNUAL });
    expect(late.status).toBe(200);
    sandbox.clock.advance(DAY);
    expect((await api.get(path(sub.id))).body.quantity).toBe(12);
  });
});
