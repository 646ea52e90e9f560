/**
 * state/ — the agent's memory on better-sqlite3: schema migrations, observed snapshots, the
 * catalog cache, bindings, the write-ahead journal, plans and approvals, runs, the renewal
 * notices the daemon sent, the single-writer lease and the state serial. See
 * docs/state-store.md.
 *
 * May import: model/ and support/ only (lint enforces), plus better-sqlite3 and node built-ins.
 * Invariants:
 * - Every multi-statement write is one IMMEDIATE transaction; no transaction spans an await.
 * - A journal row returned by `begin` is committed (an explicit, checked transaction) and
 *   fsynced (WAL + synchronous=FULL) before the caller sends the request it describes, and only
 *   while this store's lease is current (fenced). Final rows never change.
 * - A file that exists but is damaged is an error, never a first run; `resetStateStore` starts
 *   again on purpose and records `reset_at`.
 * - Migrations are forward-only; a file written by a newer schema is refused, never touched.
 * - Time comes from the injected `Clock`.
 */
export * from './binding-repository.js';
export * from './catalog-cache.js';
export * from './price-cache.js';
export * from './in-flight-purchases.js';
export * from './journal-entry.js';
export * from './journal-repository.js';
export * from './lease-repository.js';
export * from './migrate.js';
export { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations/index.js';
export * from './plan-repository.js';
export * from './renewal-notice-repository.js';
export * from './refresh-mark-repository.js';
export * from './run-repository.js';
export * from './snapshot-repository.js';
export * from './state-error.js';
export * from './state-repairs.js';
export * from './state-store.js';
export * from './reset-state-store.js';
export * from './store-origin.js';
export * from './durable-commit.js';
export * from './shard-layout.js';
export * from './reshard.js';
export * from './reshard-choice.js';
export { describeReshardRefusal, type ReshardMark } from './reshard-mark.js';
export type { MovedRowInDoubt } from './reshard-copy.js';
