import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCustomerId } from '../../src/model/index.js';
import {
  createPartnerCenterClient,
  createStaticTokenSource,
  type PartnerCenterClient,
} from '../../src/partnercenter/index.js';
import {
  createSandboxClock,
  SANDBOX_TOKENS,
  SEED_CUSTOMERS,
  startSandbox,
  type RunningSandbox,
  type SandboxClock,
} from '../../src/sandbox/index.js';
import { ManualClock } from '../../src/support/index.js';

const contoso = parseCustomerId(SEED_CUSTOMERS.contoso)!;
const AZURE_PLAN = '8e7c0d2b-5a4f-4e3d-9c1b-2a0f6e5d4c3b';

let sandbox: RunningSandbox;
let sandboxClock: SandboxClock;
let client: PartnerCenterClient;

beforeEach(async () => {
  sandboxClock = createSandboxClock('2026-03-01T00:00:00Z');
  sandbox = await startSandbox({ clock: sandboxClock, rateLimitPerMinute: 0 });
  client = createPartnerCenterClient({
    baseUrl: sandbox.url,
    tokenSource: createStaticTokenSource(SANDBOX_TOKENS.appUser),
    clock: new ManualClock('2026-03-01T00:00:00Z'),
    retry: { jitter: () => 0 },
  });
});

afterEach(async () => {
  await client.close();
  await sandbox.close();
});

describe('purchase flows against the sandbox', () => {
  it('registers an Azure subscription, checks inventory and buys a one-time reservation', async () => {
    expect((await client.registrations.status(contoso, AZURE_PLAN)).status).toBe('notRegistered');
    const accepted = await client.registrations.register(contoso, AZURE_PLAN, {
      requestId: 'reg-1',
    });
    expect(accepted).toMatchObject({ status: 202, requestId: 'reg-1' });
    expect(accepted.location).toMatch(/registrationstatus$/);
    expect((await client.registrations.status(contoso, AZURE_PLAN)).status).toBe('registered');

    const inventory = await client.inventory.check('US', {
      targetItems: [
        { productId: 'DZH318Z0BQ4T', skuId: '0059' },
        { productId: 'DZH318Z0BQ4T', skuId: '0067' },
      ],
      inventoryContext: {
        customerId: contoso,
        azureSubscriptionId: AZURE_PLAN,
        armRegionName: 'eastus',
      },
    });
    expect(inventory.find((i) => i.skuId === '0059')?.isRestricted).toBe(false);

    const item = await client.catalog.resolveCatalogItem({
      country: 'US',
      productId: 'DZH318Z0BQ4T',
      skuId: '0059',
      term: 'P1Y',
      billing: 'one_time',
    });
    expect(item?.sku).toMatchObject({
      productKind: 'azure-reservation',
      purchasePrerequisites: ['AzureSubscriptionRegistration', 'InventoryCheck'],
    });
    const cart = await client.carts.create(contoso, {
      lineItems: [
        {
          id: 0,
          catalogItemId: item!.catalogItemId,
          quantity: 2,
          billingCycle: 'one_time',
          termDuration: 'P1Y',
          provisioningContext: { subscriptionId: AZURE_PLAN, scope: 'Shared', duration: '1Year' },
        },
      ],
    });
    expect(cart.lineItems.map((l) => l.error)).toEqual([undefined]);
    const { orders, orderErrors } = await client.carts.checkout(contoso, cart.id, { cart });
    expect(orderErrors).toEqual([]);
    const order = orders[0]!;
    expect(order.lineItems.map((l) => [l.productId, l.skuId, l.quantity])).toEqual([
      ['DZH318Z0BQ4T', '0059', 2],
    ]);

    // By id at once; in the list only after the order-list delay (§10.1).
    expect((await client.orders.get(contoso, order.id)).id).toBe(order.id);
    expect(
      (await client.orders.listByBillingType(contoso, 'one_time')).map((o) => o.id),
    ).not.toContain(order.id);
    sandboxClock.advance(16 * 60_000);
    expect((await client.orders.listByBillingType(contoso, 'one_time')).map((o) => o.id)).toContain(
      order.id,
    );
    expect((await client.orders.list(contoso)).map((o) => o.id)).toContain(order.id);
    const entitlements = await client.entitlements.list(contoso);
    expect(entitlements.some((e) => e.productId === 'DZH318Z0BQ4T' && e.orderId === order.id)).toBe(
      true,
    );
  });

  it('reports cart line errors and checkout order errors per line', async () => {
    const item = await client.catalog.resolveCatalogItem({
      country: 'US',
      productId: 'CFQ7TTC0LH18',
      skuId: '0001',
      term: 'P1Y',
      billing: 'annual',
    });
    const cart = await client.carts.create(contoso, {
      lineItems: [
        {
          id: 0,
          catalogItemId: item!.catalogItemId,
          quantity: 2,
          billingCycle: 'annual',
          termDuration: 'P1Y',
        },
        {
          id: 1,
          catalogItemId: item!.catalogItemId,
          quantity: 1,
          billingCycle: 'triennial',
          termDuration: 'P1M',
        },
      ],
    });
    expect(cart.lineItems[0]?.error).toBeUndefined();
    expect(cart.lineItems[1]?.error?.code).toBeGreaterThanOrEqual(10000);
  });

  it('buys SaaS and reads its activation links; maps add-on SKUs to their base products', async () => {
    const item = await client.catalog.resolveCatalogItem({
      country: 'US',
      productId: 'DZH318Z0C5KD',
      skuId: '0001',
      term: 'P1M',
      billing: 'monthly',
    });
    expect(item?.sku.productKind).toBe('saas');
    const cart = await client.carts.create(contoso, {
      lineItems: [
        {
          id: 0,
          catalogItemId: item!.catalogItemId,
          quantity: 1,
          billingCycle: 'monthly',
          termDuration: 'P1M',
        },
      ],
    });
    const { orders } = await client.carts.checkout(contoso, cart.id);
    const links = await client.activationLinks.byLineItem(contoso, orders[0]!.id, 0);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({
      lineItemNumber: 0,
      uri: expect.stringMatching(/^https?:\/\//),
    });

    const teams = await client.catalog.sku('CFQ7TTC0J1FV', '0001', 'US');
    expect(teams.addOnOf).toEqual(['CFQ7TTC0LF8Q', 'CFQ7TTC0LFLX']);
    const skus = await client.catalog.skus('CFQ7TTC0LCHC', 'US');
    expect(skus.map((s) => [s.skuId, s.minimumQuantity, s.maximumQuantity])).toEqual([
      ['0002', 1, 300],
    ]);
  });
});
