import type { Database } from 'better-sqlite3';
import type { ActionKey } from '../model/index.js';
import type { Clock } from '../support/index.js';
import {
  assertJournalTransition,
  assertJournalUnsettled,
  journalNotFound,
  mergeOrderIds,
  type JournalEntry,
  type JournalIntent,
  type JournalOutcome,
  type JournalProgress,
  type JournalQuery,
} from './journal-entry.js';
import { readJournalDbRow, type JournalDbRow } from './journal-row.js';
import { assertWritten, type DurableCommit } from './durable-commit.js';

/** How the journal commits: durably, and only while its store's lease is current. */
export interface JournalGuard {
  readonly path: string;
  readonly commit: DurableCommit;
  /** Throws unless this store may commit intent now (`LeaseRepository.fence`). */
  readonly fence: () => void;
}

/**
 * The write-ahead journal: one row per mutating call. Each method is one durable commit
 * (WAL + synchronous=FULL), so when `begin` returns, the intent survives a crash or power
 * loss. Call it outside `StateStore.transaction`, or the commit waits for the outer one.
 */
export interface JournalRepository {
  /** Records a call that is planned but not yet due (`planned`, 0 attempts). */
  recordPlanned(intent: JournalIntent): JournalEntry;
  /**
   * Commits an `in-flight` row: call this BEFORE sending the request. Returns only after the
   * commit succeeded and the row reads back.
   * @throws StateStoreError `state-write-failed` (disk full, I/O error: send nothing),
   *   `lease-lost` (this store's lease was taken over: fenced) or `lease-held`.
   */
  begin(intent: JournalIntent): JournalEntry;
  /**
   * `begin` for several calls at once: one commit (one wait for the disk) for every row, in
   * order. All or none: a failure throws as `begin` does and keeps none of them.
   */
  beginMany(intents: readonly JournalIntent[]): JournalEntry[];
  /**
   * Moves a `planned` or `unknown` row to `in-flight` (one more attempt) before (re)sending.
   * Fenced like `begin`.
   * @throws StateStoreError `journal-not-found`, `journal-invalid-transition`, `lease-lost`
   */
  start(id: number, progress?: JournalProgress): JournalEntry;
  /**
   * Records facts learned mid-call (the cart id, order ids) on an unsettled row.
   * @throws StateStoreError `journal-not-found`, `journal-invalid-transition`
   */
  note(id: number, progress: JournalProgress): JournalEntry;
  /**
   * Records the outcome. `unknown` keeps the row for recovery.
   * @throws StateStoreError `journal-not-found`, `journal-invalid-transition`
   */
  settle(id: number, outcome: JournalOutcome): JournalEntry;
  get(id: number): JournalEntry | undefined;
  /** Rows whose outcome is not final (`in-flight`, `unknown`), oldest first: for recovery. */
  listInFlight(): JournalEntry[];
  /** A run's rows in the order the calls were made. */
  listByRun(runId: number): JournalEntry[];
  /** Every row for an action key, oldest first: was this action already attempted? */
  listByAction(actionKey: ActionKey): JournalEntry[];
  /** History, newest first. */
  list(query?: JournalQuery): JournalEntry[];
}

/** Builds the SQLite journal over an open, migrated database. */
export function createJournalRepository(
  db: Database,
  clock: Clock,
  guard: JournalGuard,
): JournalRepository {
  const insert = db.prepare(`INSERT INTO journal (run_id, action_key, request_id, kind, step,
      customer_id, item, cart_id, order_ids, subscription_id, status, request, attempts,
      created_at, updated_at)
    VALUES (@runId, @actionKey, @requestId, @kind, @step, @customerId, @item, @cartId, @orderIds,
      @subscriptionId, @status, @request, @attempts, @now, @now)
    RETURNING *`);
  const byId = db.prepare<[number], JournalDbRow>('SELECT * FROM journal WHERE id = ?');
  const update = db.prepare(`UPDATE journal SET request_id = @requestId, cart_id = @cartId,
      order_ids = @orderIds, subscription_id = @subscriptionId, status = @status,
      response = @response, error_code = @errorCode, error_message = @errorMessage,
      attempts = @attempts, updated_at = @now, settled_at = @settledAt
    WHERE id = @id RETURNING *`);
  const unsettled = db.prepare<[], JournalDbRow>(
    "SELECT * FROM journal WHERE status IN ('in-flight', 'unknown') ORDER BY id",
  );
  const ofRun = db.prepare<[number], JournalDbRow>('SELECT * FROM journal WHERE run_id = ? ORDER BY id');
  const ofAction = db.prepare<[string], JournalDbRow>(
    'SELECT * FROM journal WHERE action_key = ? ORDER BY id',
  );
  const history = db.prepare<Record<string, unknown>, JournalDbRow>(`SELECT * FROM journal
    WHERE (@customerId IS NULL OR customer_id = @customerId)
      AND (@status IS NULL OR status = @status)
      AND (@beforeId IS NULL OR id < @beforeId)
    ORDER BY id DESC LIMIT @limit`);

  const rowFor = (intent: JournalIntent): string =>
    `the journal row for ${intent.actionKey} (${intent.step ?? intent.kind})`;
  const add = (
    intents: readonly JournalIntent[],
    status: 'planned' | 'in-flight',
  ): JournalEntry[] => {
    if (intents.length === 0) return [];
    const what = intents.length === 1 ? rowFor(intents[0] as JournalIntent) : `${intents.length} journal rows (${intents.map((i) => i.actionKey).join(', ')})`;
    const rows = guard.commit(what, () => {
      guard.fence();
      const now = clock.now().toISOString();
      return intents.map(
        (intent) =>
          insert.get({
            runId: intent.runId ?? null,
            actionKey: intent.actionKey,
            requestId: intent.requestId,
            kind: intent.kind,
            step: intent.step ?? null,
            customerId: intent.customerId,
            item: intent.item ?? null,
            cartId: intent.cartId ?? null,
            orderIds: JSON.stringify(mergeOrderIds(intent.orderIds ?? [])),
            subscriptionId: intent.subscriptionId ?? null,
            status,
            request: intent.request === undefined ? null : JSON.stringify(intent.request),
            attempts: status === 'planned' ? 0 : 1,
            now,
          }) as JournalDbRow,
      );
    });
    rows.forEach((row, i) =>
      assertWritten(guard.path, rowFor(intents[i] as JournalIntent), byId.get(row.id) !== undefined),
    );
    return rows.map(readJournalDbRow);
  };
  const addOne = (intent: JournalIntent, status: 'planned' | 'in-flight'): JournalEntry =>
    add([intent], status)[0] as JournalEntry;

  /** Read-check-write under the write lock, so two writers never interleave on a row. */
  const change = (
    id: number,
    to: JournalEntry['status'] | 'same',
    facts: JournalProgress & Partial<JournalOutcome>,
    flush: 'now' | 'with-next' = 'now',
  ): JournalEntry =>
    guard.commit(`the ${to === 'same' ? 'progress' : to} of journal row ${id}`, () => {
      // Re-sending (→ in-flight) commits intent again: only the lease holder may.
      if (to === 'in-flight') guard.fence();
      const row = byId.get(id);
      if (!row) throw journalNotFound(id);
      const entry = readJournalDbRow(row);
      const status = to === 'same' ? entry.status : to;
      if (to === 'same') assertJournalUnsettled(id, entry.status);
      else assertJournalTransition(id, entry.status, status);
      const now = clock.now().toISOString();
      const response = facts.response === undefined ? entry.response : facts.response;
      const final = status === 'succeeded' || status === 'failed';
      return readJournalDbRow(
        update.get({
          id,
          requestId: facts.requestId ?? entry.requestId,
          cartId: facts.cartId ?? entry.cartId ?? null,
          orderIds: JSON.stringify(mergeOrderIds(entry.orderIds, facts.orderIds)),
          subscriptionId: facts.subscriptionId ?? entry.subscriptionId ?? null,
          status,
          response: response === undefined ? null : JSON.stringify(response),
          errorCode: facts.errorCode ?? entry.errorCode ?? null,
          errorMessage: facts.errorMessage ?? entry.errorMessage ?? null,
          attempts: to === 'in-flight' ? entry.attempts + 1 : entry.attempts,
          now,
          settledAt: final ? now : null,
        }) as JournalDbRow,
      );
    }, { flush });

  return {
    recordPlanned: (intent) => addOne(intent, 'planned'),
    begin: (intent) => addOne(intent, 'in-flight'),
    beginMany: (intents) => add(intents, 'in-flight'),
    start: (id, progress = {}) => change(id, 'in-flight', progress),
    note: (id, progress) => change(id, 'same', progress),
    // An outcome lost to a power cut leaves the row in flight: recovery reads Partner Center
    // again, exactly as after a crash between the response and this write. So it reaches the
    // disk with the next commit (the next intent, the run's end) instead of waiting for it.
    settle: (id, outcome) => change(id, outcome.status, outcome, 'with-next'),
    get: (id) => {
      const row = byId.get(id);
      return row && readJournalDbRow(row);
    },
    listInFlight: () => unsettled.all().map(readJournalDbRow),
    listByRun: (runId) => ofRun.all(runId).map(readJournalDbRow),
    listByAction: (actionKey) => ofAction.all(actionKey).map(readJournalDbRow),
    list: (query = {}) =>
      history
        .all({
          customerId: query.customerId ?? null,
          status: query.status ?? null,
          beforeId: query.beforeId ?? null,
          limit: query.limit ?? 100,
        })
        .map(readJournalDbRow),
  };
}
