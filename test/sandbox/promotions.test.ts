/**
 * Promotions in the sandbox: the list follows markets, segment and the sandbox clock; the
 * eligibility rule; a cart line's `promotionId` is checked at cart creation and again at
 * checkout (10014), and the order line remembers the promotion and its discount.
 */
import { describe, expect, it } from 'vitest';
import { defaultSeed, SandboxSeedError, type SeedPromotion } from '../../src/sandbox/index.js';
import { CONTOSO, DAY, FABRIKAM, boot, expectPcError, type Api } from './helpers.js';

/** Office 365 E3, P1Y annual, 5 % off, 10–1000 seats, any customer. */
const E3_ANNUAL: SeedPromotion = {
  id: '39NFJQT1PJQE:0001:39NFJQT1Q5KE',
  name: 'Office 365 E3 annual',
  products: [
    {
      productId: 'CFQ7TTC0LF8Q',
      skuId: '0001',
      termDuration: 'P1Y',
      billingCycle: 'annual',
      percentDiscount: 5,
    },
  ],
  minimumSeats: 10,
  maximumSeats: 1000,
};

/** Business Premium for first purchases only (Contoso already owns it), in the US only. */
const PREMIUM_NEW: SeedPromotion = {
  id: '39NFJQT1PJQP:0002:39NFJQT1Q5KP',
  name: 'Business Premium, new customers',
  markets: ['US'],
  products: [
    {
      productId: 'CFQ7TTC0LCHC',
      skuId: '0002',
      termDuration: 'P1Y',
      billingCycle: 'monthly',
      percentDiscount: 15,
    },
  ],
  firstPurchaseOnly: true,
};

async function sandboxWithPromotions() {
  return boot({ seed: { ...defaultSeed(), promotions: [E3_ANNUAL, PREMIUM_NEW] } });
}

async function e3Line(api: Api, customer: string, quantity: number, billingCycle = 'annual') {
  return {
    id: 0,
    catalogItemId: await api.catalogItemId(customer, 'CFQ7TTC0LF8Q', '0001'),
    quantity,
    termDuration: 'P1Y',
    billingCycle,
  };
}

describe('the promotions list', () => {
  it('lists what runs in a market and segment now; by id ignores the dates', async () => {
    const { api, sandbox } = await sandboxWithPromotions();
    const ids = async (query: string) =>
      ((await api.get(`/v1/productpromotions?${query}`)).body.items as { id: string }[]).map(
        (p) => p.id,
      );
    expect(await ids('country=US&segment=commercial')).toEqual([E3_ANNUAL.id, PREMIUM_NEW.id]);
    expect(await ids('country=de&segment=Commercial')).toEqual([E3_ANNUAL.id]);
    expect(await ids('country=US&segment=education')).toEqual([]);
    expectPcError(await api.get('/v1/productpromotions?country=US'), 400, 800002);
    sandbox.clock.advance(91 * DAY); // the default 90 days have passed
    expect(await ids('country=US&segment=commercial')).toEqual([]);
    const byId = await api.get(`/v1/productpromotions/${E3_ANNUAL.id}?country=US`);
    expect([byId.status, byId.body.id]).toEqual([200, E3_ANNUAL.id]);
    expectPcError(await api.get(`/v1/productpromotions/${PREMIUM_NEW.id}?country=DE`), 404, 800002);
  });

  it('refuses a seed promotion for a SKU the catalog lacks', async () => {
    const bad: SeedPromotion = {
      ...E3_ANNUAL,
      products: [{ ...E3_ANNUAL.products[0]!, skuId: '9999' }],
    };
    await expect(boot({ seed: { ...defaultSeed(), promotions: [bad] } })).rejects.toThrow(
      SandboxSeedError,
    );
  });
});

describe('eligibility', () => {
  const verify = async (api: Api, customer: string, item: Record<string, unknown>) => {
    const reply = await api.post(`/v1/customers/${customer}/promotionEligibilities`, {
      items: [item],
    });
    expect(reply.status).toBe(200);
    return reply.body.items[0].eligibilities[0] as {
      isEligible: boolean;
      errors: { type: string }[];
    };
  };

  it('is eligible when product, term, billing, seats and dates match', async () => {
    const { api } = await sandboxWithPromotions();
    const line = { ...(await e3Line(api, FABRIKAM, 120)), promotionId: E3_ANNUAL.id };
    expect(await verify(api, FABRIKAM, line)).toMatchObject({ isEligible: true, errors: [] });
  });

  it('names every failed condition', async () => {
    const { api, sandbox } = await sandboxWithPromotions();
    const e3 = await e3Line(api, FABRIKAM, 5, 'monthly');
    const types = async (item: Record<string, unknown>, customer: string = FABRIKAM) =>
      (await verify(api, customer, item)).errors.map((e) => e.type);
    expect(await types({ ...e3, promotionId: E3_ANNUAL.id })).toEqual(['SeatCount', 'Term']);
    expect(await types({ ...e3, promotionId: 'NOPE:0001:NOPE' })).toEqual(['InvalidPromotion']);
    const premium = await api.catalogItemId(CONTOSO, 'CFQ7TTC0LCHC', '0002');
    expect(
      await types(
        { ...e3, catalogItemId: premium, billingCycle: 'monthly', promotionId: E3_ANNUAL.id },
        CONTOSO,
      ),
    ).toEqual(['InvalidCatalogItemId']);
    const premiumLine = {
      catalogItemId: premium,
      quantity: 5,
      termDuration: 'P1Y',
      billingCycle: 'monthly',
      promotionId: PREMIUM_NEW.id,
    };
    // The extended dialect spells the example's `FirstPurchase` as the resource table does.
    expect(await types(premiumLine, CONTOSO)).toEqual(['OfferPurchasedPreviously']);
    expectPcError(
      await api.post(`/v1/customers/${CONTOSO}/promotionEligibilities`, {
        items: [{ ...premiumLine, termDuration: undefined }],
      }),
      400,
      800002,
    );
    sandbox.clock.advance(91 * DAY);
    expect(
      await types({ ...(await e3Line(api, FABRIKAM, 120)), promotionId: E3_ANNUAL.id }),
    ).toEqual(['InvalidPromotion']);
  });
});

describe('promotionId on a cart line', () => {
  it('an eligible promotion: the order is placed and its line remembers the discount', async () => {
    const { api, sandbox } = await sandboxWithPromotions();
    const cart = await api.createCart(FABRIKAM, [
      { ...(await e3Line(api, FABRIKAM, 120)), promotionId: ` ${E3_ANNUAL.id}` },
    ]);
    expect(cart.status).toBe(201);
    expect(cart.body.lineItems[0]).not.toHaveProperty('error');
    expect(cart.body.lineItems[0].promotionId).toBe(E3_ANNUAL.id);
    const checkout = await api.post(`/v1/customers/${FABRIKAM}/carts/${cart.body.id}/checkout`);
    expect(checkout.status).toBe(201);
    expect(checkout.body.orders[0].lineItems[0].promotionId).toBe(E3_ANNUAL.id);
    const [order] = sandbox.state.orders(FABRIKAM);
    expect(order?.lineItems[0]?.promotion).toEqual({ id: E3_ANNUAL.id, percentDiscount: 5 });
  });

  it('an ineligible or unknown promotion: line error 10014, and checkout places nothing', async () => {
    const { api, sandbox } = await sandboxWithPromotions();
    const line = await e3Line(api, FABRIKAM, 5);
    for (const promotionId of [E3_ANNUAL.id, 'NOPE:0001:NOPE']) {
      const cart = await api.createCart(FABRIKAM, [{ ...line, promotionId }]);
      expect(cart.body.lineItems[0].error.errorCode).toBe(10014);
      expectPcError(
        await api.post(`/v1/customers/${FABRIKAM}/carts/${cart.body.id}/checkout`),
        400,
        800009,
      );
    }
    expect(sandbox.state.orders(FABRIKAM)).toEqual([]);
  });

  it('a promotion that ends between cart and checkout fails the checkout', async () => {
    const brief: SeedPromotion = {
      ...E3_ANNUAL,
      id: 'BRIEF:0001:BRIEF',
      startDate: '2026-03-01T00:00:00Z',
      endDate: '2026-03-03T00:00:00Z',
    };
    const { api, sandbox } = await boot({ seed: { ...defaultSeed(), promotions: [brief] } });
    const cart = await api.createCart(FABRIKAM, [
      { ...(await e3Line(api, FABRIKAM, 120)), promotionId: brief.id },
    ]);
    expect(cart.body.lineItems[0]).not.toHaveProperty('error');
    sandbox.clock.advance(DAY); // 2026-03-03T10:00Z: the promotion has ended, the cart has not
    expectPcError(
      await api.post(`/v1/customers/${FABRIKAM}/carts/${cart.body.id}/checkout`),
      400,
      800009,
    );
    expect(sandbox.state.orders(FABRIKAM)).toEqual([]);
  });
});
