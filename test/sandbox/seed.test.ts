import { describe, expect, it } from 'vitest';
import {
  SandboxSeedError,
  createSandboxClock,
  defaultCatalog,
  defaultSeed,
  startSandbox,
} from '../../src/sandbox/index.js';
import { CONTOSO, boot } from './helpers.js';

describe('seed', () => {
  it('the default seed holds the spec customers and the catalog ids the specs use', async () => {
    const { sandbox } = await boot();
    expect(sandbox.state.customers().map((c) => c.name)).toEqual(
      expect.arrayContaining(['Contoso Ltd', 'Fabrikam GmbH', 'Northwind Traders']),
    );
    const skus = new Set(defaultSeed().catalog?.skus.map((s) => `${s.productId}/${s.id}`));
    for (const id of [
      'CFQ7TTC0LCHC/0002',
      'CFQ7TTC0LH16/0001',
      'CFQ7TTC0LF8Q/0001',
      'CFQ7TTC0J1FV/0001',
      'CFQ7TTC0LH18/0001',
      'DZH318Z0C5KD/0001',
      'DZH318Z0BQ4T/0059',
      'DG7GMGF0FKZV/0001',
      'DZH318Z0BPS6/0001',
    ]) {
      expect(skus.has(id)).toBe(true);
    }
    const premium = sandbox.state
      .subscriptions(CONTOSO)
      .find((s) => s.productId === 'CFQ7TTC0LCHC');
    expect(premium).toMatchObject({
      quantity: 20,
      autoRenewEnabled: true,
      termDuration: 'P1Y',
      billingCycle: 'monthly',
      creationDate: '2025-08-14T10:00:00.000Z',
    });
  });

  it('a custom seed replaces the customers and keeps the default catalog when it has none', async () => {
    const { api, sandbox } = await boot({
      seed: {
        customers: [
          {
            id: '0B3F7C1E-2A4D-4E5F-8A9B-1C2D3E4F5A6B',
            name: 'Litware Inc',
            country: 'ca',
            subscriptions: [
              {
                id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
                productId: 'CFQ7TTC0LH18',
                skuId: '0001',
                termDuration: 'P1M',
                billingCycle: 'monthly',
                quantity: 12,
                purchasedDaysAgo: 3,
              },
            ],
          },
        ],
      },
    });
    expect(sandbox.state.customers()).toEqual([
      expect.objectContaining({ id: '0b3f7c1e-2a4d-4e5f-8a9b-1c2d3e4f5a6b', country: 'CA' }),
    ]);
    const sub = await api.get(
      '/v1/customers/0b3f7c1e-2a4d-4e5f-8a9b-1c2d3e4f5a6b/subscriptions/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    );
    expect(sub.body).toMatchObject({ quantity: 12, refundableQuantity: { totalQuantity: 12 } });
    expect(defaultCatalog().markets).toContain('CA');
  });

  it('refuses a seed subscription the catalog does not sell in that market', async () => {
    await expect(
      startSandbox({
        clock: createSandboxClock('2026-01-01T00:00:00Z'),
        seed: {
          customers: [
            {
              id: 'a7b8c9d0-e1f2-4a3b-9c4d-5e6f7a8b9c0e',
              name: 'X',
              country: 'BR',
              subscriptions: [
                {
                  id: 'a7b8c9d0-e1f2-4a3b-9c4d-5e6f7a8b9c0f',
                  productId: 'DG7GMGF0FKZV',
                  skuId: '0001',
                  quantity: 1,
                },
              ],
            },
          ],
        },
      }),
    ).rejects.toBeInstanceOf(SandboxSeedError);
  });
});
