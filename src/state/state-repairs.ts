import type { Database } from 'better-sqlite3';
import type { CustomerId, ItemKey } from '../model/index.js';
import type { DurableCommit } from './durable-commit.js';
import { StateStoreError } from './state-error.js';

/**
 * Hand repairs for `qm state mv`: writes the journal and binding repositories do not offer.
 * Each is one checked transaction.
 */
export interface StateRepairs {
  /**
   * Renames a spec item key of one customer: its binding and every journal row naming it move
   * together, so the item keeps what it manages and its purchases in flight.
   * @throws StateStoreError `item-not-found` (nothing names `from`), `item-exists` (`to` is bound)
   */
  renameItem(customerId: CustomerId, from: ItemKey, to: ItemKey): { binding: boolean; journalRows: number };
}

/** Builds the repairs over an open, migrated database. */
export function createStateRepairs(db: Database, commit: DurableCommit): StateRepairs {
  const bound = db.prepare<[string, string], { n: number }>(
    'SELECT count(*) AS n FROM binding WHERE customer_id = ? AND item = ?',
  );
  const moveBinding = db.prepare('UPDATE binding SET item = ? WHERE customer_id = ? AND item = ?');
  const moveRows = db.prepare('UPDATE journal SET item = ? WHERE customer_id = ? AND item = ?');
  return {
    renameItem: (customerId, from, to) =>
      commit(`the rename of ${customerId}/${from} to ${to}`, () => {
        if ((bound.get(customerId, to)?.n ?? 0) > 0) {
          throw new StateStoreError(
            'item-exists',
            `Customer ${customerId} already has a binding for ${to}; unbind it first (qm state unbind ${customerId} ${to}).`,
          );
        }
        const binding = moveBinding.run(to, customerId, from).changes > 0;
        const journalRows = moveRows.run(to, customerId, from).changes;
        if (!binding && journalRows === 0) {
          throw new StateStoreError(
            'item-not-found',
            `Nothing in the state store names ${customerId}/${from} (no binding, no journal row); check the key with qm state list.`,
          );
        }
        return { binding, journalRows };
      }),
  };
}
