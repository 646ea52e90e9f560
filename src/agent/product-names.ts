import { recordedProductName } from '../applier/index.js';
import type { Binding, LiveSubscription, ObservedCustomer } from '../model/index.js';
import type { JournalEntry } from './ports.js';

/**
 * Product names beside ids in `qm history`, `qm billing` and `qm status`, from what the state
 * store already holds: no network call. Display only: nothing keys, matches or decides on a
 * name, and an unknown name stays absent (never a guess). The first source that knows wins:
 * 1. the journal row's own recorded name (the plan action's `productName` when it was applied);
 * 2. another journal row of the same item, or of the same subscription, that recorded one;
 * 3. the last refresh's snapshot of the subscription (its `friendlyName`), found by id or
 *    through the item's binding.
 * Registrations concern an Azure subscription, not a product, and stay unnamed (as in plans).
 */

/** A product as history shows it: its name and, when the row tells, its product and SKU ids. */
export interface ProductRef {
  readonly productName?: string;
  readonly productId?: string;
  readonly skuId?: string;
}

/** Where names come from besides the journal rows themselves (both optional). */
export interface ProductNameSources {
  readonly snapshots?: readonly ObservedCustomer[];
  readonly bindings?: readonly Binding[];
}

export interface ProductNames {
  /** The product a journal row concerns (nothing for registrations). */
  ofRow(row: JournalEntry): ProductRef;
  /** The name of the product a spec item manages or bought. */
  ofItem(customerId: string, item: string): string | undefined;
  /** The name of a live subscription's product. */
  ofSubscription(customerId: string, subscriptionId: string): string | undefined;
}

const REGISTRATION = 'register-azure-subscription';

/** Indexes `rows` (any order) and `sources` once; lookups are then map reads. */
export function createProductNames(
  rows: readonly JournalEntry[],
  sources: ProductNameSources = {},
): ProductNames {
  const byItem = new Map<string, { id: number; name: string }>();
  const bySubscription = new Map<string, { id: number; name: string }>();
  const remember = (map: typeof byItem, key: string, id: number, name: string): void => {
    const seen = map.get(key);
    if (seen === undefined || seen.id < id) map.set(key, { id, name });
  };
  for (const row of rows) {
    const name = row.kind === REGISTRATION ? undefined : recordedProductName(row.request);
    if (name === undefined) continue;
    if (row.item !== undefined) remember(byItem, itemKeyOf(row.customerId, row.item), row.id, name);
    if (row.subscriptionId !== undefined)
      remember(bySubscription, keyOf(row.customerId, row.subscriptionId), row.id, name);
  }
  const live = new Map<string, LiveSubscription>();
  for (const customer of sources.snapshots ?? [])
    for (const s of customer.subscriptions) live.set(keyOf(customer.customerId, s.id), s);
  const boundSubscription = new Map<string, string>();
  const boundItem = new Map<string, string>();
  for (const b of sources.bindings ?? []) {
    if (b.subscriptionId === undefined) continue;
    boundSubscription.set(itemKeyOf(b.customerId, b.item), b.subscriptionId);
    boundItem.set(keyOf(b.customerId, b.subscriptionId), b.item);
  }

  const liveName = (customerId: string, subscriptionId: string | undefined): string | undefined =>
    subscriptionId === undefined
      ? undefined
      : nonBlank(live.get(keyOf(customerId, subscriptionId))?.friendlyName);
  const ofItem = (customerId: string, item: string): string | undefined =>
    byItem.get(itemKeyOf(customerId, item))?.name ??
    liveName(customerId, boundSubscription.get(itemKeyOf(customerId, item)));
  const ofSubscription = (customerId: string, subscriptionId: string): string | undefined => {
    const key = keyOf(customerId, subscriptionId);
    const item = boundItem.get(key);
    return (
      bySubscription.get(key)?.name ??
      (item === undefined ? undefined : byItem.get(itemKeyOf(customerId, item))?.name) ??
      liveName(customerId, subscriptionId)
    );
  };
  const ofRow = (row: JournalEntry): ProductRef => {
    if (row.kind === REGISTRATION) return {};
    const name =
      recordedProductName(row.request) ??
      (row.item === undefined ? undefined : ofItem(row.customerId, row.item)) ??
      (row.subscriptionId === undefined
        ? undefined
        : ofSubscription(row.customerId, row.subscriptionId));
    const subscriptionId =
      row.subscriptionId ??
      (row.item === undefined
        ? undefined
        : boundSubscription.get(itemKeyOf(row.customerId, row.item)));
    const subscription =
      subscriptionId === undefined ? undefined : live.get(keyOf(row.customerId, subscriptionId));
    const ids =
      idsOfCartLine(row.request) ??
      (subscription === undefined
        ? undefined
        : { productId: subscription.productId, skuId: subscription.skuId });
    return { ...(name === undefined ? {} : { productName: name }), ...ids };
  };
  return { ofRow, ofItem, ofSubscription };
}

/**
 * `Office 365 E3 (CFQ7TTC0LF8Q:0001)` when the name and ids are known, the name alone when only
 * it is; undefined without a name (callers then print what they printed before).
 */
export function describeProduct(product: ProductRef): string | undefined {
  if (product.productName === undefined) return undefined;
  if (product.productId === undefined || product.skuId === undefined) return product.productName;
  return `${product.productName} (${product.productId}:${product.skuId})`;
}

/** Customer and subscription ids are GUIDs: compared case-insensitively. */
function keyOf(customerId: string, subscriptionId: string): string {
  return `${customerId.toLowerCase()}|${subscriptionId.toLowerCase()}`;
}

/** Spec item keys are compared as written. */
function itemKeyOf(customerId: string, item: string): string {
  return `${customerId.toLowerCase()}|${item}`;
}

/** The product and SKU of a purchase row's cart line (`catalogItemId` = `product:sku:…`). */
function idsOfCartLine(request: unknown): { productId: string; skuId: string } | undefined {
  const line = (request as { line?: { catalogItemId?: unknown } } | null | undefined)?.line;
  const catalogItemId = line?.catalogItemId;
  if (typeof catalogItemId !== 'string') return undefined;
  const [productId, skuId] = catalogItemId.split(':');
  return productId && skuId ? { productId, skuId } : undefined;
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
