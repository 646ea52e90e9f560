import type { ActionKey, PlanAction } from '../model/index.js';
import { blockedEntry, type CustomerPlan, type CustomerScope } from './customer-scope.js';
import { isActiveStatus } from './live-facts.js';

/**
 * Base before add-on (docs/plan-format.md): a purchase or seat increase of an add-on SKU (catalog
 * `addOnOf`) depends on the purchase or increase of its base product in the same plan. An add-on
 * purchase with no active base subscription and no base purchase planned would fail (cart error
 * 27009, docs/partner-center-api.md §7): it is blocked `prerequisite` instead.
 */
export function linkAddOns(scope: CustomerScope, out: CustomerPlan): void {
  const productOfItem = new Map<string, { product: string; sku: string }>();
  for (const item of scope.customer.subscriptions)
    productOfItem.set(item.key, { product: item.product, sku: item.sku });
  for (const item of scope.customer.purchases)
    productOfItem.set(item.key, { product: item.product, sku: item.sku });

  const growthByProduct = new Map<string, ActionKey[]>();
  for (const action of out.actions) {
    if (action.kind !== 'purchase' && action.kind !== 'increase-quantity') continue;
    const product = productOfItem.get(action.item)?.product;
    if (product === undefined) continue;
    growthByProduct.set(product, [...(growthByProduct.get(product) ?? []), action.key]);
  }
  const liveProducts = new Set(
    scope.observed.subscriptions.filter((s) => isActiveStatus(s.status)).map((s) => s.productId),
  );

  const kept: PlanAction[] = [];
  for (const action of out.actions) {
    const shape = productOfItem.get(action.item);
    const isGrowth = action.kind === 'purchase' || action.kind === 'increase-quantity';
    const bases =
      isGrowth && shape !== undefined
        ? scope.catalog.sku(scope.customer.country, shape.product, shape.sku)?.addOnOf
        : undefined;
    if (bases === undefined || bases.length === 0) {
      kept.push(action);
      continue;
    }
    const baseKeys = bases
      .flatMap((base) => growthByProduct.get(base) ?? [])
      .filter((key) => key !== action.key);
    const baseOwned = bases.some((base) => liveProducts.has(base));
    if (action.kind === 'purchase' && baseKeys.length === 0 && !baseOwned) {
      const reason = `add-on of ${bases.join(' or ')}: the customer owns no active base subscription and none is planned`;
      out.blocked.push(
        blockedEntry(scope, action.item, 'prerequisite', reason, { wanted: 'purchase' }),
      );
      continue;
    }
    if (baseKeys.length === 0) kept.push(action);
    else
      kept.push({
        ...action,
        dependsOn: [...new Set([...(action.dependsOn ?? []), ...baseKeys])].sort(),
      });
  }
  out.actions.splice(0, out.actions.length, ...kept);
}
