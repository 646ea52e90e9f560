import type { AvailabilityEntry } from '../engine/catalog-index.js';
import { requireCustomer, type SandboxContext } from '../engine/context.js';
import { pcErrors } from '../errors.js';
import { renderAvailability, renderProduct, renderSku } from '../render/render-catalog.js';
import type { Route, RouteRequest, RouteResult } from '../router.js';
import type { SeedProductKind } from '../seed/seed-types.js';
import { collection } from '../wire.js';

/** `targetView` values and the product kinds they show (docs/partner-center-api.md §2.2). */
const VIEWS: Readonly<Record<string, readonly SeedProductKind[]>> = {
  onlineservices: ['license'],
  software: ['software'],
  azure: ['azure-plan'],
  microsoftazure: ['azure-plan'],
  azurereservations: ['azure-reservation'],
  azurereservationsvm: ['azure-reservation'],
  saas: ['saas'],
  marketplace: ['saas'],
};

/** Country: the customer's on customer-scoped routes, else the required `country` query. */
function countryOf(ctx: SandboxContext, req: RouteRequest): string {
  const customerId = req.params.customerId;
  if (customerId !== undefined) return requireCustomer(ctx, customerId).country;
  const country = req.query.get('country');
  if (country === null || country === '')
    throw pcErrors.badInput('The country query parameter is required.');
  return country.toUpperCase();
}

function requireProduct(ctx: SandboxContext, productId: string) {
  const product = ctx.catalog.product(productId);
  if (product === undefined) throw pcErrors.productNotFound(productId);
  return product;
}

function listProducts(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const country = countryOf(ctx, req);
  const view = req.query.get('targetView')?.toLowerCase();
  const kinds = view === undefined ? undefined : (VIEWS[view] ?? []);
  const items = ctx.catalog
    .products()
    .filter((p) => kinds === undefined || kinds.includes(p.kind))
    .filter((p) =>
      ctx.catalog
        .skusOf(p.id)
        .some((s) => ctx.catalog.availability(p.id, s.id, country) !== undefined),
    )
    .map((p) => renderProduct(p, country, ctx.settings.dialect));
  return { status: 200, body: collection(items, `/products?country=${country}`) };
}

function getProduct(ctx: SandboxContext, req: RouteRequest): RouteResult {
  return {
    status: 200,
    body: renderProduct(
      requireProduct(ctx, req.params.productId ?? ''),
      countryOf(ctx, req),
      ctx.settings.dialect,
    ),
  };
}

function listSkus(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const country = countryOf(ctx, req);
  const product = requireProduct(ctx, req.params.productId ?? '');
  const items = ctx.catalog
    .skusOf(product.id)
    .map((sku) => renderSku(ctx.catalog, sku, country, ctx.settings.dialect));
  return {
    status: 200,
    body: collection(items, `/products/${product.id}/skus?country=${country}`),
  };
}

function getSku(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const country = countryOf(ctx, req);
  const product = requireProduct(ctx, req.params.productId ?? '');
  const sku = ctx.catalog.sku(product.id, req.params.skuId ?? '');
  if (sku === undefined) throw pcErrors.skuNotFound(req.params.skuId ?? '');
  return { status: 200, body: renderSku(ctx.catalog, sku, country, ctx.settings.dialect) };
}

function availabilitiesOf(ctx: SandboxContext, req: RouteRequest): AvailabilityEntry[] {
  const country = countryOf(ctx, req);
  const product = requireProduct(ctx, req.params.productId ?? '');
  const sku = ctx.catalog.sku(product.id, req.params.skuId ?? '');
  if (sku === undefined) throw pcErrors.skuNotFound(req.params.skuId ?? '');
  const entry = ctx.catalog.availability(product.id, sku.id, country);
  return entry === undefined ? [] : [entry];
}

function listAvailabilities(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const items = availabilitiesOf(ctx, req).map((entry) =>
    renderAvailability(ctx.catalog, entry, ctx.settings.dialect),
  );
  return {
    status: 200,
    body: collection(
      items,
      `/products/${req.params.productId ?? ''}/skus/${req.params.skuId ?? ''}/availabilities`,
    ),
  };
}

function getAvailability(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const wanted = (req.params.availabilityId ?? '').toUpperCase();
  const entry = availabilitiesOf(ctx, req).find((e) => e.id === wanted);
  if (entry === undefined)
    throw pcErrors.productNotFound(
      `${req.params.productId ?? ''}:${req.params.skuId ?? ''}:${wanted}`,
    );
  return { status: 200, body: renderAvailability(ctx.catalog, entry, ctx.settings.dialect) };
}

const PRODUCT = '/products/{productId}';
const SKU = `${PRODUCT}/skus/{skuId}`;
const AVAIL = `${SKU}/availabilities`;

/** Catalog routes, plain (`?country=`) and customer-scoped (country from the customer). */
export const CATALOG_ROUTES: readonly Route[] = ['', '/customers/{customerId}'].flatMap(
  (prefix) =>
    [
      { method: 'GET', pattern: `${prefix}/products`, family: 'catalog', handle: listProducts },
      { method: 'GET', pattern: `${prefix}${PRODUCT}`, family: 'catalog', handle: getProduct },
      { method: 'GET', pattern: `${prefix}${PRODUCT}/skus`, family: 'catalog', handle: listSkus },
      { method: 'GET', pattern: `${prefix}${SKU}`, family: 'catalog', handle: getSku },
      {
        method: 'GET',
        pattern: `${prefix}${AVAIL}`,
        family: 'catalog',
        handle: listAvailabilities,
      },
      {
        method: 'GET',
        pattern: `${prefix}${AVAIL}/{availabilityId}`,
        family: 'catalog',
        handle: getAvailability,
      },
    ] satisfies Route[],
);
