import {
  reservationDuration,
  type BillingCycle,
  type BlockedEntry,
  type CatalogSku,
  type ItemKey,
  type ItemSourceRef,
  type PurchaseAction,
  type PurchaseKind,
  type ReservationScope,
  type Term,
} from '../model/index.js';
import { actionKey } from './action-key.js';
import { hasPrerequisite } from './catalog-index.js';
import { actionBase, blockedEntry, fieldSource, type CustomerScope } from './customer-scope.js';

/** What is to be bought, whether a subscription or a one-time item. */
export interface PurchaseWanted {
  readonly item: ItemKey;
  readonly target: 'subscription' | PurchaseKind;
  readonly productId: string;
  readonly skuId: string;
  readonly term?: Term | undefined;
  readonly billing: BillingCycle;
  readonly quantity: number;
  readonly autoRenew?: boolean | undefined;
  readonly reservation?: {
    readonly azureSubscriptionId?: string | undefined;
    readonly scope: ReservationScope;
    readonly region?: string | undefined;
  };
  readonly reason: string;
  /** Where the item is written, for spec errors. */
  readonly source: ItemSourceRef;
}

export type PurchaseOutcome =
  | { readonly kind: 'action'; readonly action: PurchaseAction; readonly sku: CatalogSku }
  | { readonly kind: 'blocked'; readonly entry: BlockedEntry };

/**
 * Resolves a purchase against the customer's country catalog: no such product/SKU →
 * `unknown-product`; no availability for the term/billing → `no-availability`; quantity outside
 * the SKU's min/max → `sku-limits`. These three are spec errors and carry the spec position of
 * the offending field
 * (docs/partner-center-api.md §7). The action carries the resolved catalog item, the reservation
 * `provisioningContext` spelled as the documented cart samples spell it (`subscriptionId`,
 * scope `shared`/`single`, and `duration` `1Year`/`3Years` only when the SKU's
 * `provisioningVariables` ask for it; the term travels as the line's `termDuration`) and, when the SKU requires `InventoryCheck`, the inventory context (§2.4).
 */
export function buildPurchase(scope: CustomerScope, wanted: PurchaseWanted): PurchaseOutcome {
  const { customer } = scope;
  const resolution = scope.catalog.resolve({
    country: customer.country,
    productId: wanted.productId,
    skuId: wanted.skuId,
    ...(wanted.term === undefined ? {} : { term: wanted.term }),
    billing: wanted.billing,
  });
  if (resolution.kind === 'unknown') {
    const field = resolution.productKnown ? 'sku' : 'product';
    const entry = blockedEntry(scope, wanted.item, 'unknown-product', resolution.reason, {
      wanted: 'purchase',
      source: fieldSource(wanted.source, field),
    });
    return { kind: 'blocked', entry };
  }
  if (resolution.kind === 'unavailable') {
    const entry = blockedEntry(scope, wanted.item, 'no-availability', resolution.reason, {
      wanted: 'purchase',
      source: fieldSource(wanted.source, 'term', 'billing'),
    });
    return { kind: 'blocked', entry };
  }
  const { sku, availability } = resolution;
  if (wanted.quantity < sku.minimumQuantity || wanted.quantity > sku.maximumQuantity) {
    const reason = `quantity ${wanted.quantity} is outside ${sku.productId}:${sku.skuId}'s limits ${sku.minimumQuantity}..${sku.maximumQuantity}`;
    return {
      kind: 'blocked',
      entry: blockedEntry(scope, wanted.item, 'sku-limits', reason, {
        wanted: 'purchase',
        source: fieldSource(wanted.source, 'quantity'),
      }),
    };
  }
  const after = {
    productId: wanted.productId,
    skuId: wanted.skuId,
    ...(wanted.term === undefined ? {} : { term: wanted.term }),
    billing: wanted.billing,
    quantity: wanted.quantity,
    ...(wanted.autoRenew === undefined ? {} : { autoRenew: wanted.autoRenew }),
  };
  const reservation = wanted.reservation;
  const provisioningContext =
    reservation === undefined
      ? undefined
      : {
          ...(reservation.azureSubscriptionId === undefined
            ? {}
            : { subscriptionId: reservation.azureSubscriptionId }),
          scope: reservation.scope === 'single' ? 'single' : 'shared',
          ...(wanted.term === undefined || !asksFor(sku, 'duration')
            ? {}
            : { duration: reservationDuration(wanted.term) }),
        };
  const inventoryCheck = hasPrerequisite(sku, 'InventoryCheck')
    ? {
        productId: wanted.productId,
        skuId: wanted.skuId,
        context: {
          customerId: customer.id,
          ...(reservation?.azureSubscriptionId === undefined
            ? {}
            : { azureSubscriptionId: reservation.azureSubscriptionId }),
          ...(reservation?.region === undefined ? {} : { armRegionName: reservation.region }),
        },
      }
    : undefined;
  const action: PurchaseAction = {
    key: actionKey(
      'purchase',
      { customerId: customer.id, item: wanted.item },
      { ...after, target: wanted.target, provisioningContext },
    ),
    kind: 'purchase',
    ...actionBase(scope, wanted.item),
    reason: wanted.reason,
    target: wanted.target,
    after,
    catalogItemId: availability.catalogItemId,
    availabilityId: availability.id,
    country: customer.country,
    ...(provisioningContext === undefined ? {} : { provisioningContext }),
    ...(inventoryCheck === undefined ? {} : { inventoryCheck }),
    ...(reservation === undefined ? {} : { scope: reservation.scope }),
  };
  return { kind: 'action', action, sku };
}

/** True when the SKU's `provisioningVariables` name `variable` (documented as `Scope`, `SubscriptionId`). */
function asksFor(sku: CatalogSku, variable: string): boolean {
  return sku.provisioningVariables.some((v) => v.toLowerCase() === variable.toLowerCase());
}
