import type { JournalEntry, StateReadPort } from '../../../src/agent/index.js';
import type {
  ActionKey,
  Binding,
  CatalogView,
  DesiredState,
  ObservedCustomer,
  OrderId,
} from '../../../src/model/index.js';
import { deriveInFlightPurchases } from '../../../src/state/index.js';
import { aDefaultCatalog, CUSTOMER, key, NOW } from '../../planner/builders.js';

/** An instant `minutes` after the builders' NOW (2026-03-01T12:00Z), as the journal writes it. */
export const minutesAfter = (minutes: number): string =>
  new Date(NOW.getTime() + minutes * 60_000).toISOString();

let nextId = 1;

/** A succeeded journal row settled a minute after NOW (after a snapshot taken at NOW). */
export function aJournalRow(overrides: Partial<JournalEntry> = {}): JournalEntry {
  const at = overrides.settledAt ?? minutesAfter(1);
  return {
    id: nextId++,
    runId: 1,
    actionKey: 'increase-quantity:0123456789abcdef' as ActionKey,
    requestId: `req-${nextId}`,
    kind: 'increase-quantity',
    step: 'patch-subscription',
    customerId: CUSTOMER,
    item: key('m365'),
    orderIds: [],
    status: 'succeeded',
    attempts: 1,
    createdAt: at,
    updatedAt: at,
    settledAt: at,
    ...overrides,
  };
}

/** The two rows a subscription purchase leaves: its cart and its checkout (order `orderId`). */
export function purchaseRows(
  item: string,
  orderId: string,
  line: { catalogItemId: string; quantity: number; termDuration: string; billingCycle: string },
  productName = 'Product one',
): JournalEntry[] {
  const actionKey = `purchase:${orderId.padEnd(16, '0').slice(0, 16)}` as ActionKey;
  const [productId, skuId] = line.catalogItemId.split(':');
  const common = { actionKey, kind: 'purchase', item: key(item) } as const;
  return [
    aJournalRow({ ...common, step: 'create-cart', request: { line, productName } }),
    aJournalRow({
      ...common,
      step: 'checkout',
      cartId: 'cart-1',
      orderIds: [orderId as OrderId],
      request: {
        cartId: 'cart-1',
        line,
        target: 'subscription',
        purchased: {
          productId,
          skuId,
          quantity: line.quantity,
          billing: line.billingCycle,
          term: line.termDuration,
        },
        productName,
      },
    }),
  ];
}

/**
 * A `StateReadPort` over plain lists: what `qm status` reads. Purchases in flight are derived
 * from the journal by the state store's own rule; the catalog cache holds the builders' default
 * catalog (or `catalog`).
 */
export function aStatusStore(input: {
  snapshots?: readonly ObservedCustomer[];
  bindings?: readonly Binding[];
  journal?: readonly JournalEntry[];
  catalog?: Map<string, CatalogView>;
}): StateReadPort {
  const snapshots = [...(input.snapshots ?? [])];
  const bindings = [...(input.bindings ?? [])];
  const journal = [...(input.journal ?? [])].sort((a, b) => b.id - a.id);
  const catalog = input.catalog ?? aDefaultCatalog();
  const bindingOf = (customerId: string, item: string): Binding | undefined =>
    bindings.find((b) => b.customerId === customerId && b.item === item);
  return {
    snapshots: {
      list: () => [...snapshots].sort((a, b) => (a.customerId < b.customerId ? -1 : 1)),
      get: (id) => snapshots.find((s) => s.customerId === id),
    },
    catalog: {
      get: (ref) => {
        const view = catalog.get(ref.country);
        const same = (e: { productId: string; skuId: string }): boolean =>
          e.productId === ref.productId && e.skuId === ref.skuId;
        if (view === undefined || !view.skus.some(same)) return undefined;
        return {
          value: { skus: view.skus.filter(same), availabilities: view.availabilities.filter(same) },
        };
      },
    },
    bindings: {
      list: () => [...bindings],
      listByCustomer: (id: string) => bindings.filter((b) => b.customerId === id),
      get: bindingOf,
    },
    journal: {
      list: (query = {}) =>
        journal
          .filter((row) => query.beforeId === undefined || row.id < query.beforeId)
          .slice(0, query.limit ?? 100),
    },
    listInFlightPurchases: () => deriveInFlightPurchases(journal, bindingOf),
    currentSerial: () => 1,
    resetAt: () => undefined,
  };
}

export const desiredOf = (...customers: DesiredState['customers']): DesiredState => ({
  customers,
});
