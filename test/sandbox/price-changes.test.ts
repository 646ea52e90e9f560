import { describe, expect, it } from 'vitest';
import { createSandboxClock, defaultSeed, startSandbox } from '../../src/sandbox/index.js';
import { DAY, boot } from './helpers.js';
import { getRaw, sheetPath, sheetRecords } from './pricesheet-helpers.js';

/** The unit price of a product's P1Y annual row in a US licence sheet. */
const annual = (rows: Record<string, string>[], productId: string): string | undefined =>
  rows.find(
    (r) => r.ProductId === productId && r.TermDuration === 'P1Y' && r.BillingPlan === 'Annual',
  )?.UnitPrice;

describe('price changes over time (seed priceChanges)', () => {
  const seed = {
    ...defaultSeed(),
    priceChanges: [
      { productId: 'CFQ7TTC0LCHC', from: '2026-04', factor: 1.1 },
      { productId: 'CFQ7TTC0LH16', skuId: '0001', from: '2026-05', monthlyUsd: 4.5 },
    ],
  };

  it('shows each month the price effective that month', async () => {
    const { sandbox } = await boot({ seed });
    const unit = async (query: string, productId: string) =>
      annual(
        sheetRecords((await getRaw(sandbox, sheetPath('US', 'updatedlicensebased', query))).text),
        productId,
      );
    expect(await unit('', 'CFQ7TTC0LCHC')).toBe('264');
    expect(await unit('?timeline=future', 'CFQ7TTC0LCHC')).toBe('290.4'); // 22 × 1.1 × 12
    sandbox.clock.advance(60 * DAY); // 2026-05-01
    expect(await unit('', 'CFQ7TTC0LCHC')).toBe('290.4');
    expect(await unit('', 'CFQ7TTC0LH16')).toBe('54'); // 4.5 × 12
    expect(await unit('?timeline=history&month=202603', 'CFQ7TTC0LCHC')).toBe('264');
    expect(await unit('?timeline=history&month=202604', 'CFQ7TTC0LH16')).toBe('48');
  });

  it('refuses a seed whose price change names an unknown product or has no price', async () => {
    const clock = createSandboxClock('2026-03-02T10:00:00Z');
    await expect(
      startSandbox({
        clock,
        seed: {
          ...defaultSeed(),
          priceChanges: [{ productId: 'NOPE', from: '2026-04', factor: 2 }],
        },
      }),
    ).rejects.toThrow(/seed\.priceChanges\[0\]\.productId: NOPE is not a product/);
    await expect(
      startSandbox({
        clock,
        seed: { ...defaultSeed(), priceChanges: [{ productId: 'CFQ7TTC0LCHC', from: '2026-4' }] },
      }),
    ).rejects.toThrow(/seed\.priceChanges\[0\]\.from: 2026-4 is not a month; write YYYY-MM/);
    await expect(
      startSandbox({
        clock,
        seed: { ...defaultSeed(), priceChanges: [{ productId: 'CFQ7TTC0LCHC', from: '2026-04' }] },
      }),
    ).rejects.toThrow(/exactly one of factor and monthlyUsd/);
  });
});
