/**
 * agent/import — adopting an existing estate (docs/cli-import.md): `qm import ID`,
 * `qm import --all` and `qm customers`. Reads Partner Center through the read port and never
 * writes to it; writes only bindings (one transaction per run, under the caller's lease). The
 * spec files themselves are written by spec/import, through the `write` the caller passes.
 */
export * from './bind-imported.js';
export * from './draft-subscriptions.js';
export * from './import-customer.js';
export * from './import-estate.js';
export * from './match-spec-items.js';
export * from './partner-customers.js';
export * from './read-skus.js';
