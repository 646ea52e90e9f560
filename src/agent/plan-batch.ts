import type {
  Binding,
  CatalogView,
  DesiredState,
  InFlightPurchase,
  ObservedState,
  PlanTarget,
  PriceBook,
  PromotionOffer,
  PurchaseAction,
} from '../model/index.js';
import { planPart, promotionKey, type PlanInput, type PlanPart } from '../planner/index.js';
import { resolveCoterms } from './coterm/resolve-coterms.js';
import { loadTransitionEligibilities } from './load-transitions.js';
import { findPromotions } from './promotions/find-promotions.js';
import type { AgentPorts } from './ports.js';

/** What every batch of one planning pass shares. */
export interface BatchContext {
  readonly inFlight: readonly InFlightPurchase[];
  readonly catalog: ReadonlyMap<string, CatalogView>;
  readonly prices: PriceBook;
  readonly now: Date;
  readonly stateResetAt: string | undefined;
  readonly stateSerial: number;
  readonly targets?: readonly PlanTarget[];
  /** Notes found while planning (co-terming, promotions), for the plan's pricing notes. */
  readonly notes: Set<string>;
}

/**
 * Plans one batch of customers (docs/scale.md "Flat memory"): reads the transition
 * eligibilities and co-term dates its items need, plans it into a `PlanPart`, and plans it again
 * with any promotions Partner Center finds its purchases eligible for (docs/money.md).
 */
export async function planBatch(
  app: Pick<AgentPorts, 'config' | 'reads'>,
  desired: DesiredState,
  observed: ObservedState,
  bindings: readonly Binding[],
  ctx: BatchContext,
): Promise<PlanPart> {
  const withTransitions = await loadTransitionEligibilities(app, desired, observed, bindings);
  const cotermed = await resolveCoterms(app.reads, desired, withTransitions, bindings, ctx.now);
  for (const note of cotermed.notes) ctx.notes.add(note);
  const input: PlanInput = {
    desired,
    observed: withTransitions,
    bindings,
    inFlight: ctx.inFlight,
    catalog: ctx.catalog,
    policy: app.config.policy,
    now: ctx.now,
    stateResetAt: ctx.stateResetAt,
    ...(ctx.targets === undefined ? {} : { targets: ctx.targets }),
    prices: ctx.prices,
    ...(cotermed.coterms.size === 0 ? {} : { coterms: cotermed.coterms }),
    basis: { stateSerial: ctx.stateSerial },
  };
  return withPromotions(app, input, planPart(input), ctx.notes);
}

/**
 * Checks the part's purchases for promotions (docs/money.md): when Partner Center finds a
 * customer eligible for one, the batch is planned again with it, so the purchase carries it to
 * the cart and the money (and its guard rails) count its discount. Without promotions found,
 * the first part stands.
 */
async function withPromotions(
  app: Pick<AgentPorts, 'reads'>,
  input: PlanInput,
  part: PlanPart,
  notes: Set<string>,
): Promise<PlanPart> {
  const purchases = part.actions.filter((a): a is PurchaseAction => a.kind === 'purchase');
  if (purchases.length === 0 || app.reads.promotions === undefined) return part;
  const found = await findPromotions(app.reads.promotions, purchases);
  for (const note of found.notes) notes.add(note);
  if (found.offers.size === 0) return part;
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
  return planPart({ ...input, promotions });
}
