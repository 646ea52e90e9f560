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

type RecordList = 'order' | 'entitlement' | 'registration';

interface SnapshotRow {
  customer_id: string;
  observed_at: string;
  has_orders: number;
  has_entitlements: number;
  has_registrations: number;
}

/** Builds the SQLite snapshot repository over an open, migrated database. */
export function createSnapshotRepository(db: Database): SnapshotRepository {
  const clearSubs = db.prepare('DELETE FROM observed_subscription WHERE customer_id = ?');
  const clearRecords = db.prepare('DELETE FROM observed_record WHERE customer_id = ?');
  const putSnapshot = db.prepare(`
    INSERT INTO snapshot (customer_id, observed_at, has_orders, has_entitlements, has_registrations)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (customer_id) DO UPDATE SET observed_at = excluded.observed_at,
      has_orders = excluded.has_orders, has_entitlements = excluded.has_entitlements,
      has_registrations = excluded.has_registrations`);
  const putSub = db.prepare(`INSERT INTO observed_subscription
    (customer_id, ordinal, subscription_id, status, body) VALUES (?, ?, ?, ?, ?)`);
  const putRecord = db.prepare(
    'INSERT INTO observed_record (customer_id, list, ordinal, body) VALUES (?, ?, ?, ?)',
  );
  const getSnapshot = db.prepare<[string], SnapshotRow>('SELECT * FROM snapshot WHERE customer_id = ?');
  const allSnapshots = db.prepare<[], SnapshotRow>('SELECT * FROM snapshot ORDER BY customer_id');
  const subsOf = db
    .prepare<[string], string>(
      'SELECT body FROM observed_subscription WHERE customer_id = ? ORDER BY ordinal',
    )
    .pluck();
  const recordsOf = db
    .prepare<[string, string], string>(
      'SELECT body FROM observed_record WHERE customer_id = ? AND list = ? ORDER BY ordinal',
    )
    .pluck();
  const removeSnapshot = db.prepare('DELETE FROM snapshot WHERE customer_id = ?');

  const write = (o: ObservedCustomer): void => {
    clearSubs.run(o.customerId);
    clearRecords.run(o.customerId);
    putSnapshot.run(
      o.customerId,
      o.observedAt,
      o.orders ? 1 : 0,
      o.entitlements ? 1 : 0,
      o.registrations ? 1 : 0,
    );
    o.subscriptions.forEach((s, i) => putSub.run(o.customerId, i, s.id, s.status, JSON.stringify(s)));
    const lists: [RecordList, readonly unknown[] | undefined][] = [
      ['order', o.orders],
      ['entitlement', o.entitlements],
      ['registration', o.registrations],
    ];
    for (const [list, items] of lists) {
      items?.forEach((item, i) => putRecord.run(o.customerId, list, i, JSON.stringify(item)));
    }
  };

  const read = (row: SnapshotRow): ObservedCustomer => {
    const id = row.customer_id;
    const parse = <T>(bodies: string[]): T[] => bodies.map((b) => JSON.parse(b) as T);
    return {
      customerId: id as CustomerId,
      observedAt: row.observed_at,
      subscriptions: parse<LiveSubscription>(subsOf.all(id)),
      ...(row.has_orders === 1 && { orders: parse<LiveOrder>(recordsOf.all(id, 'order')) }),
      ...(row.has_entitlements === 1 && {
        entitlements: parse<LiveEntitlement>(recordsOf.all(id, 'entitlement')),
      }),
      ...(row.has_registrations === 1 && {
        registrations: parse<LiveRegistration>(recordsOf.all(id, 'registration')),
      }),
    };
  };

  const upsertMany = db.transaction((list: readonly ObservedCustomer[]) => list.forEach(write));

  return {
    upsert: (observed) => upsertMany.immediate([observed]),
    upsertMany: (list) => upsertMany.immediate(list),
    get: (customerId) => {
      const row = getSnapshot.get(customerId);
      return row && read(row);
    },
    list: () => allSnapshots.all().map(read),
    listObservedAt: () =>
      allSnapshots
        .all()
        .map((r) => ({ customerId: r.customer_id as CustomerId, observedAt: r.observed_at })),
    remove: (customerId) => removeSnapshot.run(customerId).changes > 0,
  };
}
