/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- tests read wire JSON loosely. */
/**
 * Transitions on the sandbox (docs/sandbox.md "Transitions"): eligibilities from the upgrade
 * paths with the SDK's error codes, full transitions in place, partial ones into a new
 * subscription, into an existing one, and the events read afterwards.
 */
import { describe, expect, it } from 'vitest';
import { defaultSeed } from '../../src/sandbox/index.js';
import { CONTOSO, CONTOSO_PREMIUM, DAY, boot, expectPcError, type Api } from './helpers.js';

const SUBS = `/v1/customers/${CONTOSO}/subscriptions`;
const eligibilities = (api: Api, id: string, type = 'immediate') =>
  api.get(`${SUBS}/${id}/transitionEligibilities?eligibilityType=${type}`);
const transition = (api: Api, id: string, body: Record<string, unknown>) =>
  api.post(`${SUBS}/${id}/transitions`, body);
const verdicts = (reply: any) =>
  reply.body.items.map((i: any) => [
    i.catalogItemId.split(':').slice(0, 2).join(':'),
    i.eligibilities.map((d: any) =>
      d.isEligible ? 'ok' : d.errors.map((e: any) => e.code).join('+'),
    ),
  ]);

describe('transition eligibilities', () => {
  it('lists the upgrade paths of Business Basic, both transition types eligible', async () => {
    const { api } = await boot();
    const basic = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 5, 'P1M', 'monthly');
    const reply = await eligibilities(api, basic.id);
    expect(reply.status).toBe(200);
    expect(verdicts(reply)).toEqual([
      ['CFQ7TTC0LDPB:0001', ['ok', 'ok']],
      ['CFQ7TTC0LCHC:0002', ['ok', 'ok']],
    ]);
    expect(reply.body.items[0]).toMatchObject({
      title: 'Microsoft 365 Business Standard',
      quantity: 5,
      eligibilities: [
        { transitionType: 'transition_only' },
        { transitionType: 'transition_with_license_transfer' },
      ],
    });
    // A SKU without upgrade paths lists none; Business Premium is the top of its family.
    expect((await eligibilities(api, CONTOSO_PREMIUM)).body).toMatchObject({
      totalCount: 0,
      items: [],
    });
  });

  it('refuses with the SDK codes: not active (2), add-ons (6), not sold (8), term/billing (10)', async () => {
    const seed = defaultSeed();
    const catalog = seed.catalog!;
    const { api } = await boot({
      seed: {
        ...seed,
        catalog: {
          ...catalog,
          upgradePaths: [
            { from: 'CFQ7TTC0LF8Q:0001', to: 'CFQ7TTC0LFLX:0001' },
            // Helpdesk Cloud is sold P1Y/annual only; Visio is not sold in the US below.
            { from: 'CFQ7TTC0LF8Q:0001', to: 'DZH318Z0C6GL:0001' },
            { from: 'CFQ7TTC0LF8Q:0001', to: 'CFQ7TTC0HD33:0001' },
          ],
          skus: catalog.skus.map((s) =>
            s.productId === 'CFQ7TTC0HD33' ? { ...s, markets: ['DE'] } : s,
          ),
        },
      },
    });
    const e3 = await api.buyLicense(CONTOSO, 'CFQ7TTC0LF8Q', '0001', 5, 'P1M', 'monthly');
    expect(verdicts(await eligibilities(api, e3.id))).toEqual([
      ['CFQ7TTC0LFLX:0001', ['ok', 'ok']],
      ['DZH318Z0C6GL:0001', ['10', '10']],
      ['CFQ7TTC0HD33:0001', ['8', '8']],
    ]);
    // At renewal the term may change: only the market refuses.
    expect(verdicts(await eligibilities(api, e3.id, 'scheduled'))).toEqual([
      ['CFQ7TTC0LFLX:0001', ['ok', 'ok']],
      ['DZH318Z0C6GL:0001', ['ok', 'ok']],
      ['CFQ7TTC0HD33:0001', ['8', '8']],
    ]);
    await api.buy(CONTOSO, {
      catalogItemId: await api.catalogItemId(CONTOSO, 'CFQ7TTC0J1FV', '0001'),
      quantity: 1,
      billingCycle: 'monthly',
      termDuration: 'P1Y',
      provisioningContext: { parentSubscriptionId: e3.id },
    });
    expect(verdicts(await eligibilities(api, e3.id))[0]).toEqual(['CFQ7TTC0LFLX:0001', ['6', '6']]);
    const current = (await api.get(`${SUBS}/${e3.id}`)).body;
    await api.patch(`${SUBS}/${e3.id}`, { ...current, status: 'suspended' });
    expect(verdicts(await eligibilities(api, e3.id, 'scheduled'))[0]).toEqual([
      'CFQ7TTC0LFLX:0001',
      ['2', '2'],
    ]);
    expectPcError(await eligibilities(api, e3.id, 'someday'), 400, 900126);
  });
});

describe('seeded upgrade paths', () => {
  it('a path naming a SKU the catalog lacks stops the sandbox, naming the field', async () => {
    const seed = defaultSeed();
    const catalog = {
      ...seed.catalog!,
      upgradePaths: [{ from: 'CFQ7TTC0LH18:0001', to: 'NOPE:0001' }],
    };
    await expect(boot({ seed: { ...seed, catalog } })).rejects.toThrow(
      /catalog\.upgradePaths\[0\]\.to: 'NOPE:0001' is not a catalog SKU/,
    );
  });
});

describe('transitions', () => {
  it('full: the subscription becomes the target in place and keeps its term and window', async () => {
    const { api } = await boot();
    const basic = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 5, 'P1M', 'monthly');
    const target = (await eligibilities(api, basic.id)).body.items[0].catalogItemId;
    const posted = await transition(api, basic.id, {
      toCatalogItemId: target,
      quantity: 5,
      transitionType: 'transition_only',
    });
    expect(posted.status).toBe(200);
    expect(posted.body).toMatchObject({
      fromSubscriptionId: basic.id,
      toSubscriptionId: basic.id,
      toCatalogItemId: target,
      quantity: 5,
      events: [{ name: 'Conversion', status: 'Started' }],
    });
    const after = (await api.get(`${SUBS}/${basic.id}`)).body;
    expect(after).toMatchObject({
      offerId: target,
      offerName: 'Microsoft 365 Business Standard',
      quantity: 5,
      termDuration: 'P1M',
      commitmentEndDate: basic.commitmentEndDate,
      cancellationAllowedUntilDate: basic.cancellationAllowedUntilDate,
    });
    const history = (await api.get(`${SUBS}/${basic.id}/transitions`)).body;
    expect(history.transition).toHaveLength(1);
    expect(history.transition[0].events.map((e: any) => e.status)).toEqual([
      'Started',
      'Completed',
    ]);
    const byId = await api.get(
      `${SUBS}/${basic.id}/transitions?operationId=${history.transition[0].operationId}`,
    );
    expect(byId.body.transition).toHaveLength(1);
    expect(
      (await api.get(`${SUBS}/${basic.id}/transitions?operationId=nope`)).body.transition,
    ).toEqual([]);
  });

  it('partial: a new subscription gets the seats, the end date and the cancellation window', async () => {
    const { api, sandbox } = await boot();
    const basic = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 5, 'P1Y', 'monthly');
    sandbox.clock.advance(2 * DAY);
    const target = (await eligibilities(api, basic.id)).body.items[1].catalogItemId;
    const posted = await transition(api, basic.id, {
      fromSubscriptionId: basic.id,
      fromCatalogItemId: basic.offerId,
      toCatalogItemId: target,
      quantity: 2,
      termDuration: 'P1Y',
      billingCycle: 'Monthly',
      transitionType: 'transition_only',
    });
    expect(posted.status).toBe(200);
    const newId = posted.body.toSubscriptionId;
    expect(newId).not.toBe(basic.id);
    expect((await api.get(`${SUBS}/${basic.id}`)).body).toMatchObject({ quantity: 3 });
    const split = (await api.get(`${SUBS}/${newId}`)).body;
    expect(split).toMatchObject({
      offerId: target,
      quantity: 2,
      termDuration: 'P1Y',
      billingCycle: 'monthly',
      commitmentEndDate: basic.commitmentEndDate,
      cancellationAllowedUntilDate: basic.cancellationAllowedUntilDate,
      refundableQuantity: { totalQuantity: 2 },
    });
    expect(split.orderId).toBeUndefined();
    // The history shows on both subscriptions.
    expect((await api.get(`${SUBS}/${newId}/transitions`)).body.transition).toHaveLength(1);
  });

  it('into an existing subscription once it is eligible; a source left empty is deleted', async () => {
    const { api, sandbox } = await boot();
    const basic = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 4, 'P1M', 'monthly');
    const premium = await api.buyLicense(CONTOSO, 'CFQ7TTC0LCHC', '0002', 10, 'P1Y', 'monthly');
    const listed = (await eligibilities(api, basic.id)).body.items[1];
    expect(listed.subscriptionEligibilities).toEqual([
      expect.objectContaining({ subscriptionId: CONTOSO_PREMIUM, isEligible: true }),
      expect.objectContaining({
        subscriptionId: premium.id,
        isEligible: false,
        errors: [expect.objectContaining({ code: 2 })],
      }),
    ]);
    const body = {
      toCatalogItemId: listed.catalogItemId,
      toSubscriptionId: premium.id,
      quantity: 4,
      transitionType: 'transition_only',
    };
    const early = await transition(api, basic.id, body);
    expectPcError(early, 400, 800002);
    expect(early.body.description).toMatch(/within cancellation window\. \(code 2\)/);
    sandbox.clock.advance(8 * DAY);
    expect((await transition(api, basic.id, body)).status).toBe(200);
    expect((await api.get(`${SUBS}/${premium.id}`)).body.quantity).toBe(14);
    expect((await api.get(`${SUBS}/${basic.id}`)).body).toMatchObject({ status: 'deleted' });
  });

  it('refuses more seats than the source has, an unknown target, and wipes schedules', async () => {
    const { api } = await boot();
    const basic = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 5, 'P1M', 'monthly');
    const target = (await eligibilities(api, basic.id)).body.items[0].catalogItemId;
    const more = { toCatalogItemId: target, quantity: 6, transitionType: 'transition_only' };
    expectPcError(await transition(api, basic.id, more), 400, 800002);
    const visio = await api.catalogItemId(CONTOSO, 'CFQ7TTC0HD33', '0001');
    const wrong = await transition(api, basic.id, { ...more, toCatalogItemId: visio, quantity: 1 });
    expectPcError(wrong, 400, 800002);
    expect(wrong.body.description).toMatch(/not a transition target/);
    const term = await transition(api, basic.id, { ...more, quantity: 1, termDuration: 'P1Y' });
    expect(term.body.description).toMatch(/keeps the source's term/);

    const current = (await api.get(`${SUBS}/${basic.id}`)).body;
    const scheduled = await api.patch(`${SUBS}/${basic.id}`, {
      ...current,
      scheduledNextTermInstructions: {
        product: {
          productId: 'CFQ7TTC0LH18',
          skuId: '0001',
          billingCycle: 'monthly',
          termDuration: 'P1M',
        },
        quantity: 3,
      },
    });
    expect(scheduled.body.scheduledNextTermInstructions.quantity).toBe(3);
    await transition(api, basic.id, { ...more, quantity: 1 });
    expect(
      (await api.get(`${SUBS}/${basic.id}`)).body.scheduledNextTermInstructions,
    ).toBeUndefined();
  });
});
