import type { ActionKey, ActionKind, CustomerId, ItemKey, OrderId, SubscriptionId } from '../model/index.js';
import { StateStoreError } from './state-error.js';

/**
 * The journal's vocabulary, shared by the SQLite repository and any fake so both follow one
 * set of rules (the contract suite in test/state checks them against each other).
 */

export const JOURNAL_STATUSES = ['planned', 'in-flight', 'succeeded', 'failed', 'unknown'] as const;
/**
 * `planned`: recorded, not sent. `in-flight`: committed before the call; the call may have
 * happened. `unknown`: the call was sent but its outcome is not known (timeout, dropped
 * response): recovery re-reads or re-drives with the same MS-RequestId. `succeeded`/`failed`
 * are final.
 */
export type JournalStatus = (typeof JOURNAL_STATUSES)[number];

/** One mutating call to Partner Center, as the journal remembers it. */
export interface JournalEntry {
  readonly id: number;
  readonly runId?: number;
  readonly actionKey: ActionKey;
  /** The MS-RequestId sent; a retry of the same call reuses it. */
  readonly requestId: string;
  /** The plan action kind (`purchase`, `increase-quantity`, …) this call serves. */
  readonly kind: ActionKind | (string & {});
  /** Which call of the action this row guards (`create-cart`, `checkout`, `patch-subscription`, …). */
  readonly step?: string;
  readonly customerId: CustomerId;
  readonly item?: ItemKey;
  readonly cartId?: string;
  /** Every order id learned so far (checkout may split a cart into several orders). */
  readonly orderIds: readonly OrderId[];
  readonly subscriptionId?: SubscriptionId;
  readonly status: JournalStatus;
  /** Summary of what was sent (JSON), for history and recovery. Never secrets. */
  readonly request?: unknown;
  /** Summary of what came back (JSON). */
  readonly response?: unknown;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  /** How many times the call was sent (0 while `planned`). */
  readonly attempts: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly settledAt?: string;
}

/** What the applier knows before a call. */
export interface JournalIntent {
  readonly runId?: number;
  readonly actionKey: ActionKey;
  readonly requestId: string;
  readonly kind: ActionKind | (string & {});
  readonly step?: string;
  readonly customerId: CustomerId;
  readonly item?: ItemKey;
  readonly cartId?: string;
  readonly orderIds?: readonly OrderId[];
  readonly subscriptionId?: SubscriptionId;
  readonly request?: unknown;
}

/** Facts learned while a call is unsettled. Order ids are added to those known, never dropped. */
export interface JournalProgress {
  readonly requestId?: string;
  readonly cartId?: string;
  readonly orderIds?: readonly OrderId[];
  readonly subscriptionId?: SubscriptionId;
  readonly response?: unknown;
}

/** How a call ended. `unknown` keeps the row open for recovery. */
export interface JournalOutcome extends JournalProgress {
  readonly status: 'succeeded' | 'failed' | 'unknown';
  readonly errorCode?: string;
  readonly errorMessage?: string;
}

/** Filters for history. Results are newest first. */
export interface JournalQuery {
  readonly customerId?: CustomerId;
  readonly status?: JournalStatus;
  /** Only rows with an id below this (paging backwards). */
  readonly beforeId?: number;
  /** @default 100 */
  readonly limit?: number;
}

/**
 * `unknown` → `unknown` is allowed: a re-drive that fails again records its new error and
 * leaves the row in doubt. Refusing it would stop recovery — every apply and daemon tick for
 * the whole estate — over one row that already blocks its own item (issue 14, case 5).
 */
const TRANSITIONS: Readonly<Record<JournalStatus, readonly JournalStatus[]>> = {
  planned: ['in-flight', 'failed'],
  'in-flight': ['succeeded', 'failed', 'unknown'],
  unknown: ['in-flight', 'unknown', 'succeeded', 'failed'],
  succeeded: [],
  failed: [],
};

/** Statuses whose outcome is not final: recovery must look at them. */
export const UNSETTLED_STATUSES: readonly JournalStatus[] = ['in-flight', 'unknown'];

/**
 * Throws unless a row may move from `from` to `to`. Final rows never change: a journal that
 * could rewrite a `succeeded` purchase could forget money spent.
 * @throws StateStoreError `journal-invalid-transition`
 */
export function assertJournalTransition(id: number, from: JournalStatus, to: JournalStatus): void {
  if (TRANSITIONS[from].includes(to)) return;
  throw new StateStoreError(
    'journal-invalid-transition',
    `Journal row ${id} is ${from}; it cannot become ${to}.`,
  );
}

/**
 * Throws unless the row is unsettled (`in-flight`/`unknown`): only then may facts be noted.
 * @throws StateStoreError `journal-invalid-transition`
 */
export function assertJournalUnsettled(id: number, status: JournalStatus): void {
  if (UNSETTLED_STATUSES.includes(status)) return;
  throw new StateStoreError(
    'journal-invalid-transition',
    `Journal row ${id} is ${status}; facts can only be noted while it is in-flight or unknown.`,
  );
}

/** Order ids of `known` followed by new ones from `more`, without duplicates. */
export function mergeOrderIds(known: readonly OrderId[], more: readonly OrderId[] = []): OrderId[] {
  return [...new Set([...known, ...more])];
}

/** @throws StateStoreError `journal-not-found` */
export function journalNotFound(id: number): StateStoreError {
  return new StateStoreError('journal-not-found', `There is no journal row ${id}.`);
}
