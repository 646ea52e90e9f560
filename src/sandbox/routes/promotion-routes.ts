import { requireCustomer, type SandboxContext } from '../engine/context.js';
import { checkEligibility, findPromotion, runningPromotions } from '../engine/promotions.js';
import { PcHttpError, pcErrors } from '../errors.js';
import { renderEligibility, renderPromotion } from '../render/render-promotion.js';
import type { Route, RouteRequest, RouteResult } from '../router.js';
import { BILLING_CYCLES, isObject, parseEnum, pick, pickInt, pickString } from '../wire.js';

/** A required query parameter, else 400 `800002` naming it. */
function requiredQuery(req: RouteRequest, name: string): string {
  const value = req.query.get(name);
  if (value === null || value.trim() === '') throw pcErrors.badInput(`${name} is required.`);
  return value.trim();
}

/**
 * `GET /productpromotions?country={cc}&segment={segment}`: the promotions running now by the
 * sandbox clock (https://learn.microsoft.com/en-us/partner-center/developer/get-promotions).
 * Both parameters are required, as the page's table says. Printed without links, as documented.
 */
function listPromotions(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const country = requiredQuery(req, 'country');
  const segment = requiredQuery(req, 'segment');
  const items = runningPromotions(ctx, country, segment, ctx.clock.now()).map((p) =>
    renderPromotion(p, ctx.settings.dialect),
  );
  return {
    status: 200,
    body: { totalCount: items.length, items, attributes: { objectType: 'Collection' } },
  };
}

/**
 * `GET /productpromotions/{id}?country={cc}`: one promotion whatever its dates
 * (https://learn.microsoft.com/en-us/partner-center/developer/get-promotion-by-id); 404 `800002`
 * when the market has no such promotion (no error code is documented for it).
 */
function getPromotion(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const country = requiredQuery(req, 'country');
  const id = req.params.promotionId ?? '';
  const promotion = findPromotion(ctx, id, country);
  if (promotion === undefined)
    throw new PcHttpError(404, '800002', `Promotion ${id} not found in ${country}.`);
  return { status: 200, body: renderPromotion(promotion, ctx.settings.dialect) };
}

/**
 * `POST /customers/{id}/promotionEligibilities`: one answer per request item, decided by the
 * rule of engine/promotions.ts (https://learn.microsoft.com/en-us/partner-center/developer/verify-promotion-eligibility).
 * Every item field is required, as the page's table says (400 `800002` naming it).
 */
function verifyEligibility(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const raw = pick(req.body, 'items');
  if (!Array.isArray(raw) || raw.length === 0) throw pcErrors.badInput('items is required.');
  const items = raw.map((item: unknown, index) => {
    if (!isObject(item)) throw pcErrors.badInput(`items[${index}] must be an object.`);
    const field = (name: string): string => {
      const value = pickString(item, name);
      if (value === undefined || value.trim() === '')
        throw pcErrors.badInput(`items[${index}].${name} is required.`);
      return value;
    };
    const quantity = pickInt(item, 'quantity');
    if (quantity === undefined) throw pcErrors.badInput(`items[${index}].quantity is required.`);
    const billing = pick(item, 'billingCycle');
    if (billing === undefined || billing === null)
      throw pcErrors.badInput(`items[${index}].billingCycle is required.`);
    const query = {
      catalogItemId: field('catalogItemId'),
      quantity,
      termDuration: field('termDuration').toUpperCase(),
      billingCycle: parseEnum('billingCycle', billing, BILLING_CYCLES),
      promotionId: field('promotionId'),
    };
    const { errors } = checkEligibility(ctx, customer, query);
    return renderEligibility({ ...query, errors }, ctx.settings.dialect);
  });
  return {
    status: 200,
    body: { totalCount: items.length, items, attributes: { objectType: 'Collection' } },
  };
}

export const PROMOTION_ROUTES: readonly Route[] = [
  { method: 'GET', pattern: '/productpromotions', family: 'catalog', handle: listPromotions },
  {
    method: 'GET',
    pattern: '/productpromotions/{promotionId}',
    family: 'catalog',
    handle: getPromotion,
  },
  {
    method: 'POST',
    pattern: '/customers/{customerId}/promotionEligibilities',
    family: 'customers',
    handle: verifyEligibility,
  },
];
