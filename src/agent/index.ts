/**
 * agent/ — the reconcile loop: refresh → plan → (confirm) → apply, under the single-writer
 * lease, with crash recovery first; the daemon's scheduler; saved-plan files.
 *
 * May import: app/ and every layer below. Nothing imports agent/ except cli/.
 * Invariants: level-based (each cycle reads the whole world in scope and plans from scratch);
 * a saved plan is applied only when it equals the fresh plan; only writers hold the lease.
 */
export * from './apply-cycle.js';
export * from './bind-pending.js';
export * from './compute-plan.js';
export * from './lease.js';
export * from './load-catalog.js';
export * from './plan-file.js';
export * from './refresh.js';
export * from './scheduler.js';
export * from './import-customer.js';
export * from './status-report.js';
export * from './daemon/index.js';
