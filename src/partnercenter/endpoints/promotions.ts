import type {
  CustomerId,
  Promotion,
  PromotionEligibility,
  PromotionEligibilityQuery,
} from '../../model/index.js';
import type { Caller } from '../caller.js';
import { mapPromotion, mapPromotionEligibilities } from '../map/promotion.js';
import { collectionItems } from '../map/wire-read.js';
import { decodeBody, decodeEach, query, seg } from './decode.js';
import { signalOf, type ReadOptions } from './options.js';
import { readAllPages } from './paging.js';

/** The only segment the docs say promotions exist for today. */
export const DEFAULT_PROMOTION_SEGMENT = 'commercial';

export interface PromotionsApi {
  /**
   * The new-commerce promotions running now in a market
   * (`GET /v1/productpromotions?country={cc}&segment={segment}`, App or App+User,
   * https://learn.microsoft.com/en-us/partner-center/developer/get-promotions). Follows
   * `links.next` when a page has one (the .NET SDK pages this list; the docs print no paging).
   * @default segment 'commercial'
   */
  list(
    country: string,
    options?: ReadOptions & { readonly segment?: string },
  ): Promise<Promotion[]>;
  /**
   * One promotion whatever its dates, for reconciliation
   * (`GET /v1/productpromotions/{id}?country={cc}`,
   * https://learn.microsoft.com/en-us/partner-center/developer/get-promotion-by-id).
   */
  get(promotionId: string, country: string, options?: ReadOptions): Promise<Promotion>;
  /**
   * Whether each would-be cart line is eligible for its promotion
   * (`POST /v1/customers/{id}/promotionEligibilities`, 625 requests/min per partner,
   * https://learn.microsoft.com/en-us/partner-center/developer/verify-promotion-eligibility).
   * Writes nothing; one result per query, in the server's order (match them by
   * `catalogItemId` and `promotionId`).
   */
  verifyEligibility(
    customerId: CustomerId,
    queries: readonly PromotionEligibilityQuery[],
    options?: ReadOptions,
  ): Promise<PromotionEligibility[]>;
}

export function createPromotionsApi(call: Caller): PromotionsApi {
  return {
    async list(country, options) {
      const segment = options?.segment ?? DEFAULT_PROMOTION_SEGMENT;
      const path = `/v1/productpromotions${query({ country, segment })}`;
      const items = await readAllPages(call, path, 'promotions', options?.signal);
      return decodeEach(items, (item) => mapPromotion(item, country, segment));
    },
    async get(promotionId, country, options) {
      const result = await call({
        method: 'GET',
        // `:` kept as printed (`/productpromotions/CFQ7TTC0HD33:0003:CFQ7TTC0K59M?country=US`).
        path: `/v1/productpromotions/${seg(promotionId.trim()).replace(/%3A/gi, ':')}${query({ country })}`,
        ...signalOf(options),
      });
      return decodeBody(result, (body) => mapPromotion(body, country));
    },
    async verifyEligibility(customerId, queries, options) {
      const result = await call({
        method: 'POST',
        path: `/v1/customers/${seg(customerId)}/promotionEligibilities`,
        body: {
          items: queries.map((q) => ({
            catalogItemId: q.catalogItemId,
            quantity: q.quantity,
            termDuration: q.termDuration,
            billingCycle: pascalCase(q.billingCycle),
            promotionId: q.promotionId,
          })),
        },
        ...signalOf(options),
      });
      return decodeBody(result, (body) =>
        collectionItems(body ?? { items: [] }, 'promotionEligibilities').flatMap(
          mapPromotionEligibilities,
        ),
      );
    },
  };
}

/** `monthly` → `Monthly`, `one_time` → `OneTime`: the casing the documented request sends. */
function pascalCase(value: string): string {
  return value
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('');
}
