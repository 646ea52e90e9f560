import type { Database } from 'better-sqlite3';
import type { Binding, CustomerId, ItemKey, OrderId, SubscriptionId } from '../model/index.js';
import { StateStoreError } from './state-error.js';

/**
 * Spec key ↔ live subscription/order. One row per (customer, item); a live subscription is
 * bound to at most one item, so no two spec items can both believe they manage it.
 */
export interface BindingRepository {
  get(customerId: CustomerId, item: ItemKey): Binding | undefined;
  /** The binding that manages `subscriptionId`, if any. */
  findBySubscription(subscriptionId: SubscriptionId): Binding | undefined;
  /** Every binding, by customer then item. */
  list(): Binding[];
  /** One customer's bindings, by item. */
  listByCustomer(customerId: CustomerId): Binding[];
  /**
   * Creates or replaces the binding for (customerId, item).
   * @throws StateStoreError `binding-conflict` when its subscription is bound to another item.
   */
  put(binding: Binding): void;
  /** Deletes the binding; returns whether there was one. */
  remove(customerId: CustomerId, item: ItemKey): boolean;
}

interface BindingRow {
  customer_id: string;
  item: string;
  kind: 'subscription' | 'purchase';
  subscription_id: string | null;
  order_id: string | null;
  purchased: string | null;
  bound_at: string;
}

/** Maps a stored row to the model type (absent fields stay absent). */
function toBinding(row: BindingRow): Binding {
  return {
    customerId: row.customer_id as CustomerId,
    item: row.item as ItemKey,
    kind: row.kind,
    ...(row.subscription_id !== null && { subscriptionId: row.subscription_id as SubscriptionId }),
    ...(row.order_id !== null && { orderId: row.order_id as OrderId }),
    ...(row.purchased !== null && {
      purchased: JSON.parse(row.purchased) as Record<string, string | number>,
    }),
    boundAt: row.bound_at,
  };
}

/** Builds the SQLite binding repository over an open, migrated database. */
export function createBindingRepository(db: Database): BindingRepository {
  const byKey = db.prepare<[string, string], BindingRow>(
    'SELECT * FROM binding WHERE customer_id = ? AND item = ?',
  );
  const bySubscription = db.prepare<[string], BindingRow>(
    'SELECT * FROM binding WHERE subscription_id = ?',
  );
  const all = db.prepare<[], BindingRow>('SELECT * FROM binding ORDER BY customer_id, item');
  const ofCustomer = db.prepare<[string], BindingRow>(
    'SELECT * FROM binding WHERE customer_id = ? ORDER BY item',
  );
  const upsert = db.prepare(`INSERT INTO binding
    (customer_id, item, kind, subscription_id, order_id, purchased, bound_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (customer_id, item) DO UPDATE SET kind = excluded.kind,
      subscription_id = excluded.subscription_id, order_id = excluded.order_id,
      purchased = excluded.purchased, bound_at = excluded.bound_at`);
  const del = db.prepare('DELETE FROM binding WHERE customer_id = ? AND item = ?');

  const put = db.transaction((b: Binding) => {
    if (b.subscriptionId !== undefined) {
      const holder = bySubscription.get(b.subscriptionId);
      if (holder && (holder.customer_id !== b.customerId || holder.item !== b.item)) {
        throw new StateStoreError(
          'binding-conflict',
          `Subscription ${b.subscriptionId} is already bound to ${holder.customer_id}/` +
            `${holder.item}; it cannot also be bound to ${b.customerId}/${b.item}. ` +
            `Unbind it first.`,
        );
      }
    }
    upsert.run(
      b.customerId,
      b.item,
      b.kind,
      b.subscriptionId ?? null,
      b.orderId ?? null,
      b.purchased === undefined ? null : JSON.stringify(b.purchased),
      b.boundAt,
    );
  });

  return {
    get: (customerId, item) => {
      const row = byKey.get(customerId, item);
      return row && toBinding(row);
    },
    findBySubscription: (subscriptionId) => {
      const row = bySubscription.get(subscriptionId);
      return row && toBinding(row);
    },
    list: () => all.all().map(toBinding),
    listByCustomer: (customerId) => ofCustomer.all(customerId).map(toBinding),
    put: (binding) => put.immediate(binding),
    remove: (customerId, item) => del.run(customerId, item).changes > 0,
  };
}
