/**
 * Co-terming new purchases end to end through the real app wiring (client → sandbox HTTP,
 * journal → SQLite file; specs loaded from disk): `resolveCoterms` turns `coterm: <item>` into
 * the end date of that item's subscription and `coterm: month-end` into the calendar month-end,
 * with one `customTermEndDates` read per customer and term; the applier sends the date on the
 * cart line, the sandbox accepts it (it is listed as allowed), the new subscription's first term
 * ends on it and its first charge is prorated; a date not listed is refused with 10017, a
 * product that cannot be co-termed with 10016, and checkout checks the date again.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveCoterms } from '../../src/agent/coterm/resolve-coterms.js';
import { createApp, type App } from '../../src/app/index.js';
import { applyPlanActions } from '../../src/applier/index.js';
import type { AgentConfig } from '../../src/config/index.js';
import {
  DEFAULT_POLICY,
  type ActionKey,
  type Binding,
  type CustomerId,
  type DesiredState,
  type ItemKey,
  type ObservedState,
  type PurchaseAction,
  type SubscriptionId,
} from '../../src/model/index.js';
import {
  createSandboxClock,
  SEED_CUSTOMERS,
  startSandbox,
  type RunningSandbox,
} from '../../src/sandbox/index.js';
import { loadSpecs } from '../../src/spec/index.js';

const CONTOSO = SEED_CUSTOMERS.contoso as CustomerId;
const PREMIUM = '3a1f9e8d-7c6b-4a5e-9d4c-3b2a1f0e9d8c' as SubscriptionId;
const NOW = '2026-03-02T10:00:00Z';

const SPEC = `version: 1
customer:
  id: ${CONTOSO}
  name: Contoso Ltd
  country: US
subscriptions:
  m365-business-premium:
    product: CFQ7TTC0LCHC
    sku: "0002"
    term: P1Y
    billing: monthly
    quantity: 20
    subscriptionId: ${PREMIUM}
  e3-with-premium:
    product: CFQ7TTC0LF8Q
    sku: "0001"
    term: P1Y
    billing: monthly
    quantity: 5
    coterm: m365-business-premium
  visio-month-end:
    product: CFQ7TTC0HD33
    sku: "0001"
    term: P1Y
    billing: annual
    quantity: 2
    coterm: month-end
  exchange-month-end:
    product: CFQ7TTC0LH16
    sku: "0001"
    term: P1M
    billing: monthly
    quantity: 10
    coterm: month-end
  power-bi-later:
    product: CFQ7TTC0L3PB
    sku: "0001"
    term: P1Y
    billing: monthly
    quantity: 3
    coterm: basic-new
  basic-new:
    product: CFQ7TTC0LH18
    sku: "0001"
    term: P1Y
    billing: monthly
    quantity: 4
  standard-bought:
    product: CFQ7TTC0LDPB
    sku: "0001"
    term: P3Y
    billing: monthly
    quantity: 1
    coterm: month-end
`;

describe('co-terming new purchases', () => {
  let sandbox: RunningSandbox;
  let app: App;
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qm-coterm-'));
    sandbox = await startSandbox({ clock: createSandboxClock(NOW) });
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

  function desired(): DesiredState {
    mkdirSync(join(dir, 'specs'), { recursive: true });
    writeFileSync(join(dir, 'specs', 'contoso.yaml'), SPEC);
    const loaded = loadSpecs(join(dir, 'specs'));
    expect(loaded.diagnostics).toEqual([]);
    return loaded.desired;
  }

  async function observed(): Promise<ObservedState> {
    const { subscriptions } = await app.reads.readSubscriptions(CONTOSO);
    return { customers: [{ customerId: CONTOSO, observedAt: NOW, subscriptions }], failures: [] };
  }

  /** `standard-bought` is bound already: it is not bought again, so it is not co-termed. */
  const bindings: Binding[] = [
    {
      customerId: CONTOSO,
      item: 'standard-bought' as ItemKey,
      kind: 'subscription',
      subscriptionId: '0b0c0d0e-0000-4000-8000-000000000001' as SubscriptionId,
      boundAt: NOW,
    },
  ];

  const customTermCalls = () =>
    Object.entries(sandbox.state.callCounts())
      .filter(([route]) => route.includes('customTermEndDates'))
      .reduce((sum, [, n]) => sum + n, 0);

  it('resolves an item key to its subscription end and month-end to the calendar month-end', async () => {
    const premiumEnd = (await app.client.subscriptions.get(CONTOSO, PREMIUM)).commitmentEndDate;
    expect(premiumEnd).toBe('2026-08-13T00:00:00Z');
    sandbox.state.resetLog();
    const result = await resolveCoterms(
      app.reads,
      desired(),
      await observed(),
      bindings,
      new Date(NOW),
    );
    expect([...result.coterms.entries()].sort()).toEqual([
      [`${CONTOSO}/e3-with-premium`, premiumEnd],
      [`${CONTOSO}/exchange-month-end`, '2026-03-31T00:00:00Z'],
      [`${CONTOSO}/visio-month-end`, '2027-02-28T00:00:00Z'],
    ]);
    expect(result.notes).toEqual([
      'Contoso Ltd power-bi-later: coterm target basic-new has no live subscription yet; buying without co-terming',
    ]);
    // One read per term needed (P1Y, P1M); the bound P3Y item costs none.
    expect(customTermCalls()).toBe(2);
  });

  it('a failed read gives those items no date and a note naming the call, never an error', async () => {
    sandbox.faults.add({
      match: 'GET /v1/customers/*/subscriptions/customTermEndDates',
      kind: 'status',
      status: 400,
      code: '800002',
      count: 'unlimited',
    });
    const result = await resolveCoterms(
      app.reads,
      desired(),
      await observed(),
      bindings,
      new Date(NOW),
    );
    expect(result.coterms.size).toBe(0);
    expect(result.notes).toHaveLength(2);
    expect(result.notes[0]).toMatch(
      /^Contoso Ltd \(6f1c2a9e-[0-9a-f-]+\) e3-with-premium, visio-month-end, power-bi-later: custom term end dates for a P1Y purchase could not be read \(GET …\/subscriptions\/customTermEndDates: .+\); buying without co-terming$/,
    );
  });

  /** A purchase as the planner builds it, with the catalog item resolved now. */
  async function purchase(
    key: string,
    after: PurchaseAction['after'],
    customTermEndDate: string,
  ): Promise<PurchaseAction> {
    const resolved = await app.client.catalog.resolveCatalogItem({ country: 'US', ...after });
    return {
      key: `purchase:${key}` as ActionKey,
      kind: 'purchase',
      customerId: CONTOSO,
      customerName: 'Contoso Ltd',
      item: key as ItemKey,
      reason: 'test',
      target: 'subscription',
      after,
      catalogItemId: resolved!.catalogItemId,
      availabilityId: resolved!.availabilityId,
      country: 'US',
      customTermEndDate,
    };
  }

  const E3 = {
    productId: 'CFQ7TTC0LF8Q',
    skuId: '0001',
    term: 'P1Y',
    billing: 'monthly',
    quantity: 5,
  } as const;

  it('buys with the resolved date: the sandbox lists it, accepts it, ends the first term on it and prorates the first charge', async () => {
    const { coterms } = await resolveCoterms(
      app.reads,
      desired(),
      await observed(),
      bindings,
      new Date(NOW),
    );
    const date = coterms.get(`${CONTOSO}/e3-with-premium`)!;
    const allowed = await app.client.customTermEndDates.list(CONTOSO, { termDuration: 'P1Y' });
    expect(allowed.map((a) => a.endDate)).toContain(date);

    const report = await applyPlanActions(
      [await purchase('e3-with-premium', E3, date)],
      app.applierPorts(undefined),
    );
    expect(report.results[0]).toMatchObject({ status: 'succeeded' });
    const cart = sandbox.state.carts(CONTOSO).at(-1);
    expect(cart?.lineItems[0]).toMatchObject({ customTermEndDate: date });
    expect(cart?.lineItems[0]?.error).toBeUndefined();
    const order = sandbox.state.orders(CONTOSO).find((o) => o.cartId === cart?.id);
    expect(order?.lineItems[0]?.customTermEndDate).toBe('2026-08-13T00:00:00Z');
    const bought = await app.client.subscriptions.get(
      CONTOSO,
      order!.lineItems[0]!.subscriptionId!,
    );
    const premium = await app.client.subscriptions.get(CONTOSO, PREMIUM);
    expect(bought.commitmentEndDate).toBe(premium.commitmentEndDate);
    expect(bought.termDuration).toBe('P1Y');

    // Monthly cycles run back from 2026-08-14: the first is 2026-02-14 → 2026-03-14 (28 days),
    // 12 of them left on 2026-03-02, so the first charge is 12/28 of a month's.
    const lines = await app.reads.unbilledLineItems('USD', 'current', {});
    const charge = lines.find((l) => l.subscriptionId === bought.id && l.chargeType === 'new');
    expect(charge?.quantity).toBe(5);
    expect(charge?.subtotal).toBe(Math.round(charge!.unitPrice * 5 * (12 / 28) * 100) / 100);
    expect(charge!.subtotal).toBeLessThan(charge!.unitPrice * 5);
  });

  it('refuses a date that is not listed (10017) and a product that cannot be co-termed (10016); buys nothing', async () => {
    const ordersBefore = sandbox.state.orders(CONTOSO).length;
    const notListed = await applyPlanActions(
      [await purchase('e3-odd-day', E3, '2026-06-09T00:00:00Z')],
      app.applierPorts(undefined),
    );
    expect(notListed.results[0]).toMatchObject({ status: 'failed', code: '10017' });
    expect(notListed.results[0]?.message).toContain(
      'customTermEndDate 2026-06-09T00:00:00Z is not allowed for a P1Y purchase starting 2026-03-02T00:00:00Z; allowed: 2026-08-13T00:00:00Z, 2027-02-28T00:00:00Z',
    );
    const saas = await applyPlanActions(
      [
        await purchase(
          'tracker',
          { productId: 'DZH318Z0C5KD', skuId: '0001', term: 'P1Y', billing: 'annual', quantity: 3 },
          '2027-02-28T00:00:00Z',
        ),
      ],
      app.applierPorts(undefined),
    );
    expect(saas.results[0]).toMatchObject({ status: 'failed', code: '10016' });
    expect(sandbox.state.orders(CONTOSO)).toHaveLength(ordersBefore);
  });

  it('checkout checks the date again: a month-end no longer allowed fails the order group', async () => {
    // From 2026-03-30 a P1Y term's month-end is 2027-02-28; from 2026-04-01 it is 2027-03-31.
    sandbox.clock.set('2026-03-30T10:00:00Z');
    const resolved = await app.client.catalog.resolveCatalogItem({ country: 'US', ...E3 });
    const cart = await app.client.carts.create(CONTOSO, {
      lineItems: [
        {
          id: 0,
          catalogItemId: resolved!.catalogItemId,
          quantity: 5,
          billingCycle: 'monthly',
          termDuration: 'P1Y',
          customTermEndDate: '2027-02-28T00:00:00Z',
        },
      ],
    });
    expect(cart.lineItems[0]?.error).toBeUndefined();
    expect(cart.lineItems[0]?.customTermEndDate).toBe('2027-02-28T00:00:00Z');
    sandbox.clock.set('2026-04-01T10:00:00Z');
    await expect(app.client.carts.checkout(CONTOSO, cart.id)).rejects.toMatchObject({
      code: '800009',
    });
    expect(sandbox.state.orders(CONTOSO).filter((o) => o.cartId === cart.id)).toEqual([]);
  });
});
