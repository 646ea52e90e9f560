/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- tests read wire JSON loosely. */
/**
 * Co-terming on the sandbox (docs/sandbox.md "Co-terming"): the allowed `customTermEndDate`s of a
 * new purchase (calendar month-end, active licence subscriptions ending within the first term,
 * the monthly/annual and 28th–30th rules), and the functions the cart line code calls to accept
 * one and set the first term's end.
 */
import { describe, expect, it } from 'vitest';
import { createSandboxClock, defaultCatalog } from '../../src/sandbox/index.js';
import { CatalogIndex } from '../../src/sandbox/engine/catalog-index.js';
import type { SandboxContext } from '../../src/sandbox/engine/context.js';
import {
  commitmentEndWithCustomEnd,
  customTermEndDateLineError,
  isAllowedCustomTermEndDate,
} from '../../src/sandbox/engine/custom-term-end-dates.js';
import { buildSubscription } from '../../src/sandbox/engine/subscription-factory.js';
import { SandboxStore } from '../../src/sandbox/store/sandbox-store.js';
import { CONTOSO, CONTOSO_PREMIUM, START, boot, expectPcError, type Api } from './helpers.js';

const list = (api: Api, query: string) =>
  api.get(`/v1/customers/${CONTOSO}/subscriptions/customTermEndDates?${query}`);
const dates = (reply: any) =>
  reply.body.items.map((i: any) => [
    i.allowedCustomTermEndDateType,
    i.allowedCustomTermEndDate.slice(0, 10),
    i.cotermSubscriptionIds ?? null,
  ]);

/** A sandbox (today 2026-03-02) whose Contoso also holds subscriptions ending on chosen days. */
async function withEstate() {
  const { api, sandbox } = await boot();
  const buy = (productId: string, term: 'P1M' | 'P1Y', purchasedAt: string) =>
    sandbox.admin.createSubscription(CONTOSO, {
      productId,
      skuId: '0001',
      quantity: 1,
      termDuration: term,
      purchasedAt,
    }).id;
  return {
    api,
    // Ends 2026-04-01 (monthly), 2026-03-29 and 2026-04-30 (annual).
    monthly: buy('CFQ7TTC0LH18', 'P1M', '2026-03-02T09:00:00Z'),
    on29th: buy('CFQ7TTC0LDPB', 'P1Y', '2025-03-30T09:00:00Z'),
    on30th: buy('CFQ7TTC0LH16', 'P1Y', '2025-05-01T09:00:00Z'),
  };
}

describe('GET …/subscriptions/customTermEndDates', () => {
  it('P1Y from today: month-end before the default end, and annual subscriptions ending in the term', async () => {
    const { api, on29th, on30th } = await withEstate();
    const premiumEnd = (
      await api.get(`/v1/customers/${CONTOSO}/subscriptions/${CONTOSO_PREMIUM}`)
    ).body.commitmentEndDate.slice(0, 10);
    const reply = await list(api, 'term_duration=P1Y');
    expect(reply.status).toBe(200);
    // The monthly subscription is left out: an annual term cannot co-term with a monthly one.
    expect(dates(reply)).toEqual([
      ['subscriptionAligned', '2026-03-29', [on29th]],
      ['subscriptionAligned', '2026-04-30', [on30th]],
      ['subscriptionAligned', premiumEnd, [CONTOSO_PREMIUM]],
      ['calendarMonthAligned', '2027-02-28', null],
    ]);
    expect(reply.body.items[0].allowedCustomTermEndDate).toBe('2026-03-29T00:00:00Z');
  });

  it('P1M: any term may co-term, but not on the 28th–30th unless it is the month-end', async () => {
    const { api, monthly, on30th } = await withEstate();
    expect(dates(await list(api, 'term_duration=P1M'))).toEqual([
      ['calendarMonthAligned', '2026-03-31', null],
      ['subscriptionAligned', '2026-04-01', [monthly]],
    ]);
    // From 2026-04-15 the term runs to 2026-05-14: April 30 is a month-end, so it may co-term.
    expect(dates(await list(api, 'term_duration=P1M&term_start_date=2026-04-15'))).toEqual([
      ['calendarMonthAligned', '2026-04-30', null],
      ['subscriptionAligned', '2026-04-30', [on30th]],
    ]);
    expect(
      dates(
        await list(
          api,
          `term_duration=P1M&term_start_date=2026-04-15&target_coterm_subscription_id=${on30th}`,
        ),
      ),
    ).toEqual([['subscriptionAligned', '2026-04-30', [on30th]]]);
  });

  it('refuses a start in the past and an unknown term', async () => {
    const { api } = await boot();
    expectPcError(await list(api, 'term_duration=P1Y&term_start_date=2026-03-01'), 400, 800002);
    expectPcError(await list(api, 'term_duration=P2Y'), 400, 800002);
    expectPcError(await list(api, ''), 400, 800002);
    expect((await list(api, 'term_duration=P1Y&term_start_date=2026-03-02')).status).toBe(200);
  });

  it('the documented dialect prints dates without an offset', async () => {
    const { api } = await boot({ dialect: 'documented' });
    const reply = await list(api, 'term_duration=P1M');
    expect(reply.body.items[0].allowedCustomTermEndDate).toBe('2026-03-31T00:00:00');
  });
});

describe('the functions the cart line code calls', () => {
  function context(): SandboxContext {
    const catalog = new CatalogIndex(defaultCatalog());
    const store = new SandboxStore(':memory:');
    store.put('customer', CONTOSO, CONTOSO, { id: CONTOSO, name: 'C', country: 'US', domain: 'c' });
    const entry = catalog.availability('CFQ7TTC0LDPB', '0001', 'US')!;
    const sub = buildSubscription({
      id: '11111111-2222-4333-8444-555555555555',
      customerId: CONTOSO,
      entry,
      quantity: 3,
      termDuration: 'P1Y',
      billingCycle: 'annual',
      purchasedAt: new Date('2025-06-10T12:00:00Z'),
      visibleAt: new Date('2025-06-10T12:00:00Z'),
    });
    store.put('subscription', CONTOSO, sub.id, sub);
    return {
      store,
      catalog,
      clock: createSandboxClock(START),
      settings: {
        orderListDelayMs: 0,
        provisioningDelayMs: 0,
        registrationDelayMs: 0,
        asyncPatchShare: 0,
        dialect: 'extended',
      },
      counters: { asyncPatchCredit: 0 },
    };
  }
  const today = new Date(START);

  it('isAllowedCustomTermEndDate: the listed days only, any instant of that day', () => {
    const ctx = context();
    // The Business Standard subscription ends 2026-06-09; month-end of a P1Y from today: 2027-02-28.
    expect(isAllowedCustomTermEndDate(ctx, CONTOSO, 'P1Y', today, '2026-06-09T00:00:00Z')).toBe(
      true,
    );
    expect(isAllowedCustomTermEndDate(ctx, CONTOSO, 'P1Y', today, '2026-06-09T15:30:00Z')).toBe(
      true,
    );
    expect(isAllowedCustomTermEndDate(ctx, CONTOSO, 'P1Y', today, '2027-02-28')).toBe(true);
    expect(isAllowedCustomTermEndDate(ctx, CONTOSO, 'P1Y', today, '2026-06-10T00:00:00Z')).toBe(
      false,
    );
    expect(isAllowedCustomTermEndDate(ctx, CONTOSO, 'P1M', today, '2026-06-09T00:00:00Z')).toBe(
      false,
    );
    expect(isAllowedCustomTermEndDate(ctx, CONTOSO, 'P2Y', today, '2027-02-28')).toBe(false);
    expect(isAllowedCustomTermEndDate(ctx, CONTOSO, 'P1Y', today, 'soon')).toBe(false);
  });

  it('customTermEndDateLineError: 10016 for a product that cannot co-term, 10017 for a bad date', () => {
    const ctx = context();
    const licence = ctx.catalog.availability('CFQ7TTC0LH18', '0001', 'US')!;
    const saas = ctx.catalog.availability('DZH318Z0C5KD', '0001', 'US')!;
    expect(
      customTermEndDateLineError(ctx, CONTOSO, licence, 'P1Y', today, '2026-06-09T00:00:00Z'),
    ).toBeUndefined();
    expect(
      customTermEndDateLineError(ctx, CONTOSO, saas, 'P1Y', today, '2026-06-09T00:00:00Z')
        ?.errorCode,
    ).toBe(10016);
    const bad = customTermEndDateLineError(
      ctx,
      CONTOSO,
      licence,
      'P1Y',
      today,
      '2026-07-01T00:00:00Z',
    );
    expect(bad?.errorCode).toBe(10017);
    expect(bad?.errorDescription).toMatch(/allowed: 2026-06-09T00:00:00Z, 2027-02-28T00:00:00Z/);
  });

  it('commitmentEndWithCustomEnd: the custom day, else the default inclusive end', () => {
    expect(commitmentEndWithCustomEnd(today, 'P1Y', '2026-06-09T00:00:00Z')).toBe(
      '2026-06-09T00:00:00Z',
    );
    expect(commitmentEndWithCustomEnd(today, 'P1Y', '2026-06-09T00:00:00')).toBe(
      '2026-06-09T00:00:00Z',
    );
    expect(commitmentEndWithCustomEnd(today, 'P1Y')).toBe('2027-03-01T00:00:00Z');
    expect(commitmentEndWithCustomEnd(today, 'P1M', '')).toBe('2026-04-01T00:00:00Z');
  });
});
