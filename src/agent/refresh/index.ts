/**
 * agent/refresh/ — incremental refresh (docs/scale.md "Incremental refresh"): which customers a
 * cycle reads from Partner Center and which it plans from the snapshot the state store kept,
 * driven by the audit feed, the agent's own journal and the deadlines the feed does not record.
 * Pure selection (`selectFreshCustomers`, `snapshotDue`) apart from the I/O around it
 * (`decideRefresh`, `startRefresh`), all through agent/ports.ts.
 */
export * from './refresh-for-plan.js';
export * from './select-fresh.js';
export * from './snapshot-due.js';
export * from './read-audit.js';
export * from './decide-refresh.js';
export * from './refresh-account.js';
