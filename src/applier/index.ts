/**
 * applier/ — executes a plan through the ports it declares (`ports.ts`): write-ahead journal,
 * bindings, and the Partner Center operations. Also settles what a crash left unsettled.
 *
 * May import: model/, support/. Never imports partnercenter/ or state/: app/ wires them in.
 * Invariants: a journal row is committed before every mutating call and settled after it; a
 * retried or re-driven call reuses its MS-RequestId; a checkout is only ever re-driven on the
 * same cart; apply does what the plan says and never re-plans.
 */
export * from './apply-plan.js';
export * from './complete-purchase.js';
export { changeFor, changeHolds, type ChangeAction } from './execute-change.js';
export { REGISTRATION_POLL } from './execute-registration.js';
export { productNameField, recordedProductName } from './journal-product-name.js';
export * from './ports.js';
export * from './recover.js';
export * from './results.js';
