import {
  availabilityOffers,
  type CatalogAvailability,
  type CatalogSku,
  type CustomerId,
} from '../../model/index.js';
import type { Caller } from '../caller.js';
import { mapAvailability, mapProduct, mapSku, type CatalogProduct } from '../map/catalog.js';
import { decodeBody, decodeEach, query, seg } from './decode.js';
import { signalOf, type ReadOptions } from './options.js';
import { readAllPages } from './paging.js';

/** Where to read availabilities: a country, optionally scoped to a customer (§2.2). */
export interface AvailabilityQuery extends ReadOptions {
  readonly country: string;
  /** Use the customer-scoped route (country taken from the customer). */
  readonly customerId?: CustomerId;
  readonly targetSegment?: string;
  /** `AzurePlan` selects reservation availabilities that apply to Azure plan. */
  readonly reservationScope?: string;
}

/** What a desired item resolves to right before purchase. Ids rotate: use once (§2.1). */
export interface ResolvedCatalogItem {
  readonly availabilityId: string;
  readonly catalogItemId: string;
  readonly sku: CatalogSku;
}

export interface CatalogItemQuery extends ReadOptions {
  readonly country: string;
  readonly productId: string;
  readonly skuId: string;
  /** `P1M`/`P1Y`/`P3Y`; absent for items without a term (perpetual software). */
  readonly term?: string;
  readonly billing: string;
  readonly customerId?: CustomerId;
}

export interface CatalogApi {
  /** `GET /v1/products/{productId}?country=` (product kinds are memoised: they do not rotate). */
  product(productId: string, country: string, options?: ReadOptions): Promise<CatalogProduct>;
  /** `GET /v1/products/{productId}/skus?country=`. */
  skus(productId: string, country: string, options?: ReadOptions): Promise<CatalogSku[]>;
  /** `GET /v1/products/{productId}/skus/{skuId}?country=`. */
  sku(
    productId: string,
    skuId: string,
    country: string,
    options?: ReadOptions,
  ): Promise<CatalogSku>;
  /** Purchasable availabilities of a SKU; `isPurchasable: false` ones are left out. */
  availabilities(
    productId: string,
    skuId: string,
    where: AvailabilityQuery,
  ): Promise<CatalogAvailability[]>;
  /**
   * Product + SKU + term + billing → the availability and `catalogItemId` to buy now, or
   * `undefined` when nothing purchasable offers that term and billing cycle (§9 terms).
   */
  resolveCatalogItem(query: CatalogItemQuery): Promise<ResolvedCatalogItem | undefined>;
}

export function createCatalogApi(call: Caller): CatalogApi {
  const products = new Map<string, Promise<CatalogProduct>>();
  const productOf = (
    productId: string,
    country: string,
    options?: ReadOptions,
  ): Promise<CatalogProduct> => {
    const key = `${country.toUpperCase()}|${productId}`;
    let found = products.get(key);
    if (found === undefined) {
      found = api.product(productId, country, options);
      found.catch(() => products.delete(key));
      products.set(key, found);
    }
    return found;
  };
  const productPath = (productId: string): string => `/v1/products/${seg(productId)}`;

  const api: CatalogApi = {
    async product(productId, country, options) {
      const result = await call({
        method: 'GET',
        path: `${productPath(productId)}${query({ country })}`,
        ...signalOf(options),
      });
      return decodeBody(result, mapProduct);
    },
    async skus(productId, country, options) {
      const product = await productOf(productId, country, options);
      const items = await readAllPages(
        call,
        `${productPath(productId)}/skus${query({ country })}`,
        'skus',
        options?.signal,
      );
      return decodeEach(items, (item) => mapSku(item, productId, product.productKind));
    },
    async sku(productId, skuId, country, options) {
      const product = await productOf(productId, country, options);
      const path = `${productPath(productId)}/skus/${seg(skuId)}${query({ country })}`;
      const result = await call({ method: 'GET', path, ...signalOf(options) });
      return decodeBody(result, (body) => mapSku(body, productId, product.productKind));
    },
    async availabilities(productId, skuId, where) {
      const tail = `/products/${seg(productId)}/skus/${seg(skuId)}/availabilities`;
      const params = {
        targetSegment: where.targetSegment,
        reservationScope: where.reservationScope,
      };
      const path =
        where.customerId === undefined
          ? `/v1${tail}${query({ country: where.country, ...params })}`
          : `/v1/customers/${seg(where.customerId)}${tail}${query(params)}`;
      const items = await readAllPages(call, path, 'availabilities', where.signal);
      return decodeEach(items, (item) => mapAvailability(item, productId, skuId, where.country))
        .filter((availability) => availability.isPurchasable)
        .map(({ isPurchasable: _purchasable, ...availability }) => availability);
    },
    async resolveCatalogItem(q) {
      const read = signalOf(q);
      // The SKU first: reservation terms carry no billing cycle, the SKU's
      // supportedBillingCycles do (docs/partner-center-api.md, "Reservation terms").
      const sku = await api.sku(q.productId, q.skuId, q.country, read);
      const availabilities = await api.availabilities(q.productId, q.skuId, {
        country: q.country,
        ...(q.customerId === undefined ? {} : { customerId: q.customerId }),
        ...read,
      });
      const match = availabilities.find((availability) =>
        availabilityOffers(availability, sku, q.term, q.billing),
      );
      if (match === undefined) return undefined;
      return { availabilityId: match.id, catalogItemId: match.catalogItemId, sku };
    },
  };
  return api;
}
