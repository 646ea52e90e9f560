import type {
  CustomerId,
  DesiredState,
  ObservedState,
  Plan,
  PlanTarget,
  PriceBook,
  PromotionOffer,
  PurchaseAction,
} from '../model/index.js';
import { buildPlan, promotionKey, type PlanInput } from '../planner/index.js';
import { OperationalError } from '../support/index.js';
import { resolveCoterms } from './coterm/resolve-coterms.js';
import { loadCatalog } from './load-catalog.js';
import { loadTransitionEligibilities } from './load-transitions.js';
import { loadPriceBook } from './pricing/index.js';
import { findPromotions } from './promotions/find-promotions.js';
import type { StateWriter } from './lease.js';
import type { AgentPorts } from './ports.js';
import type { RefreshOptions } from './refresh.js';
import { refreshForPlan } from './refresh/index.js';

export interface PlanRequest extends Omit<RefreshOptions, 'persist'> {
  /** Only these customers (`--customer`); every spec customer when absent. */
  readonly customers?: readonly CustomerId[];
  /** Only these items (`--target`); their customers join the scope. */
  readonly targets?: readonly PlanTarget[];
  /** Incremental refresh: read these customers whatever the audit feed says (a saved plan's). */
  readonly readFresh?: readonly CustomerId[];
}

export interface ComputedPlan {
  readonly plan: Plan;
  readonly observed: ObservedState;
  /** The desired state in scope. */
  readonly desired: DesiredState;
}

/**
 * One level-based planning pass (docs/decisions.md): refresh the customers in scope, load the catalog
 * they need, and ask the pure planner. Nothing is written to Partner Center; snapshots and the
 * catalog cache are written to the state store through `write` (see `StateWriter`).
 * @throws OperationalError `unknown-customer` when `--customer` names no spec customer.
 */
export async function computePlan(
  app: Pick<AgentPorts, 'config' | 'clock' | 'endpoint' | 'state' | 'reads' | 'pricing'>,
  desired: DesiredState,
  write: StateWriter,
  request: PlanRequest = {},
): Promise<ComputedPlan> {
  const customers = scopeCustomers(request.customers, request.targets);
  const scoped = scopeDesired(desired, customers);
  const inFlight = app.state.listInFlightPurchases();
  // docs/scale.md "Incremental refresh": everyone, or whom the audit feed and the marks name.
  const refreshed = await refreshForPlan(app, scoped.customers, inFlight, write, {
    ...request,
    wholeScope: customers === undefined,
  });
  const { observed } = refreshed;
  const first = observed.failures[0];
  if (observed.customers.length === 0 && first !== undefined) {
    // Nothing could be read: the endpoint or the credentials are wrong, not one customer.
    throw new OperationalError(
      `refresh-failed:${first.code}`,
      `no customer could be read from Partner Center at ${app.endpoint.baseUrl} (${observed.failures.length} of ${scoped.customers.length} failed; first: ${first.message}). Check partnerCenter.endpoint and partnerCenter.auth in the config`,
    );
  }
  const bindings = app.state.bindings.list();
  const withTransitions = await loadTransitionEligibilities(app, scoped, observed, bindings);
  const catalog = await loadCatalog(app, scoped, write);
  const prices = await loadPriceBook(app, priceRequest(scoped, observed), write);
  const cotermed = await resolveCoterms(
    app.reads,
    scoped,
    withTransitions,
    bindings,
    app.clock.now(),
  );
  const input: PlanInput = {
    desired: scoped,
    observed: withTransitions,
    bindings,
    inFlight,
    catalog,
    policy: app.config.policy,
    now: app.clock.now(),
    stateResetAt: app.state.resetAt(),
    ...(request.targets === undefined ? {} : { targets: request.targets }),
    prices: withNotes(prices, cotermed.notes),
    ...(cotermed.coterms.size === 0 ? {} : { coterms: cotermed.coterms }),
    basis: {
      stateSerial: app.state.currentSerial(),
    },
  };
  const plan = await withPromotions(app, input, buildPlan(input));
  const scope = customers === undefined ? undefined : [...customers].sort();
  return {
    plan: refreshed.annotate(
      scope === undefined ? plan : { ...plan, basis: { ...plan.basis, scope } },
    ),
    observed,
    desired: scoped,
  };
}

/** `--customer` ids and the customers of `--target`s, each once; undefined = every customer. */
function scopeCustomers(
  customers: readonly CustomerId[] | undefined,
  targets: readonly PlanTarget[] | undefined,
): CustomerId[] | undefined {
  if (customers === undefined && targets === undefined) return undefined;
  return [...new Set([...(customers ?? []), ...(targets ?? []).map((t) => t.customerId)])];
}

function scopeDesired(
  desired: DesiredState,
  customers: readonly CustomerId[] | undefined,
): DesiredState {
  if (customers === undefined) return desired;
  const unknown = customers.filter((id) => !desired.customers.some((c) => c.id === id));
  if (unknown.length > 0) {
    throw new OperationalError(
      'unknown-customer',
      `no spec declares customer ${unknown.join(', ')}; check --customer against customer.id in specs/`,
    );
  }
  return { customers: desired.customers.filter((c) => customers.includes(c.id)) };
}

/** The markets and products a plan may need prices for: spec items and live subscriptions. */
function priceRequest(desired: DesiredState, observed: ObservedState) {
  const markets = desired.customers.map((c) => c.country);
  const products: { productId: string; skuId: string }[] = [];
  for (const c of desired.customers) {
    for (const item of [...c.subscriptions, ...c.purchases])
      products.push({ productId: item.product, skuId: item.sku });
  }
  for (const c of observed.customers) {
    for (const sub of c.subscriptions)
      products.push({ productId: sub.productId, skuId: sub.skuId });
  }
  return { markets, products };
}

/**
 * Checks the plan's purchases for promotions (docs/money.md): when Partner Center finds a
 * customer eligible for one, the plan is computed again with it, so the purchase carries it to
 * the cart and the money (and its guard rails) count its discount. Notes of the check join the
 * plan's pricing notes. Without promotions found, the first plan stands.
 */
async function withPromotions(
  app: Pick<AgentPorts, 'reads'>,
  input: PlanInput,
  plan: Plan,
): Promise<Plan> {
  const purchases = plan.actions.filter((a): a is PurchaseAction => a.kind === 'purchase');
  if (purchases.length === 0 || app.reads.promotions === undefined) return plan;
  const found = await findPromotions(app.reads.promotions, purchases);
  if (found.offers.size === 0 && found.notes.length === 0) return plan;
  const promotions = new Map<string, PromotionOffer>();
  for (const action of purchases) {
    const offer = found.offers.get(action.key);
    const { after } = action;
    if (offer !== undefined)
      promotions.set(
        promotionKey(action.customerId, after.productId, after.skuId, after.term, after.billing),
        offer,
      );
  }
  const noted = input.prices === undefined ? undefined : withNotes(input.prices, found.notes);
  return buildPlan({
    ...input,
    ...(noted === undefined ? {} : { prices: noted }),
    ...(promotions.size === 0 ? {} : { promotions }),
  });
}

/** The same prices with more notes for the plan (promotion and co-terming findings). */
function withNotes(prices: PriceBook, notes: readonly string[]): PriceBook {
  if (notes.length === 0) return prices;
  return {
    quote: (query, timeline, at) => prices.quote(query, timeline, at),
    notes: [...prices.notes, ...notes],
  };
}
