/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- line items are read loosely. */
import { describe, expect, it } from 'vitest';
import { chargeAmount, cycleAt } from '../../src/sandbox/billing/index.js';
import { createSandboxClock, defaultSeed } from '../../src/sandbox/index.js';
import { cycleShare } from '../../src/planner/billing-cycle.js';
import { CONTOSO, DAY, boot, type Api } from './helpers.js';

const JAPAN = '0f1e2d3c-4b5a-4697-8877-665544332211';

/** The open line items of the current (or previous) month in `currency`. */
async function openLines(api: Api, currency = 'usd', period = 'current'): Promise<any[]> {
  const reply = await api.get(
    `/v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode=${currency}&period=${period}`,
  );
  expect(reply.status).toBe(200);
  return reply.body.items;
}

/** Sets a subscription's quantity (or status) with a PATCH of the whole resource. */
async function patch(api: Api, customerId: string, sub: any, change: object): Promise<any> {
  const reply = await api.patch(`/v1/customers/${customerId}/subscriptions/${sub.id}`, {
    ...sub,
    ...change,
  });
  if (reply.status !== 200) throw new Error(`PATCH failed: ${reply.text}`);
  return reply.body;
}

const money = (lines: any[]) =>
  lines.map((l) => [l.chargeType, l.quantity, l.unitPrice, l.subtotal]);

describe('the proration rule (docs/partner-center-billing.md §5)', () => {
  const at = (iso: string) => new Date(iso);

  it('steps monthly cycles back from the day after the inclusive commitmentEndDate', () => {
    // Term 2026-03-02 … 2027-03-01: cycles start on the 2nd.
    expect(cycleAt('2027-03-01T00:00:00Z', 1, at('2026-03-17T10:00:00Z'))).toEqual({
      start: '2026-03-02T00:00:00.000Z',
      end: '2026-04-02T00:00:00.000Z',
      fraction: 16 / 31,
    });
    // The first instant of a cycle is charged in full; the last day still counts one day.
    expect(cycleAt('2027-03-01T00:00:00Z', 1, at('2026-04-02T00:00:00Z')).fraction).toBe(1);
    expect(cycleAt('2027-03-01T00:00:00Z', 1, at('2026-04-01T23:59:59Z')).fraction).toBe(1 / 31);
  });

  it('clamps month ends when stepping back (Jan 31 → Feb 28, and Feb 29 in a leap year)', () => {
    // Bought 2026-01-31 for a year: the term ends 2027-01-31; cycles from Jan 31, Feb 28, Mar 31…
    const end = '2027-01-30T00:00:00Z';
    expect(cycleAt(end, 1, at('2026-02-10T08:00:00Z'))).toEqual({
      start: '2026-01-31T00:00:00.000Z',
      end: '2026-02-28T00:00:00.000Z',
      fraction: 18 / 28,
    });
    expect(cycleAt(end, 1, at('2026-03-01T08:00:00Z'))).toEqual({
      start: '2026-02-28T00:00:00.000Z',
      end: '2026-03-31T00:00:00.000Z',
      fraction: 30 / 31,
    });
    expect(cycleAt('2029-01-30T00:00:00Z', 1, at('2028-02-10T00:00:00Z'))).toEqual({
      start: '2028-01-31T00:00:00.000Z',
      end: '2028-02-29T00:00:00.000Z',
      fraction: 19 / 29,
    });
  });

  it('an annual cycle, a triennial term billed annually, no end, and a term already over', () => {
    expect(cycleAt('2027-03-01T00:00:00Z', 12, at('2026-06-10T10:00:00Z')).fraction).toBe(
      265 / 365,
    );
    expect(cycleAt('2028-12-31T00:00:00Z', 12, at('2026-07-02T08:00:00Z'))).toEqual({
      start: '2026-01-01T00:00:00.000Z',
      end: '2027-01-01T00:00:00.000Z',
      fraction: 183 / 365,
    });
    expect(cycleAt(undefined, 1, at('2026-07-02T08:00:00Z'))).toEqual({ fraction: 1 });
    expect(cycleAt('2026-06-30T00:00:00Z', 1, at('2026-07-01T00:00:00Z')).fraction).toBe(0);
  });

  it('agrees with the planner’s implementation on every day of a year, for every cycle length', () => {
    const ends = ['2027-01-30T00:00:00Z', '2027-03-01T00:00:00Z', '2028-02-28T00:00:00Z'];
    const differences: string[] = [];
    for (const end of ends)
      for (const months of [1, 12, 36])
        for (let day = 0; day < 400; day++) {
          const instant = new Date(Date.UTC(2026, 0, 1, 13) + day * DAY);
          const ours = cycleAt(end, months, instant).fraction;
          const planner = cycleShare(end, months, instant).fraction;
          if (ours !== planner) differences.push(`${end} ${months} ${instant.toISOString()}`);
        }
    expect(differences).toEqual([]);
  });

  it('rounds the prorated amount once, to cents or whole yen; refunds are negative', () => {
    const base = { unitPrice: 22, quantity: 4, fraction: 16 / 31, sign: 1 as const };
    expect(chargeAmount({ ...base, currency: 'USD' })).toEqual({
      subtotal: 45.42,
      effectiveUnitPrice: 11.354839,
    });
    expect(chargeAmount({ ...base, sign: -1, currency: 'USD' }).subtotal).toBe(-45.42);
    expect(chargeAmount({ ...base, unitPrice: 3300, quantity: 1, currency: 'JPY' }).subtotal).toBe(
      1703,
    );
    // A promotion: the discounted unit is rounded first (the planner's rule for purchases).
    expect(
      chargeAmount({ ...base, fraction: 1, unitPrice: 276, discountPercent: 5, currency: 'USD' }),
    ).toEqual({ subtotal: 1048.8, effectiveUnitPrice: 262.2 });
    expect(chargeAmount({ ...base, fraction: 0, currency: 'USD' }).subtotal).toBe(0);
  });
});

describe('sandbox billing prorates seat changes', () => {
  it('a mid-cycle increase on a monthly-billed subscription: days left in the month’s cycle', async () => {
    const { sandbox, api } = await boot(); // 2026-03-02T10:00Z
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LCHC', '0002', 10, 'P1Y', 'monthly');
    sandbox.clock.advance(15 * DAY); // 2026-03-17: 16 of the cycle's 31 days left
    await patch(api, CONTOSO, sub, { quantity: 14 });
    const [bought, added] = await openLines(api);
    expect(money([bought, added])).toEqual([
      ['new', '10', '22', '220'],
      ['addQuantity', '4', '22', '45.42'], // 22 × 4 × 16/31 = 45.419…
    ]);
    expect(added.effectiveUnitPrice).toBe('11.354839');
    expect(added.chargeEndDate).toBe('2026-04-01T00:00:00.000Z');

    // The line reads the same once invoiced.
    sandbox.clock.advance(20 * DAY);
    const invoice = await api.get('/v1/invoices/G202603USD');
    expect(invoice.body.totalCharges).toBe(265.42);
  });

  it('a mid-cycle increase on an annual-billed subscription: days left in the year', async () => {
    const { sandbox, api } = await boot();
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LCHC', '0002', 5, 'P1Y', 'annual');
    sandbox.clock.advance(100 * DAY); // 2026-06-10: 265 of 365 days left
    await patch(api, CONTOSO, sub, { quantity: 7 });
    expect(money(await openLines(api))).toEqual([
      ['addQuantity', '2', '264', '383.34'], // 264 × 2 × 265/365 = 383.342…
    ]);
  });

  it('refunds a decrease and a cancellation for the days left', async () => {
    const { sandbox, api } = await boot();
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LCHC', '0002', 10, 'P1Y', 'monthly');
    const exchange = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH16', '0001', 3, 'P1M', 'monthly');
    sandbox.clock.advance(2 * DAY); // 2026-03-04: 29 of 31 days left
    await patch(api, CONTOSO, exchange, { status: 'deleted' });
    sandbox.clock.advance(1 * DAY); // 2026-03-05: 28 of 31 days left
    await patch(api, CONTOSO, sub, { quantity: 8 });
    expect(money(await openLines(api))).toEqual([
      ['new', '10', '22', '220'],
      ['new', '3', '4', '12'],
      ['cancelImmediate', '3', '4', '-11.23'], // 4 × 3 × 29/31 = 11.225…
      ['removeQuantity', '2', '22', '-39.74'], // 22 × 2 × 28/31 = 39.741…
    ]);
  });

  it('rounds a yen charge to whole yen', async () => {
    const { sandbox, api } = await boot();
    sandbox.admin.seedCustomer({ id: JAPAN, name: 'Kaisha KK', country: 'JP' });
    const sub = await api.buyLicense(JAPAN, 'CFQ7TTC0LCHC', '0002', 10, 'P1Y', 'monthly');
    sandbox.clock.advance(15 * DAY);
    await patch(api, JAPAN, sub, { quantity: 11 });
    expect(money(await openLines(api, 'jpy'))).toEqual([
      ['new', '10', '3300', '33000'],
      ['addQuantity', '1', '3300', '1703'], // 3300 × 16/31 = 1703.2…
    ]);
  });

  it('steps cycles at month ends: bought on Jan 31, changed on Feb 10 and Mar 1', async () => {
    const { sandbox, api } = await boot({ clock: createSandboxClock('2026-01-31T10:00:00Z') });
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LCHC', '0002', 10, 'P1Y', 'monthly');
    expect(sub.commitmentEndDate).toBe('2027-01-30T00:00:00Z');
    sandbox.clock.advance(10 * DAY); // 2026-02-10: cycle Jan 31 → Feb 28, 18 of 28 days left
    const grown = await patch(api, CONTOSO, sub, { quantity: 11 });
    sandbox.clock.advance(19 * DAY); // 2026-03-01: cycle Feb 28 → Mar 31, 30 of 31 days left
    await patch(api, CONTOSO, grown, { quantity: 12 });
    expect(money(await openLines(api))).toEqual([
      ['addQuantity', '1', '22', '21.29'], // 22 × 30/31 = 21.290…
    ]);
    // February's invoice is issued on March 2: its lines are still the previous period's.
    const february = await openLines(api, 'usd', 'previous');
    expect(money(february)).toEqual([
      ['addQuantity', '1', '22', '14.14'], // 22 × 18/28 = 14.142…
    ]);
  });

  it('bills every charge at the price effective at its instant', async () => {
    const seed = {
      ...defaultSeed(),
      priceChanges: [{ productId: 'CFQ7TTC0LCHC', from: '2026-04', factor: 1.1 }],
    };
    const { sandbox, api } = await boot({ seed });
    const march = await api.buyLicense(CONTOSO, 'CFQ7TTC0LCHC', '0002', 2, 'P1Y', 'monthly');
    sandbox.clock.advance(31 * DAY); // 2026-04-02: a new monthly cycle, 24.20 a seat
    await api.buyLicense(CONTOSO, 'CFQ7TTC0LCHC', '0002', 1, 'P1M', 'monthly');
    await patch(api, CONTOSO, march, { quantity: 3 });
    expect(money(await openLines(api))).toEqual([
      ['new', '1', '24.2', '24.2'],
      ['addQuantity', '1', '24.2', '24.2'],
    ]);
    const marchLines = await api.get('/v1/invoices/G202603USD/lineitems/OneTime/BillingLineItems');
    expect(money(marchLines.body.items)).toEqual([['new', '2', '22', '44']]);
  });
});
