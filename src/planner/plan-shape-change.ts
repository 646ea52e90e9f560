import {
  normaliseBilling,
  transitionVerdict,
  type ActionKey,
  type CatalogSku,
  type EligibilityType,
  type LiveSubscription,
  type SubscriptionItem,
  type TransitionEligibility,
  type UpgradeAction,
} from '../model/index.js';
import { actionKey } from './action-key.js';
import {
  actionBase,
  blockedEntry,
  fieldSource,
  type CustomerPlan,
  type CustomerScope,
} from './customer-scope.js';
import { planQuantity, type NextShape } from './plan-quantity.js';

/**
 * A live subscription whose spec item names another product, SKU, term or billing (DESIGN §2,
 * docs/partner-center-api.md §5.4, §5.5):
 * - the target must be sold in the customer's market (else the spec errors `unknown-product` /
 *   `no-availability`, at the field);
 * - `change: now` with only the product/SKU changed: an `upgrade` when the immediate
 *   `transitioneligibilities` list the target as eligible, else `not-eligible` with Partner
 *   Center's reason; a term or billing change cannot happen mid-term (`not-eligible`, the rule);
 * - `change: at-renewal` (default): one `schedule-change` for the next term (product/SKU changes
 *   must be listed by the scheduled eligibilities), merged with the item's seat changes by
 *   `planQuantity`. It needs autorenew: with `autoRenew: false` wanted it is `autorenew-off`.
 * `autorenewKey` is the `set-autorenew` action turning autorenew on, when there is one.
 */
export function planShapeChange(
  scope: CustomerScope,
  item: SubscriptionItem & { readonly quantity: number },
  live: LiveSubscription,
  autorenewKey: ActionKey | undefined,
  out: CustomerPlan,
): void {
  const at = { subscriptionId: live.id };
  const resolution = scope.catalog.resolve({
    country: scope.customer.country,
    productId: item.product,
    skuId: item.sku,
    term: item.term,
    billing: item.billing,
  });
  if (resolution.kind !== 'resolved') {
    const unknown = resolution.kind === 'unknown';
    const source = unknown
      ? fieldSource(item.source, resolution.productKnown ? 'sku' : 'product')
      : fieldSource(item.source, 'term', 'billing');
    out.blocked.push(
      blockedEntry(
        scope,
        item.key,
        unknown ? 'unknown-product' : 'no-availability',
        resolution.reason,
        { ...at, wanted: item.change === 'now' ? 'upgrade' : 'schedule-change', source },
      ),
    );
    return;
  }
  const productChange = !same(live.productId, item.product) || !same(live.skuId, item.sku);
  const shapeChange =
    !same(live.termDuration, item.term) ||
    normaliseBilling(live.billingCycle) !== normaliseBilling(item.billing);
  const target = `${item.product}:${item.sku} ${item.term}/${item.billing}`;
  if (item.change === 'now') {
    if (shapeChange) {
      const reason = `Partner Center changes a subscription's term or billing only at renewal (scheduledNextTermInstructions); ${live.id} is ${live.termDuration}/${normaliseBilling(live.billingCycle)}, the spec says ${item.term}/${item.billing}: use change: at-renewal`;
      out.blocked.push(
        blockedEntry(scope, item.key, 'not-eligible', reason, { ...at, wanted: 'upgrade' }),
      );
      return;
    }
    planUpgrade(scope, item, live, resolution.availability.catalogItemId, out);
    return;
  }
  if (productChange) {
    const verdict = eligibility(scope, live, 'scheduled', item);
    if (verdict !== undefined) {
      out.blocked.push(
        blockedEntry(
          scope,
          item.key,
          verdict.code,
          `cannot renew as ${target}: ${verdict.reason}`,
          {
            ...at,
            wanted: 'schedule-change',
          },
        ),
      );
      return;
    }
  }
  const next: NextShape = {
    productId: item.product,
    skuId: item.sku,
    termDuration: item.term,
    billingCycle: item.billing,
    availabilityId: resolution.availability.id,
    sku: resolution.sku,
  };
  const sku: CatalogSku | undefined = scope.catalog.sku(
    scope.customer.country,
    live.productId,
    live.skuId,
  );
  planQuantity(scope, item, live, sku, autorenewKey, out, next);
}

function planUpgrade(
  scope: CustomerScope,
  item: SubscriptionItem & { readonly quantity: number },
  live: LiveSubscription,
  toCatalogItemId: string,
  out: CustomerPlan,
): void {
  const found = eligibilities(scope, live, 'immediate');
  const name = `${item.product}:${item.sku}`;
  if (found.kind !== 'read') {
    out.blocked.push(
      blockedEntry(
        scope,
        item.key,
        'prerequisite',
        `cannot judge an upgrade to ${name}: ${found.reason}`,
        {
          subscriptionId: live.id,
          wanted: 'upgrade',
        },
      ),
    );
    return;
  }
  const verdict = transitionVerdict(found.eligibilities, {
    productId: item.product,
    skuId: item.sku,
  });
  if (!verdict.eligible) {
    out.blocked.push(
      blockedEntry(scope, item.key, 'not-eligible', `cannot upgrade now: ${verdict.reason}`, {
        subscriptionId: live.id,
        wanted: 'upgrade',
      }),
    );
    return;
  }
  const seats =
    item.quantity === live.quantity
      ? ''
      : `; seats move as they are (${live.quantity}), the next plan sets ${item.quantity}`;
  const action: UpgradeAction = {
    key: actionKey(
      'upgrade',
      { customerId: scope.customer.id, item: item.key, subscriptionId: live.id },
      { productId: item.product, skuId: item.sku },
    ),
    kind: 'upgrade',
    ...actionBase(scope, item.key),
    subscriptionId: live.id,
    reason: `spec names ${name} with change: now; Partner Center lists it as an eligible ${verdict.transitionType}${seats}`,
    before: { productId: live.productId, skuId: live.skuId, quantity: live.quantity },
    after: { productId: item.product, skuId: item.sku, quantity: live.quantity },
    fromCatalogItemId: live.offerId,
    toCatalogItemId: verdict.target.catalogItemId || toCatalogItemId,
    termDuration: live.termDuration,
    billingCycle: normaliseBilling(live.billingCycle),
    transitionType: verdict.transitionType,
  };
  out.actions.push(action);
}

/** `undefined` when the scheduled transition is eligible; else the code and reason to block. */
function eligibility(
  scope: CustomerScope,
  live: LiveSubscription,
  type: EligibilityType,
  item: SubscriptionItem,
): { code: 'not-eligible' | 'prerequisite'; reason: string } | undefined {
  const found = eligibilities(scope, live, type);
  if (found.kind !== 'read') return { code: 'prerequisite', reason: found.reason };
  const verdict = transitionVerdict(found.eligibilities, {
    productId: item.product,
    skuId: item.sku,
  });
  return verdict.eligible ? undefined : { code: 'not-eligible', reason: verdict.reason };
}

function eligibilities(
  scope: CustomerScope,
  live: LiveSubscription,
  type: EligibilityType,
):
  | { kind: 'read'; eligibilities: readonly TransitionEligibility[] }
  | { kind: 'missing'; reason: string } {
  const entry = scope.observed.transitionEligibilities?.find(
    (t) => t.subscriptionId === live.id && t.eligibilityType === type,
  );
  if (entry?.eligibilities !== undefined)
    return { kind: 'read', eligibilities: entry.eligibilities };
  return {
    kind: 'missing',
    reason:
      entry?.failure === undefined
        ? `the ${type} transition eligibilities of ${live.id} were not read`
        : `reading the ${type} transition eligibilities of ${live.id} failed: ${entry.failure}`,
  };
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
