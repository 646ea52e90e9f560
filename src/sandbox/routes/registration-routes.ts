import { requireCustomer, type SandboxContext } from '../engine/context.js';
import { iso, plusMs } from '../engine/dates.js';
import { registrationStatus } from '../engine/registrations.js';
import { PcHttpError } from '../errors.js';
import type { Route, RouteRequest, RouteResult } from '../router.js';
import { requireSubscription } from './subscription-routes.js';

/**
 * `POST .../subscriptions/{id}/registrations` (§6.1): registers an active Azure plan for
 * reserved instances. 202 with `Location: .../registrationstatus`; the status is `Registering`
 * for `registrationDelayMs`, then `Registered`. Registering again is a no-op 202.
 */
function register(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const subscription = requireSubscription(ctx, customer.id, req.params.subscriptionId ?? '');
  if (subscription.kind !== 'azure-plan') {
    throw new PcHttpError(
      400,
      '800011',
      `Subscription ${subscription.id} is not a valid Azure subscription.`,
    );
  }
  if (subscription.status !== 'active') {
    throw new PcHttpError(400, '800012', `Subscription ${subscription.id} is not active.`);
  }
  if (ctx.store.get('registration', customer.id, subscription.id) === undefined) {
    const now = ctx.clock.now();
    ctx.store.put('registration', customer.id, subscription.id, {
      customerId: customer.id,
      subscriptionId: subscription.id,
      requestedAt: iso(now),
      registeredAt: plusMs(now, ctx.settings.registrationDelayMs),
    });
  }
  const location = `/customers/${customer.id}/subscriptions/${subscription.id}/registrationstatus`;
  return { status: 202, headers: { Location: location } };
}

function getRegistrationStatus(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const subscription = requireSubscription(ctx, customer.id, req.params.subscriptionId ?? '');
  return {
    status: 200,
    body: {
      subscriptionId: subscription.id,
      status: registrationStatus(ctx, customer.id, subscription.id),
      attributes: { objectType: 'SubscriptionRegistrationStatus' },
    },
  };
}

export const REGISTRATION_ROUTES: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/customers/{customerId}/subscriptions/{subscriptionId}/registrations',
    family: 'subscriptions',
    handle: register,
  },
  {
    method: 'GET',
    pattern: '/customers/{customerId}/subscriptions/{subscriptionId}/registrationstatus',
    family: 'subscriptions',
    handle: getRegistrationStatus,
  },
];
