import { SandboxSeedError } from '../seed/apply-seed.js';
import type { SeedSku, SeedUpgradePath } from '../seed/seed-types.js';
import type { CatalogIndex } from './catalog-index.js';

/**
 * Upgrade paths of the default catalog (docs/sandbox.md "Transitions"): Microsoft 365 Business
 * Basic → Standard → Premium, and Office 365 E3 → Microsoft 365 E3. Partner Center publishes
 * its paths only through `transitionEligibilities`; these follow the product families'
 * editions and are the sandbox's choice.
 */
export const DEFAULT_UPGRADE_PATHS: readonly SeedUpgradePath[] = [
  { from: 'CFQ7TTC0LH18:0001', to: 'CFQ7TTC0LDPB:0001' },
  { from: 'CFQ7TTC0LH18:0001', to: 'CFQ7TTC0LCHC:0002' },
  { from: 'CFQ7TTC0LDPB:0001', to: 'CFQ7TTC0LCHC:0002' },
  { from: 'CFQ7TTC0LF8Q:0001', to: 'CFQ7TTC0LFLX:0001' },
];

/** The seed's paths, or the defaults whose SKUs this catalog has. */
export function upgradePaths(catalog: CatalogIndex): readonly SeedUpgradePath[] {
  return catalog.catalog.upgradePaths ?? DEFAULT_UPGRADE_PATHS;
}

/** The SKUs `productId:skuId` may be upgraded to, in path order (unknown SKUs skipped). */
export function upgradeTargetsOf(
  catalog: CatalogIndex,
  productId: string,
  skuId: string,
): SeedSku[] {
  const from = `${productId}:${skuId}`.toUpperCase();
  const targets: SeedSku[] = [];
  for (const path of upgradePaths(catalog)) {
    if (path.from.toUpperCase() !== from) continue;
    const [toProduct = '', toSku = ''] = path.to.split(':');
    const sku = catalog.sku(toProduct, toSku);
    if (sku !== undefined && !targets.includes(sku)) targets.push(sku);
  }
  return targets;
}

/** True when a path leads from one SKU to the other (product ids and SKU ids, any case). */
export function isUpgradePath(
  catalog: CatalogIndex,
  from: { readonly productId: string; readonly skuId: string },
  to: { readonly productId: string; readonly skuId: string },
): boolean {
  return upgradeTargetsOf(catalog, from.productId, from.skuId).some(
    (sku) =>
      sku.productId.toUpperCase() === to.productId.toUpperCase() &&
      sku.id.toUpperCase() === to.skuId.toUpperCase(),
  );
}

/** Months in an NCE term (`P1M` 1, `P1Y` 12, `P3Y` 36); 0 when unknown. */
export function termMonths(term: string | undefined): number {
  const match = /^P(\d+)([MY])$/.exec(term ?? '');
  if (match === null) return 0;
  return Number(match[1]) * (match[2] === 'Y' ? 12 : 1);
}

/**
 * Checks the seed's `catalog.upgradePaths` (the defaults are filtered, never checked): each end
 * must name a SKU of the catalog as `productId:skuId`, and a path may not lead to itself.
 * @throws SandboxSeedError naming `catalog.upgradePaths[i].from|to` and what is wrong.
 */
export function checkUpgradePaths(catalog: CatalogIndex): void {
  (catalog.catalog.upgradePaths ?? []).forEach((path, i) => {
    for (const end of ['from', 'to'] as const) {
      const [productId = '', skuId = '', extra] = String(path[end] ?? '').split(':');
      if (extra !== undefined || catalog.sku(productId, skuId) === undefined) {
        throw new SandboxSeedError(
          `catalog.upgradePaths[${i}].${end}: '${String(path[end])}' is not a catalog SKU written productId:skuId`,
        );
      }
    }
    if (path.from.toUpperCase() === path.to.toUpperCase()) {
      throw new SandboxSeedError(`catalog.upgradePaths[${i}]: a path from ${path.from} to itself`);
    }
  });
}
