import type { BindingPort, JournalPort, JournalRow } from '../applier/index.js';
import type { JournalIntent, StateStore } from '../state/index.js';

/**
 * Adapts the state store to the applier's journal and binding ports. `begin` resolves once the
 * store committed the row (WAL, synchronous=FULL), which is what the applier needs before it
 * sends the request; the intents begun in one turn of the event loop share that commit (group
 * commit: docs/decisions.md "Intents begun together share one commit").
 */
export function createJournalPort(store: StateStore, runId: number | undefined): JournalPort {
  return {
    begin: groupCommit<Parameters<JournalPort['begin']>[0], JournalIntent>(
      (intents) => store.journal.beginMany(intents).map((row) => row.id),
      (intent): JournalIntent => ({
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
      }),
    ),
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

/**
 * Queues each intent and commits every intent queued by the time the event loop reaches its
 * check phase (`setImmediate`) in one `commitAll`: responses that arrived together start their
 * next calls together, and those calls wait for one sync of the disk, not one each. Each
 * promise resolves with its row id after that commit, or rejects with its failure (all of the
 * group then: nothing of it was kept, nothing is sent).
 */
function groupCommit<I, R>(
  commitAll: (rows: readonly R[]) => readonly number[],
  toRow: (intent: I) => R,
): (intent: I) => Promise<number> {
  let queue: { row: R; resolve: (id: number) => void; reject: (error: unknown) => void }[] = [];
  const flush = (): void => {
    const group = queue;
    queue = [];
    try {
      const ids = commitAll(group.map((q) => q.row));
      group.forEach((q, i) => q.resolve(ids[i] as number));
    } catch (error) {
      for (const q of group) q.reject(error);
    }
  };
  return (intent) =>
    new Promise<number>((resolve, reject) => {
      queue.push({ row: toRow(intent), resolve, reject });
      if (queue.length === 1) setImmediate(flush);
    });
}
