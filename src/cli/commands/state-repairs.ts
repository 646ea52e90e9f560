import { parseCustomerId, type CustomerId, type ItemKey, type OrderId } from '../../model/index.js';
import type { JournalEntry, StateStore } from '../../state/index.js';
import { UserError } from '../user-error.js';
import type { RepairOutcome } from './state-store-access.js';

/** How a person settles a row in doubt (`qm state settle`). */
export type Settlement =
  | { readonly status: 'succeeded'; readonly orderId: OrderId }
  | { readonly status: 'failed'; readonly reason: string };

/** @throws UserError `invalid-argument` for a customer id that is not a GUID */
export function customerArg(text: string): CustomerId {
  const id = parseCustomerId(text);
  if (id === undefined)
    throw new UserError('invalid-argument', `${text} is not a customer tenant id (a GUID)`);
  return id;
}

/**
 * Settles journal row `id`, which must be in doubt (`in-flight`/`unknown`). A purchase settled
 * as succeeded also binds its item to the order, as recovery would: the item then waits for
 * the order's subscription instead of being bought again.
 */
export function settleRow(
  store: StateStore,
  id: number,
  how: Settlement,
  now: Date,
): RepairOutcome {
  const row = store.journal.get(id);
  if (row === undefined) {
    throw new UserError(
      'journal-not-found',
      `There is no journal row ${id}; see qm state list for the rows in doubt.`,
    );
  }
  if (row.status !== 'in-flight' && row.status !== 'unknown') {
    throw new UserError(
      'journal-settled',
      `Journal row ${id} (${describeRow(row)}) is already ${row.status}; only rows in doubt (in-flight, unknown) can be settled.`,
    );
  }
  store.transaction(() => {
    if (how.status === 'failed') {
      store.journal.settle(id, {
        status: 'failed',
        errorCode: 'settled-by-hand',
        errorMessage: how.reason,
      });
      return;
    }
    store.journal.settle(id, { status: 'succeeded', orderIds: [how.orderId] });
    if (row.kind === 'purchase' && row.item !== undefined) {
      const existing = store.bindings.get(row.customerId, row.item);
      const target = (row.request as { target?: string } | undefined)?.target;
      store.bindings.put({
        ...(existing ?? {}),
        customerId: row.customerId,
        item: row.item,
        kind: existing?.kind ?? (target === 'subscription' ? 'subscription' : 'purchase'),
        orderId: how.orderId,
        boundAt: now.toISOString(),
      });
    }
    store.bumpSerial();
  });
  return {
    detail:
      how.status === 'succeeded'
        ? `settled row ${id} (${describeRow(row)}) as succeeded with order ${how.orderId}`
        : `settled row ${id} (${describeRow(row)}) as failed: ${how.reason}`,
  };
}

/** Removes the binding of (customer, item). */
export function unbindItem(
  store: StateStore,
  customerId: CustomerId,
  item: ItemKey,
): RepairOutcome {
  const binding = store.bindings.get(customerId, item);
  if (binding === undefined) {
    throw new UserError(
      'binding-not-found',
      `${customerId} has no binding for ${item}; see qm state list.`,
    );
  }
  store.transaction(() => {
    store.bindings.remove(customerId, item);
    store.bumpSerial();
  });
  const what = binding.subscriptionId ?? binding.orderId ?? 'nothing yet';
  return { detail: `unbound ${customerId}/${item} (was ${what})` };
}

/** Renames an item key, keeping its binding and its journal rows. */
export function moveItem(
  store: StateStore,
  customerId: CustomerId,
  from: ItemKey,
  to: ItemKey,
): RepairOutcome {
  const moved = store.transaction(() => {
    const result = store.repairs.renameItem(customerId, from, to);
    store.bumpSerial();
    return result;
  });
  return {
    detail: `renamed ${customerId}/${from} to ${to} (binding ${moved.binding ? 'moved' : 'none'}, ${moved.journalRows} journal rows)`,
    counts: { journalRows: moved.journalRows, bindings: moved.binding ? 1 : 0 },
  };
}

export function describeRow(row: JournalEntry): string {
  return `${row.kind}/${row.step ?? '-'} ${row.item ?? '-'} of ${row.customerId}`;
}
