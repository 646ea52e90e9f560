import { requireCustomer, type SandboxContext } from '../engine/context.js';
import { renderEntitlement } from '../render/render-order.js';
import type { Route, RouteRequest, RouteResult } from '../router.js';
import { collection } from '../wire.js';

/**
 * `GET /customers/{id}/entitlements[?entitlementType=software|reservedInstance&showExpiry=]`
 * (docs/partner-center-api.md §6.3). App+User only: an app-only token gets 403 `900329`. An
 * entitlement appears once its order completes.
 */
function listEntitlements(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const type = req.query.get('entitlementType')?.toLowerCase();
  const wanted = type === 'virtualmachinereservedinstance' ? 'reservedinstance' : type;
  const showExpiry = req.query.get('showExpiry')?.toLowerCase() === 'true';
  const now = ctx.clock.now();
  const items = ctx.store
    .list('entitlement', customer.id)
    .filter((e) => new Date(e.createdAt) <= now)
    .filter((e) => wanted === undefined || e.entitlementType === wanted)
    .map((e) => renderEntitlement(e, showExpiry));
  return { status: 200, body: collection(items, `/customers/${customer.id}/entitlements`) };
}

export const ENTITLEMENT_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/customers/{customerId}/entitlements',
    family: 'entitlements',
    appUserOnly: true,
    handle: listEntitlements,
  },
];
