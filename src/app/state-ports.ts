import type { BindingPort, JournalPort, JournalRow } from '../applier/index.js';
import type { StateStore } from '../state/index.js';

/**
 * Adapts the state store to the applier's journal and binding ports. The store's `begin`
 * commits the row (WAL, synchronous=FULL) before returning, which is what the applier needs
 * before it sends the request.
 */
export function createJournalPort(store: StateStore, runId: number | undefined): JournalPort {
  return {
    begin: (intent) =>
      store.journal.begin({
        ...(runId === undefined ? {} : { runId }),
        actionKey: intent.actionKey,
        requestId: intent.requestId,
        kind: intent.actionKind,
        step: intent.step,
        customerId: intent.customerId,
        item: intent.item,
        ...(intent.cartId === undefined ? {} : { cartId: intent.cartId }),
        ...(intent.subscriptionId === undefined ? {} : { subscriptionId: intent.subscriptionId }),
        request: intent.request,
      }).id,
    settle: (id, outcome) => {
      store.journal.settle(id, {
        status: outcome.status,
        ...(outcome.orderIds === undefined ? {} : { orderIds: outcome.orderIds }),
        ...(outcome.response === undefined ? {} : { response: outcome.response }),
        ...(outcome.errorCode === undefined ? {} : { errorCode: outcome.errorCode }),
        ...(outcome.message === undefined ? {} : { errorMessage: outcome.message }),
      });
    },
    listUnsettled: () =>
      store.journal.listInFlight().flatMap((entry): JournalRow[] => {
        if (entry.item === undefined || entry.step === undefined) return [];
        const step = entry.step as JournalRow['step'];
        return [
          {
            id: entry.id,
            actionKey: entry.actionKey,
            actionKind: entry.kind as JournalRow['actionKind'],
            step,
            customerId: entry.customerId,
            item: entry.item,
            requestId: entry.requestId,
            ...(entry.cartId === undefined ? {} : { cartId: entry.cartId }),
            ...(entry.subscriptionId === undefined ? {} : { subscriptionId: entry.subscriptionId }),
            request: (entry.request ?? {}) as Readonly<Record<string, unknown>>,
            status: entry.status === 'unknown' ? 'unknown' : 'in-flight',
            orderIds: entry.orderIds,
            startedAt: entry.createdAt,
          },
        ];
      }),
  };
}

export function createBindingPort(store: StateStore): BindingPort {
  return {
    get: (customerId, item) => store.bindings.get(customerId, item),
    put: (binding) => store.bindings.put(binding),
  };
}
