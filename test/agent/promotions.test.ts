/**
 * Promotions end to end through the real app wiring (client → sandbox HTTP, journal → SQLite
 * file): `findPromotions` lists each country once and checks each customer's matching lines in
 * one POST, and the applier sends the found promotion as the cart line's `promotionId`: an
 * eligible one places the order with the promotion recorded, an ineligible one is refused 10014.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPromotions } from '../../src/agent/index.js';
import { createApp, type App } from '../../src/app/index.js';
import { applyPlanActions } from '../../src/applier/index.js';
import type { AgentConfig } from '../../src/config/index.js';
import {
  DEFAULT_POLICY,
  type ActionKey,
  type CustomerId,
  type ItemKey,
  type PurchaseAction,
} from '../../src/model/index.js';
import {
  createSandboxClock,
  defaultSeed,
  SEED_CUSTOMERS,
  startSandbox,
  type RunningSandbox,
  type SeedPromotion,
} from '../../src/sandbox/index.js';

const FABRIKAM = SEED_CUSTOMERS.fabrikam as CustomerId;
const CONTOSO = SEED_CUSTOMERS.contoso as CustomerId;
const NORTHWIND = SEED_CUSTOMERS.northwind as CustomerId;

const E3_ANNUAL: SeedPromotion = {
  id: '39NFJQT1PJQE:0001:39NFJQT1Q5KE',
  name: 'Office 365 E3 annual',
  startDate: '2026-03-01T00:00:00Z',
  endDate: '2026-06-30T23:59:59Z',
  products: [
    {
      productId: 'CFQ7TTC0LF8Q',
      skuId: '0001',
      termDuration: 'P1Y',
      billingCycle: 'annual',
      percentDiscount: 5,
    },
  ],
};
/** Contoso already owns Business Premium: never eligible for it. */
const PREMIUM_NEW: SeedPromotion = {
  id: '39NFJQT1PJQP:0002:39NFJQT1Q5KP',
  name: 'Business Premium, new customers',
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

describe('promotions: find, then buy', () => {
  let sandbox: RunningSandbox;
  let app: App;
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qm-promotions-'));
    sandbox = await startSandbox({
      clock: createSandboxClock('2026-03-02T10:00:00Z'),
      seed: { ...defaultSeed(), promotions: [E3_ANNUAL, PREMIUM_NEW] },
    });
    const config: AgentConfig = {
      specs: join(dir, 'specs'),
      state: join(dir, 'qm.db'),
      partnerCenter: {
        endpoint: { kind: 'url', baseUrl: sandbox.url },
        auth: { mode: 'none' },
        concurrency: 2,
      },
      schedule: '*/30 * * * *',
      policy: DEFAULT_POLICY,
    };
    app = await createApp(config, [], { env: {} });
  });
  afterEach(async () => {
    await app.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A purchase as the planner builds it, with the catalog item resolved now. */
  async function purchase(
    key: string,
    customerId: CustomerId,
    country: string,
    after: PurchaseAction['after'],
  ): Promise<PurchaseAction> {
    const resolved = await app.client.catalog.resolveCatalogItem({ country, ...after });
    return {
      key: `purchase:${key}` as ActionKey,
      kind: 'purchase',
      customerId,
      customerName: customerId === FABRIKAM ? 'Fabrikam' : 'Contoso',
      item: `item-${key}` as ItemKey,
      reason: 'test',
      target: 'subscription',
      after,
      catalogItemId: resolved!.catalogItemId,
      availabilityId: resolved!.availabilityId,
      country,
    };
  }

  const plan = async () => [
    await purchase('00000000000000e3', FABRIKAM, 'DE', {
      productId: 'CFQ7TTC0LF8Q',
      skuId: '0001',
      term: 'P1Y',
      billing: 'annual',
      quantity: 120,
    }),
    await purchase('00000000000000bf', CONTOSO, 'US', {
      productId: 'CFQ7TTC0LCHC',
      skuId: '0002',
      term: 'P1Y',
      billing: 'monthly',
      quantity: 5,
    }),
    // Matches no promotion: its country is listed, but it costs no eligibility call.
    await purchase('00000000000000bb', NORTHWIND, 'GB', {
      productId: 'CFQ7TTC0LH18',
      skuId: '0001',
      term: 'P1M',
      billing: 'monthly',
      quantity: 8,
    }),
  ];

  it('finds the eligible promotion per purchase: one list per country, one POST per customer', async () => {
    const [e3, premium, basic] = await plan();
    sandbox.state.resetLog();
    const found = await findPromotions(app.reads.promotions, [e3!, premium!, basic!]);
    expect([...found.offers.entries()]).toEqual([
      [
        e3!.key,
        {
          id: E3_ANNUAL.id,
          name: 'Office 365 E3 annual',
          percentDiscount: 5,
          endDate: '2026-06-30T23:59:59Z',
        },
      ],
    ]);
    expect(found.notes).toEqual([
      `Contoso item-00000000000000bf: not eligible for promotion Business Premium, new customers (OfferPurchasedPreviously)`,
    ]);
    const calls = sandbox.state.callCounts();
    expect(calls['GET /v1/productpromotions']).toBe(3);
    expect(calls['POST /v1/customers/{customerId}/promotionEligibilities']).toBe(2);
  });

  it('buys with the promotion: the cart line carries its id and the order line records it', async () => {
    const [e3] = await plan();
    const found = await findPromotions(app.reads.promotions, [e3!]);
    const action = { ...e3!, promotion: found.offers.get(e3!.key)! };
    const report = await applyPlanActions([action], app.applierPorts(undefined));
    expect(report.results[0]).toMatchObject({ status: 'succeeded' });
    expect(sandbox.state.carts(FABRIKAM)[0]?.lineItems[0]?.promotionId).toBe(E3_ANNUAL.id);
    const [order] = sandbox.state.orders(FABRIKAM);
    expect(order?.lineItems[0]).toMatchObject({
      productId: 'CFQ7TTC0LF8Q',
      quantity: 120,
      promotion: { id: E3_ANNUAL.id, percentDiscount: 5 },
    });
  });

  it('refuses an ineligible promotion with 10014 and buys nothing', async () => {
    const [, premium] = await plan();
    const ordersBefore = sandbox.state.orders(CONTOSO).length;
    const action = { ...premium!, promotion: { id: PREMIUM_NEW.id, percentDiscount: 15 } };
    const report = await applyPlanActions([action], app.applierPorts(undefined));
    expect(report.results[0]).toMatchObject({ status: 'failed', code: '10014' });
    expect(report.results[0]?.message).toContain('first purchase of CFQ7TTC0LCHC');
    expect(sandbox.state.orders(CONTOSO)).toHaveLength(ordersBefore);
  });

  it('a failed list or eligibility call gives no promotion and a note, never an error', async () => {
    const [e3, premium] = await plan();
    sandbox.faults.add({
      match: 'GET /v1/productpromotions',
      kind: 'status',
      status: 400,
      code: '800002',
    });
    sandbox.faults.add({
      match: 'POST /v1/customers/*/promotionEligibilities',
      kind: 'status',
      status: 400,
      code: '800002',
    });
    // Countries are listed in order (DE first, refused); US is read, Contoso's POST refused.
    const found = await findPromotions(app.reads.promotions, [e3!, premium!]);
    expect(found.offers.size).toBe(0);
    expect(found.notes).toHaveLength(2);
    expect(found.notes[0]).toMatch(/^promotions for DE could not be read \(.*800002/);
    expect(found.notes[1]).toMatch(
      /^Contoso \(6f1c2a9e-[0-9a-f-]+\): promotion eligibility could not be checked \(.*800002/,
    );
    expect(await findPromotions(undefined, [e3!])).toEqual({ offers: new Map(), notes: [] });
  });
});
