import type { Binding, InFlightPurchase } from '../../model/index.js';
import type { JournalEntry, StateStore, StoreOrigin } from '../../state/index.js';

/** What `qm state list` shows; `--json` prints it as is (with `formatVersion: 1`). */
export interface StateListing {
  readonly path: string;
  readonly origin: StoreOrigin;
  readonly rowsInDoubt: readonly JournalEntry[];
  readonly inFlightPurchases: readonly InFlightPurchase[];
  readonly bindings: readonly Binding[];
}

export function listState(store: StateStore): StateListing {
  return {
    path: store.path,
    origin: store.origin(),
    rowsInDoubt: store.journal.listInFlight(),
    inFlightPurchases: store.listInFlightPurchases(),
    bindings: store.bindings.list(),
  };
}

export function renderStateList(listing: StateListing, out: (line: string) => void): void {
  if (listing.origin.resetAt !== undefined)
    out(`Store reset at ${listing.origin.resetAt} (from ${listing.origin.resetFrom ?? 'nothing'})`);
  out(`Journal rows in doubt (${listing.rowsInDoubt.length}):`);
  for (const r of listing.rowsInDoubt) {
    const orders = r.orderIds.length === 0 ? '' : ` orders ${r.orderIds.join(',')}`;
    const err = r.errorCode === undefined ? '' : ` [${r.errorCode}] ${r.errorMessage ?? ''}`;
    out(
      `  #${r.id} ${r.status} ${r.kind}/${r.step ?? '-'} ${r.item ?? '-'} (${r.customerId}) since ${r.createdAt} cart ${r.cartId ?? '-'}${orders}${err}`,
    );
  }
  out(`Purchases in flight (${listing.inFlightPurchases.length}):`);
  for (const p of listing.inFlightPurchases) {
    out(
      `  ${p.item} (${p.customerId}) since ${p.since}, orders ${p.orderIds.join(', ') || 'unknown'}`,
    );
  }
  out(`Bindings (${listing.bindings.length}):`);
  for (const b of listing.bindings) {
    out(
      `  ${b.item} (${b.customerId}) → ${b.subscriptionId ?? '-'} order ${b.orderId ?? '-'} since ${b.boundAt}`,
    );
  }
}
