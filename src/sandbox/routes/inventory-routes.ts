import type { SandboxContext } from '../engine/context.js';
import { pcErrors } from '../errors.js';
import type { Route, RouteRequest, RouteResult } from '../router.js';
import { isObject, mapGet, pick, pickString, pickStringMap, type JsonObject } from '../wire.js';

/**
 * `POST /v1/extensions/product/checkinventory?country=` (any case; docs/partner-center-api.md §2.4): a bare
 * array of InventoryItem; items not in the catalog are left out. A SKU is restricted when the
 * seed marks it so, or when `armRegionName` does not match the SKU's region attribute.
 */
function checkInventory(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const country = req.query.get('country');
  if (country === null || country === '')
    throw pcErrors.badInput('The country query parameter is required.');
  const targets = pick(req.body, 'targetItems');
  if (!Array.isArray(targets)) throw pcErrors.badInput('targetItems is required.');
  const context = pickStringMap(req.body, 'inventoryContext');
  const region = mapGet(context, 'armRegionName')?.toLowerCase();
  const items: JsonObject[] = [];
  for (const target of targets) {
    if (!isObject(target)) continue;
    const productId = pickString(target, 'productId') ?? '';
    const skuId = pickString(target, 'skuId');
    const skus = ctx.catalog
      .skusOf(productId)
      .filter((sku) => skuId === undefined || sku.id.toLowerCase() === skuId.toLowerCase());
    for (const sku of skus) {
      const skuRegion = sku.dynamicAttributes?.armRegionName;
      const wrongRegion =
        region !== undefined && typeof skuRegion === 'string' && skuRegion.toLowerCase() !== region;
      const restricted = sku.inventoryRestricted === true || wrongRegion;
      items.push({
        productId: sku.productId,
        skuId: sku.id,
        isRestricted: restricted,
        restrictions: restricted
          ? [
              {
                reasonCode: 'NotAvailableForSubscription',
                description: 'The item is not available for the given subscription and location.',
                // `values` is a string, as in the documented example
                // (https://learn.microsoft.com/en-us/partner-center/developer/check-inventory).
                properties: {
                  type: 'Location',
                  values: typeof skuRegion === 'string' ? skuRegion : '',
                },
              },
            ]
          : [],
      });
    }
  }
  return { status: 200, body: items };
}

export const INVENTORY_ROUTES: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/extensions/product/checkInventory',
    family: 'catalog',
    handle: checkInventory,
  },
];
