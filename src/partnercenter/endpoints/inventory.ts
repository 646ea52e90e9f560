import type { Caller } from '../caller.js';
import { mapInventoryItem, type InventoryItem } from '../map/catalog.js';
import { compact } from '../map/wire-read.js';
import { decodeBody, query } from './decode.js';
import { callOptions, type MutationOptions } from './options.js';
import { collectionItems } from '../map/wire-read.js';

export interface InventoryCheck {
  readonly targetItems: readonly { readonly productId: string; readonly skuId?: string }[];
  /** Keys from the SKU's `inventoryVariables`: `customerId`, `azureSubscriptionId`, `armRegionName`. */
  readonly inventoryContext: Readonly<Record<string, string>>;
}

export interface InventoryApi {
  /**
   * `POST /v1/extensions/product/checkinventory?country=` (§2.4; the documented request
   * spells the path in lower case, catalog/check-inventory.request.json). Answers a bare array; items
   * not in the catalog are left out. A POST, but it changes nothing.
   */
  check(
    country: string,
    request: InventoryCheck,
    options?: MutationOptions,
  ): Promise<InventoryItem[]>;
}

export function createInventoryApi(call: Caller): InventoryApi {
  return {
    async check(country, request, options) {
      const result = await call({
        method: 'POST',
        path: `/v1/extensions/product/checkinventory${query({ country })}`,
        body: {
          targetItems: request.targetItems.map((item) =>
            compact({ productId: item.productId, skuId: item.skuId }),
          ),
          inventoryContext: request.inventoryContext,
        },
        ...callOptions(options),
      });
      return decodeBody(result, (body) =>
        collectionItems(body ?? [], 'inventory').map(mapInventoryItem),
      );
    },
  };
}
