/**
 * agent/ — the reconcile loop: recover → bind → refresh → plan → (confirm) → apply, under the
 * single-writer lease, assembled in one place (`runCycle`); the daemon loop and scheduler;
 * saved-plan files. It works through the ports it declares (`ports.ts`), which app/ builds.
 *
 * May import: app/ and every layer below, but state/ and partnercenter/ for types only (lint
 * enforces). Nothing imports agent/ except cli/.
 * Invariants: level-based (each cycle plans from scratch over the whole world in scope: read,
 * or — incremental refresh, agent/refresh/ — from snapshots the audit feed vouches for);
 * a saved plan is applied only when it equals the fresh plan; only the lease holder writes
 * (a reader records what it saw under a brief lease, or not at all); the serial moves only in
 * `commitStateChange`.
 */
export * from './cycle.js';
export * from './bind-pending.js';
export * from './commit-state-change.js';
export * from './compute-plan.js';
export * from './lease.js';
export * from './ports.js';
export * from './load-catalog.js';
export * from './plan-file.js';
export * from './plan-staleness.js';
export * from './refresh.js';
export * from './scheduler.js';
export * from './import/index.js';
export * from './status/index.js';
export * from './product-names.js';
export * from './daemon/index.js';
export * from './promotions/find-promotions.js';
export * from './pricing/index.js';
export * from './renewals/index.js';
