import { OperationalError } from '../support/index.js';

/**
 * Stable codes of the state store's thrown errors. Callers branch on `code`, never on text.
 *
 * - `state-schema-too-new`: the file was written by a newer Quartermaster (refuse, never downgrade).
 * - `state-schema-too-old`: a read-only open found a schema that a writer must migrate first.
 * - `state-corrupt`: the file is not a SQLite database or fails its integrity check.
 * - `state-damaged`: the file exists but is empty or shorter than its header says (truncated):
 *   never treated as a first run.
 * - `state-missing`: a read-only open found no state file (nothing recorded yet).
 * - `state-write-failed`: a write could not be committed (disk full, I/O error); nothing of it
 *   was kept, and the caller must not send the request it was about to journal.
 * - `state-unreadable`: the file or its directory cannot be opened (permissions, not a file, …).
 * - `state-migration-failed`: a migration threw; its transaction was rolled back.
 * - `lease-held`: another live writer holds the lease.
 * - `lease-lost`: renew by an owner that no longer holds the lease, or a journal write by a
 *   store whose lease was taken over or released (fenced).
 * - `journal-not-found`, `journal-invalid-transition`: misuse of the journal by the applier.
 * - `binding-conflict`: a live subscription is already bound to another spec item.
 * - `item-not-found`, `item-exists`: a hand repair (`qm state mv`) named a wrong key.
 * - `state-resharded`: the file is part of an unfinished `qm state reshard`, or its customers
 *   moved to another shard layout: no writer may take its lease.
 * - `state-reshard-refused`: `qm state reshard` cannot move the state as asked (layouts mixed,
 *   a destination not empty, an unknown table, a check that failed); nothing more was moved.
 */
export type StateErrorCode =
  | 'state-schema-too-new'
  | 'state-schema-too-old'
  | 'state-corrupt'
  | 'state-unreadable'
  | 'state-damaged'
  | 'state-missing'
  | 'state-write-failed'
  | 'state-migration-failed'
  | 'lease-held'
  | 'lease-lost'
  | 'journal-not-found'
  | 'journal-invalid-transition'
  | 'binding-conflict'
  | 'item-not-found'
  | 'item-exists'
  | 'state-resharded'
  | 'state-reshard-refused';

/** An operational failure of the state store. `code` is stable; the message says what to do. */
export class StateStoreError extends OperationalError {
  declare readonly code: StateErrorCode;

  constructor(code: StateErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'StateStoreError';
  }
}

/** The current lease holder, carried by a `lease-held` error so callers can render it. */
export interface LeaseHolder {
  /** The holder's random lease id. */
  readonly owner: string;
  /** `host pid N (command)`, for messages. */
  readonly describedAs: string;
  readonly acquiredAt: string;
  /** By the holder's clock: for display only, never compared with ours. */
  readonly expiresAt: string;
}

/** Thrown by `acquire` when another live writer holds the lease. */
export class LeaseHeldError extends StateStoreError {
  constructor(
    readonly holder: LeaseHolder,
    message: string,
  ) {
    super('lease-held', message);
    this.name = 'LeaseHeldError';
  }
}
