import { SandboxSeedError } from './apply-seed.js';
import type { SeedCatalog, SeedPriceChange } from './seed-types.js';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * The catalog with the seed's price changes appended to its own (what a new sandbox stores), after
 * checking every change names a product of the catalog and has a valid month and price.
 * @throws SandboxSeedError naming `seed.priceChanges[i]` (or `catalog.priceChanges[i]`) and the field.
 */
export function withPriceChanges(
  catalog: SeedCatalog,
  extra: readonly SeedPriceChange[] | undefined,
): SeedCatalog {
  checkPriceChanges(catalog, catalog.priceChanges ?? [], 'catalog.priceChanges');
  if (extra === undefined || extra.length === 0) return catalog;
  checkPriceChanges(catalog, extra, 'seed.priceChanges');
  return { ...catalog, priceChanges: [...(catalog.priceChanges ?? []), ...extra] };
}

function checkPriceChanges(
  catalog: SeedCatalog,
  changes: readonly SeedPriceChange[],
  where: string,
): void {
  changes.forEach((change, i) => {
    const at = `${where}[${i}]`;
    const productId = String(change.productId ?? '').toUpperCase();
    if (!catalog.products.some((p) => p.id.toUpperCase() === productId))
      throw new SandboxSeedError(
        `${at}.productId: ${change.productId} is not a product of the sandbox catalog`,
      );
    const skuId = change.skuId?.toUpperCase();
    if (
      skuId !== undefined &&
      !catalog.skus.some(
        (s) => s.productId.toUpperCase() === productId && s.id.toUpperCase() === skuId,
      )
    )
      throw new SandboxSeedError(
        `${at}.skuId: ${change.skuId} is not a SKU of ${change.productId}`,
      );
    if (typeof change.from !== 'string' || !MONTH.test(change.from))
      throw new SandboxSeedError(
        `${at}.from: ${String(change.from)} is not a month; write YYYY-MM`,
      );
    const hasFactor = change.factor !== undefined;
    if (hasFactor === (change.monthlyUsd !== undefined))
      throw new SandboxSeedError(`${at}: give exactly one of factor and monthlyUsd`);
    const value = hasFactor ? change.factor : change.monthlyUsd;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
      throw new SandboxSeedError(
        `${at}.${hasFactor ? 'factor' : 'monthlyUsd'}: ${String(value)} must be a positive number`,
      );
  });
}
