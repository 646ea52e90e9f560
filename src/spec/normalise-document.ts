import {
  parseCustomerId,
  parseItemKey,
  parseSubscriptionId,
  type DesiredCustomer,
  type ItemKey,
  type PurchaseItem,
  type ItemField,
  type ItemSourceRef,
  type SubscriptionItem,
} from '../model/index.js';
import type { SourceDocument } from '../support/index.js';
import { detachText } from './detach-text.js';
import type { PurchaseDocument, SpecDocument, SubscriptionDocument } from './spec-document.js';

const ITEM_FIELDS: readonly ItemField[] = ['product', 'sku', 'term', 'billing', 'quantity'];

/**
 * Turns a schema-valid document into the model: defaults filled in (`autoRenew: true`,
 * `ensure: present`, reservation `scope: shared`, the document's `drift:` on every subscription
 * item without its own), country upper-cased, GUIDs lower-cased,
 * items in file order with the position of their key and of their fields. `file` is the name recorded in the
 * model (relative to the specs folder, so the desired state does not depend on where the
 * checkout lives). Strings are detached from the file's text (`detachText`), so the customer does
 * not keep the file alive. Pure.
 */
export function normaliseDocument(
  spec: SpecDocument,
  doc: SourceDocument,
  file: string,
): DesiredCustomer {
  const at = (path: readonly string[], item: object): ItemSourceRef => {
    const fields: Partial<Record<ItemField, { line: number; col: number }>> = {};
    for (const field of ITEM_FIELDS) {
      if (field in item) fields[field] = doc.locate([...path, field], 'value');
    }
    return { file, ...doc.locate(path, 'key'), fields };
  };
  const subscriptions = Object.entries(spec.subscriptions ?? {}).map(([key, item]) =>
    normaliseSubscription(
      itemKey(key),
      item.drift !== undefined || spec.drift === undefined ? item : { ...item, drift: spec.drift },
      at(['subscriptions', key], item),
    ),
  );
  const purchases = Object.entries(spec.purchases ?? {}).map(([key, item]) =>
    normalisePurchase(itemKey(key), item, at(['purchases', key], item)),
  );
  return {
    id: detachText(must(parseCustomerId(spec.customer.id), 'customer.id')),
    name: detachText(spec.customer.name),
    country: spec.customer.country.toUpperCase(),
    file,
    subscriptions,
    purchases,
  };
}

function normaliseSubscription(
  key: ItemKey,
  item: SubscriptionDocument,
  source: ItemSourceRef,
): SubscriptionItem {
  return {
    key,
    product: detachText(item.product),
    sku: detachText(item.sku),
    term: item.term,
    billing: item.billing,
    ensure: item.ensure ?? 'present',
    ...(item.quantity === undefined ? {} : { quantity: item.quantity }),
    autoRenew: item.autoRenew ?? true,
    ...(item.subscriptionId === undefined
      ? {}
      : {
          subscriptionId: detachText(
            must(parseSubscriptionId(item.subscriptionId), 'subscriptionId'),
          ),
        }),
    ...(item.change === undefined ? {} : { change: item.change }),
    ...(item.coterm === undefined ? {} : { coterm: detachText(item.coterm) }),
    ...(item.drift === undefined ? {} : { drift: item.drift }),
    source,
  };
}

function normalisePurchase(
  key: ItemKey,
  item: PurchaseDocument,
  source: ItemSourceRef,
): PurchaseItem {
  const reservation = item.kind === 'azure-reservation';
  return {
    key,
    kind: item.kind,
    product: detachText(item.product),
    sku: detachText(item.sku),
    quantity: item.quantity,
    ...(item.term === undefined ? {} : { term: item.term }),
    billing: item.billing,
    ...(item.azureSubscriptionId === undefined
      ? {}
      : { azureSubscriptionId: detachText(item.azureSubscriptionId.toLowerCase()) }),
    ...(reservation ? { scope: item.scope ?? 'shared' } : {}),
    ...(item.region === undefined ? {} : { region: detachText(item.region) }),
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
