import { describe, expect, it } from 'vitest';
import { createPriceSheetClient, createStaticTokenSource } from '../../src/partnercenter/index.js';
import { SANDBOX_TOKENS, boot } from './helpers.js';

describe("the project's price sheet client reads the sandbox's sheets", () => {
  // The client sends Accept-Encoding: deflate, so this reads the sandbox's ZIP archive.
  it('streams the zipped licence sheet into rows priced as the sandbox bills', async () => {
    const { sandbox } = await boot(); // 2026-03-02
    const client = createPriceSheetClient({
      baseUrl: sandbox.url,
      tokenSource: createStaticTokenSource(SANDBOX_TOKENS.appUser),
    });
    try {
      const rows = [];
      for await (const row of client.streamPriceSheet({
        market: 'JP',
        view: 'updatedlicensebased',
        month: '2026-03',
        timeline: 'current',
      }))
        rows.push(row);
      expect(rows).toHaveLength(36);
      expect(
        rows.find(
          (r) =>
            r.productId === 'CFQ7TTC0LCHC' &&
            r.termDuration === 'P3Y' &&
            r.billingPlan === 'triennial',
        ),
      ).toMatchObject({
        skuId: '0002',
        market: 'JP',
        currency: 'JPY',
        unitPrice: 118800, // 22 × 36 × 150
        erpPrice: 148500,
        effectiveStartDate: '2026-03-01T00:00:00.000Z',
        effectiveEndDate: '2026-03-31T23:59:59.000Z',
      });
    } finally {
      await client.close();
    }
  });
});
