import {
  parseCustomerId,
  parseItemKey,
  parseSubscriptionId,
  type DesiredCustomer,
  type ItemKey,
  type PurchaseItem,
  type SourceRef,
  type SubscriptionItem,
} from '../model/index.js';
import type { SourceDocument } from '../support/index.js';
import type { PurchaseDocument, SpecDocument, SubscriptionDocument } from './spec-document.js';

/**
 * Turns a schema-valid document into the model: defaults filled in (`autoRenew: true`,
 * `ensure: present`, reservation `scope: shared`), country upper-cased, GUIDs lower-cased,
 * items in file order with the position of their key. `file` is the name recorded in the
 * model (relative to the specs folder, so the desired state does not depend on where the
 * checkout lives). Pure.
 */
export function normaliseDocument(
  spec: SpecDocument,
  doc: SourceDocument,
  file: string,
): DesiredCustomer {
  const at = (path: readonly string[]): SourceRef => ({ file, ...doc.locate(path, 'key') });
  const subscriptions = Object.entries(spec.subscriptions ?? {}).map(([key, item]) =>
    normaliseSubscription(itemKey(key), item, at(['subscriptions', key])),
  );
  const purchases = Object.entries(spec.purchases ?? {}).map(([key, item]) =>
    normalisePurchase(itemKey(key), item, at(['purchases', key])),
  );
  return {
    id: must(parseCustomerId(spec.customer.id), 'customer.id'),
    name: spec.customer.name,
    country: spec.customer.country.toUpperCase(),
    file,
    subscriptions,
    purchases,
  };
}

function normaliseSubscription(
  key: ItemKey,
  item: SubscriptionDocument,
  source: SourceRef,
): SubscriptionItem {
  return {
    key,
    product: item.product,
    sku: item.sku,
    term: item.term,
    billing: item.billing,
    ensure: item.ensure ?? 'present',
    ...(item.quantity === undefined ? {} : { quantity: item.quantity }),
    autoRenew: item.autoRenew ?? true,
    ...(item.subscriptionId === undefined
      ? {}
      : { subscriptionId: must(parseSubscriptionId(item.subscriptionId), 'subscriptionId') }),
    source,
  };
}

function normalisePurchase(key: ItemKey, item: PurchaseDocument, source: SourceRef): PurchaseItem {
  const reservation = item.kind === 'azure-reservation';
  return {
    key,
    kind: item.kind,
    product: item.product,
    sku: item.sku,
    quantity: item.quantity,
    ...(item.term === undefined ? {} : { term: item.term }),
    billing: item.billing,
    ...(item.azureSubscriptionId === undefined
      ? {}
      : { azureSubscriptionId: item.azureSubscriptionId.toLowerCase() }),
    ...(reservation ? { scope: item.scope ?? 'shared' } : {}),
    ...(item.region === undefined ? {} : { region: item.region }),
    source,
  };
}

function itemKey(key: string): ItemKey {
  return must(parseItemKey(key), 'item key');
}

/** The schema already checked these; a failure here is a schema/parser mismatch (a bug). */
function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`spec schema accepted an invalid ${what}`);
  return value;
}
