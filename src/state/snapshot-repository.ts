import type { Database } from 'better-sqlite3';
import type {
  CustomerId,
  LiveEntitlement,
  LiveOrder,
  LiveRegistration,
  LiveSubscription,
  ObservedCustomer,
} from '../model/index.js';

/**
 * The last observed state per customer. A customer's snapshot is replaced whole: what a
 * refresh did not see is gone. Lists are read back in the order they were written, and a list
 * that was not read (absent) stays absent rather than becoming empty, so
 * `canonicalJson(get(id))` equals `canonicalJson(upserted)` and digests over it reproduce.
 */
export interface SnapshotRepository {
  /** Replaces one customer's snapshot (one transaction). */
  upsert(observed: ObservedCustomer): void;
  /** Replaces many customers' snapshots in one transaction: the fast path for a refresh. */
  upsertMany(observed: readonly ObservedCustomer[]): void;
  get(customerId: CustomerId): ObservedCustomer | undefined;
  /** Every stored snapshot, by customer id. */
  list(): ObservedCustomer[];
  /** Customer ids and when each was last observed, by customer id. */
  listObservedAt(): { customerId: CustomerId; observedAt: string }[];
  /** Forgets a customer (e.g. removed from every spec). Returns whether it existed. */
  remove(customerId: CustomerId): boolean;
}

interface SnapshotRow {
  customer_id: string;
  observed_at: string;
  subscriptions: string;
  orders: string | null;
  entitlements: string | null;
  registrations: string | null;
}

const json = (list: readonly unknown[] | undefined): string | null =>
  list === undefined ? null : JSON.stringify(list);

/**
 * Builds the SQLite snapshot repository over an open, migrated database.
 *
 * Each list is one JSON array in the customer's row (NULL = not read). A refresh always
 * replaces a customer's lists whole, so one row per customer costs a fraction of one row per
 * subscription: 100,000 subscriptions across 2,000 customers are 2,000 rows (see the bench).
 */
export function createSnapshotRepository(db: Database): SnapshotRepository {
  const put = db.prepare(`INSERT INTO snapshot (customer_id, observed_at, subscription_count,
      subscriptions, orders, entitlements, registrations)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (customer_id) DO UPDATE SET observed_at = excluded.observed_at,
      subscription_count = excluded.subscription_count, subscriptions = excluded.subscriptions,
      orders = excluded.orders, entitlements = excluded.entitlements,
      registrations = excluded.registrations`);
  const byId = db.prepare<[string], SnapshotRow>('SELECT * FROM snapshot WHERE customer_id = ?');
  const all = db.prepare<[], SnapshotRow>('SELECT * FROM snapshot ORDER BY customer_id');
  const times = db.prepare<[], { customer_id: string; observed_at: string }>(
    'SELECT customer_id, observed_at FROM snapshot ORDER BY customer_id',
  );
  const del = db.prepare('DELETE FROM snapshot WHERE customer_id = ?');

  const write = (o: ObservedCustomer): void => {
    put.run(
      o.customerId,
      o.observedAt,
      o.subscriptions.length,
      JSON.stringify(o.subscriptions),
      json(o.orders),
      json(o.entitlements),
      json(o.registrations),
    );
  };

  const read = (row: SnapshotRow): ObservedCustomer => ({
    customerId: row.customer_id as CustomerId,
    observedAt: row.observed_at,
    subscriptions: JSON.parse(row.subscriptions) as LiveSubscription[],
    ...(row.orders !== null && { orders: JSON.parse(row.orders) as LiveOrder[] }),
    ...(row.entitlements !== null && {
      entitlements: JSON.parse(row.entitlements) as LiveEntitlement[],
    }),
    ...(row.registrations !== null && {
      registrations: JSON.parse(row.registrations) as LiveRegistration[],
    }),
  });

  const upsertMany = db.transaction((list: readonly ObservedCustomer[]) => list.forEach(write));

  return {
    upsert: (observed) => upsertMany.immediate([observed]),
    upsertMany: (list) => upsertMany.immediate(list),
    get: (customerId) => {
      const row = byId.get(customerId);
      return row && read(row);
    },
    list: () => all.all().map(read),
    listObservedAt: () =>
      times.all().map((r) => ({ customerId: r.customer_id as CustomerId, observedAt: r.observed_at })),
    remove: (customerId) => del.run(customerId).changes > 0,
  };
}
