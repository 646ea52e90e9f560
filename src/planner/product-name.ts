import type {
  BlockedEntry,
  ItemKey,
  LiveSubscription,
  PlanAction,
  SubscriptionId,
} from '../model/index.js';
import type { CustomerPlan, CustomerScope } from './customer-scope.js';

/**
 * Product names beside ids (docs/plan-format.md, `productName`): display only, so they are
 * never part of an action's key or of a digest, and an unknown name stays absent (never a guess).
 */

/** What an action or blocked entry concerns: the spec item, and the live subscription if any. */
interface Concern {
  readonly item: ItemKey;
  readonly subscriptionId?: SubscriptionId | undefined;
}

/**
 * The product name for `concern`: when it is a live subscription, that subscription's catalog
 * SKU title in the customer's country (when the catalog was fetched), else its `friendlyName`
 * (the offer name when Partner Center sent none); otherwise the catalog title of the product and
 * SKU the spec item names. Undefined when none of these is known.
 */
export function productNameOf(scope: CustomerScope, concern: Concern): string | undefined {
  const { customer, catalog } = scope;
  const live =
    concern.subscriptionId === undefined
      ? undefined
      : scope.observed.subscriptions.find((s) => s.id === concern.subscriptionId);
  if (live !== undefined) {
    const title = catalog.sku(customer.country, live.productId, live.skuId)?.title;
    return nonBlank(title) ?? liveProductName(live);
  }
  const item =
    customer.subscriptions.find((i) => i.key === concern.item) ??
    customer.purchases.find((i) => i.key === concern.item);
  if (item === undefined) return undefined;
  return nonBlank(catalog.sku(customer.country, item.product, item.sku)?.title);
}

/**
 * Names the products of a customer's actions and blocked entries in place. Registrations
 * concern an Azure subscription, not a product, and stay unnamed.
 */
export function nameProducts(scope: CustomerScope, out: CustomerPlan): void {
  const named = out.actions.map((action): PlanAction => {
    if (action.kind === 'register-azure-subscription') return action;
    const concern = 'subscriptionId' in action ? action : { item: action.item };
    return withProductName(action, productNameOf(scope, concern));
  });
  out.actions.splice(0, out.actions.length, ...named);
  const blocked = out.blocked.map((entry): BlockedEntry =>
    withProductName(entry, productNameOf(scope, entry)),
  );
  out.blocked.splice(0, out.blocked.length, ...blocked);
}

/** `value` with `productName` set when `name` is known, unchanged otherwise. */
export function withProductName<T extends object>(value: T, name: string | undefined): T {
  return name === undefined ? value : { ...value, productName: name };
}

/** A live subscription's own name (`friendlyName`, else its offer name), when it has one. */
export function liveProductName(live: LiveSubscription): string | undefined {
  return nonBlank(live.friendlyName);
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
