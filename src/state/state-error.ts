import { OperationalError } from '../support/index.js';

/**
 * Stable codes of the state store's thrown errors. Callers branch on `code`, never on text.
 *
 * - `state-schema-too-new`: the file was written by a newer Quartermaster (refuse, never downgrade).
 * - `state-corrupt`: the file is not a SQLite database or fails its integrity check.
 * - `state-unreadable`: the file or its directory cannot be opened (permissions, not a file, …).
 * - `state-migration-failed`: a migration threw; its transaction was rolled back.
 * - `lease-held`: another live writer holds the lease.
 * - `lease-lost`: renew/release by an owner that no longer holds the lease.
 * - `journal-not-found`, `journal-invalid-transition`: misuse of the journal by the applier.
 * - `binding-conflict`: a live subscription is already bound to another spec item.
 */
export type StateErrorCode =
  | 'state-schema-too-new'
  | 'state-corrupt'
  | 'state-unreadable'
  | 'state-migration-failed'
  | 'lease-held'
  | 'lease-lost'
  | 'journal-not-found'
  | 'journal-invalid-transition'
  | 'binding-conflict';

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
  readonly owner: string;
  readonly acquiredAt: string;
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
