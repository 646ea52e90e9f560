/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- conformance tests read wire JSON loosely and assert its shape. */
import { describe, expect, it } from 'vitest';
import { CONTOSO, boot, expectPcError } from './helpers.js';

const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('customers', () => {
  it('gets a customer with its billing country', async () => {
    const { api } = await boot();
    const reply = await api.get(`/v1/customers/${CONTOSO}`);
    expect(reply.body).toMatchObject({
      id: CONTOSO,
      companyProfile: { companyName: 'Contoso Ltd', tenantId: CONTOSO },
      billingProfile: { defaultAddress: { country: 'US' } },
      attributes: { objectType: 'Customer' },
    });
  });

  it('pages with MS-ContinuationToken until no next link, visiting every customer once', async () => {
    const { api, sandbox } = await boot();
    sandbox.admin.transaction(() => {
      for (let i = 0; i < 245; i++)
        sandbox.admin.seedCustomer({ id: guid(i), name: `Tenant ${i}`, country: 'NL' });
    });
    const seen: string[] = [];
    let reply = await api.get('/v1/customers?size=100');
    let pages = 1;
    seen.push(...reply.body.items.map((c: any) => c.id));
    while (reply.body.links.next !== undefined) {
      const next = reply.body.links.next;
      expect(next.uri).toMatch(/seekOperation=Next$/);
      const token = next.headers.find((h: any) => h.key === 'MS-ContinuationToken').value;
      expect(reply.body.continuationToken).toBe(token);
      reply = await api.get(`/v1${next.uri}`, { headers: { 'MS-ContinuationToken': token } });
      seen.push(...reply.body.items.map((c: any) => c.id));
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    expect(reply.body.continuationToken).toBeUndefined();
    expectPcError(
      await api.get('/v1/customers?size=10', { headers: { 'MS-ContinuationToken': 'garbage' } }),
      400,
      800002,
    );
  });

  it('seeding thousands of customers with subscriptions stays fast', async () => {
    const { api, sandbox } = await boot();
    const started = performance.now();
    sandbox.admin.transaction(() => {
      for (let i = 0; i < 2000; i++) {
        sandbox.admin.seedCustomer({
          id: guid(i),
          name: `Tenant ${i}`,
          country: 'US',
          subscriptions: Array.from({ length: 10 }, (_, j) => ({
            id: guid(100_000 + i * 10 + j),
            productId: 'CFQ7TTC0LH16',
            skuId: '0001',
            termDuration: 'P1Y' as const,
            billingCycle: 'monthly',
            quantity: 5 + j,
            purchasedDaysAgo: 30,
          })),
        });
      }
    });
    expect(performance.now() - started).toBeLessThan(10_000);
    const reply = await api.get(`/v1/customers/${guid(1999)}/subscriptions`);
    expect(reply.body.totalCount).toBe(10);
  });
});
