import type { ActionKey, Binding, CustomerId, InFlightPurchase, ItemKey, SubscriptionId } from '../../src/model/index.js';
import {
  assertJournalTransition,
  assertJournalUnsettled,
  deriveInFlightPurchases,
  journalNotFound,
  mergeOrderIds,
  StateStoreError,
  type BindingRepository,
  type JournalEntry,
  type JournalIntent,
  type JournalOutcome,
  type JournalProgress,
  type JournalQuery,
  type JournalRepository,
  type JournalStatus,
} from '../../src/state/index.js';
import type { Clock } from '../../src/support/index.js';

/**
 * In-memory doubles of the journal and bindings for applier/agent tests. They follow the same
 * contract as the SQLite repositories: `journal-contract.test.ts` runs one suite against both.
 * Not durable, obviously: crash tests must use the real store.
 */
export class FakeJournal implements JournalRepository {
  readonly #rows = new Map<number, JournalEntry>();
  #nextId = 1;

  constructor(private readonly clock: Clock) {}

  recordPlanned(intent: JournalIntent): JournalEntry {
    return this.#add(intent, 'planned');
  }

  begin(intent: JournalIntent): JournalEntry {
    return this.#add(intent, 'in-flight');
  }

  beginMany(intents: readonly JournalIntent[]): JournalEntry[] {
    return intents.map((intent) => this.#add(intent, 'in-flight'));
  }

  start(id: number, progress: JournalProgress = {}): JournalEntry {
    return this.#change(id, 'in-flight', progress);
  }

  note(id: number, progress: JournalProgress): JournalEntry {
    return this.#change(id, 'same', progress);
  }

  settle(id: number, outcome: JournalOutcome): JournalEntry {
    return this.#change(id, outcome.status, outcome);
  }

  get(id: number): JournalEntry | undefined {
    return this.#rows.get(id);
  }

  listInFlight(): JournalEntry[] {
    return this.#all().filter((e) => e.status === 'in-flight' || e.status === 'unknown');
  }

  listByRun(runId: number): JournalEntry[] {
    return this.#all().filter((e) => e.runId === runId);
  }

  listByAction(actionKey: ActionKey): JournalEntry[] {
    return this.#all().filter((e) => e.actionKey === actionKey);
  }

  list(query: JournalQuery = {}): JournalEntry[] {
    return this.#all()
      .reverse()
      .filter(
        (e) =>
          (query.customerId === undefined || e.customerId === query.customerId) &&
          (query.status === undefined || e.status === query.status) &&
          (query.beforeId === undefined || e.id < query.beforeId),
      )
      .slice(0, query.limit ?? 100);
  }

  #all(): JournalEntry[] {
    return [...this.#rows.values()].sort((a, b) => a.id - b.id);
  }

  #add(intent: JournalIntent, status: 'planned' | 'in-flight'): JournalEntry {
    const now = this.clock.now().toISOString();
    const { orderIds, ...rest } = intent;
    const entry: JournalEntry = {
      ...rest,
      id: this.#nextId++,
      orderIds: mergeOrderIds(orderIds ?? []),
      status,
      attempts: status === 'planned' ? 0 : 1,
      createdAt: now,
      updatedAt: now,
    };
    this.#rows.set(entry.id, entry);
    return entry;
  }

  #change(id: number, to: JournalStatus | 'same', facts: JournalProgress & Partial<JournalOutcome>): JournalEntry {
    const entry = this.#rows.get(id);
    if (!entry) throw journalNotFound(id);
    if (to === 'same') assertJournalUnsettled(id, entry.status);
    else assertJournalTransition(id, entry.status, to);
    const status = to === 'same' ? entry.status : to;
    const now = this.clock.now().toISOString();
    const { settledAt: _settled, ...kept } = entry;
    const cartId = facts.cartId ?? entry.cartId;
    const subscriptionId = facts.subscriptionId ?? entry.subscriptionId;
    const response = facts.response ?? entry.response;
    const errorCode = facts.errorCode ?? entry.errorCode;
    const errorMessage = facts.errorMessage ?? entry.errorMessage;
    const next: JournalEntry = {
      ...kept,
      requestId: facts.requestId ?? entry.requestId,
      ...(cartId !== undefined && { cartId }),
      orderIds: mergeOrderIds(entry.orderIds, facts.orderIds),
      ...(subscriptionId !== undefined && { subscriptionId }),
      status,
      ...(response !== undefined && { response }),
      ...(errorCode !== undefined && { errorCode }),
      ...(errorMessage !== undefined && { errorMessage }),
      attempts: to === 'in-flight' ? entry.attempts + 1 : entry.attempts,
      updatedAt: now,
      ...((status === 'succeeded' || status === 'failed') && { settledAt: now }),
    };
    this.#rows.set(id, next);
    return next;
  }
}

/** In-memory bindings with the same conflict rule as the SQLite table's unique index. */
export class FakeBindings implements BindingRepository {
  readonly #rows = new Map<string, Binding>();

  get(customerId: CustomerId, item: ItemKey): Binding | undefined {
    return this.#rows.get(`${customerId}/${item}`);
  }

  findBySubscription(subscriptionId: SubscriptionId): Binding | undefined {
    return [...this.#rows.values()].find((b) => b.subscriptionId === subscriptionId);
  }

  list(): Binding[] {
    return [...this.#rows.values()].sort(
      (a, b) => a.customerId.localeCompare(b.customerId) || a.item.localeCompare(b.item),
    );
  }

  listByCustomer(customerId: CustomerId): Binding[] {
    return this.list().filter((b) => b.customerId === customerId);
  }

  put(binding: Binding): void {
    const holder = binding.subscriptionId && this.findBySubscription(binding.subscriptionId);
    if (holder && (holder.customerId !== binding.customerId || holder.item !== binding.item)) {
      throw new StateStoreError(
        'binding-conflict',
        `Subscription ${binding.subscriptionId} is already bound to ${holder.customerId}/${holder.item}.`,
      );
    }
    this.#rows.set(`${binding.customerId}/${binding.item}`, binding);
  }

  remove(customerId: CustomerId, item: ItemKey): boolean {
    return this.#rows.delete(`${customerId}/${item}`);
  }
}

/** The fake counterpart of `StateStore.listInFlightPurchases`. */
export function fakeInFlightPurchases(journal: FakeJournal, bindings: FakeBindings): InFlightPurchase[] {
  return deriveInFlightPurchases(journal.list({ limit: Number.MAX_SAFE_INTEGER }).reverse(), (c, i) =>
    bindings.get(c, i),
  );
}
