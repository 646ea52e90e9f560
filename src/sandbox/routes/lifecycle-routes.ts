import { apiActor, recordTransition } from '../audit/index.js';
import { requireCustomer, newGuid, type SandboxContext } from '../engine/context.js';
import { allowedCustomTermEndDates, readCustomTermQuery } from '../engine/custom-term-end-dates.js';
import { transitionTargets } from '../engine/transition-eligibility.js';
import { performTransition } from '../engine/transitions.js';
import { pcErrors } from '../errors.js';
import {
  renderCustomTermEndDates,
  renderEligibilities,
  renderTransition,
  renderTransitionList,
} from '../render/render-lifecycle.js';
import type { Route, RouteRequest, RouteResult } from '../router.js';
import { requireSubscription } from './subscription-routes.js';

/**
 * The new-commerce lifecycle routes (docs/sandbox.md "Transitions", "Co-terming"): transition
 * eligibilities, transitions and their history, and the custom term end dates of a new purchase.
 * Listed before the subscription routes: `subscriptions/customTermEndDates` must not be read as
 * a subscription id.
 */

const SUB = '/customers/{customerId}/subscriptions';

/** `GET …/customTermEndDates?term_duration=&term_start_date=&target_coterm_subscription_id=`. */
function listCustomTermEndDates(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const q = readCustomTermQuery(req.query, ctx.clock.now());
  const dates = allowedCustomTermEndDates(ctx, customer.id, q.termDuration, q.start, q.target);
  const self = `/customers/${customer.id}/subscriptions/customTermEndDates?${req.query.toString()}`;
  return { status: 200, body: renderCustomTermEndDates(dates, self, ctx.settings.dialect) };
}

/** `GET …/{id}/transitionEligibilities?eligibilityType=immediate|scheduled` (default immediate). */
function listEligibilities(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const source = requireSubscription(ctx, customer.id, req.params.subscriptionId ?? '');
  const raw = (req.query.get('eligibilityType') ?? 'immediate').toLowerCase();
  if (raw !== 'immediate' && raw !== 'scheduled') throw pcErrors.enumValue('eligibilityType', raw);
  const targets = transitionTargets(ctx, customer, source, raw, ctx.clock.now());
  const self = `/customers/${customer.id}/subscriptions/${source.id}/transitionEligibilities?eligibilityType=${raw}`;
  return {
    status: 200,
    body: renderEligibilities(targets, newGuid(), self, ctx.settings.dialect),
  };
}

/** `POST …/{id}/transitions`: performed at once; answers the first event as documented. */
function postTransition(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const source = requireSubscription(ctx, customer.id, req.params.subscriptionId ?? '');
  const now = ctx.clock.now();
  const outcome = performTransition(ctx, customer, source, req.body, now);
  for (const record of outcome.subscriptions) {
    ctx.store.put('subscription', customer.id, record.id, record);
  }
  const t = outcome.transition;
  ctx.store.put('transition', customer.id, t.operationId, t);
  const sourceAfter = outcome.subscriptions.find((record) => record.id === source.id) ?? source;
  recordTransition(ctx, apiActor(req), source, sourceAfter, t);
  return { status: 200, body: renderTransition(t, ctx.settings.dialect, 'answer', 1) };
}

/** `GET …/{id}/transitions[?operationId=]`: transitions from or into the subscription. */
function listTransitions(ctx: SandboxContext, req: RouteRequest): RouteResult {
  const customer = requireCustomer(ctx, req.params.customerId ?? '');
  const subscription = requireSubscription(ctx, customer.id, req.params.subscriptionId ?? '');
  const operationId = req.query.get('operationId') ?? req.query.get('operation-id');
  const records = ctx.store
    .list('transition', customer.id)
    .filter((t) => t.subscriptionIds.includes(subscription.id))
    .filter((t) => operationId === null || t.operationId === operationId.toLowerCase());
  return { status: 200, body: renderTransitionList(records, ctx.settings.dialect) };
}

export const LIFECYCLE_ROUTES: readonly Route[] = [
  {
    method: 'GET',
    pattern: `${SUB}/customTermEndDates`,
    family: 'subscriptions',
    handle: listCustomTermEndDates,
  },
  {
    method: 'GET',
    pattern: `${SUB}/{subscriptionId}/transitionEligibilities`,
    family: 'subscriptions',
    handle: listEligibilities,
  },
  {
    method: 'POST',
    pattern: `${SUB}/{subscriptionId}/transitions`,
    family: 'subscriptions',
    handle: postTransition,
  },
  {
    method: 'GET',
    pattern: `${SUB}/{subscriptionId}/transitions`,
    family: 'subscriptions',
    handle: listTransitions,
  },
];
