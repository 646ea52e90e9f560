/**
 * agent/billing — billing reconciliation for `qm billing`: the agent's purchases and quantity
 * changes (from the journal) matched to Partner Center's reconciliation line items (billed and
 * unbilled) for one month, with totals per currency. See docs/billing.md.
 *
 * May import: app/, partnercenter/, state/, model/, support/ (agent/ rules). Invariants:
 * read-only (no mutating call, no journal write); `reconcileBilling` is pure.
 */
export { buildBillingReport, type BillingReportRequest } from './build-billing-report.js';
export { collectAgentCharges } from './collect-agent-charges.js';
export {
  fetchBillingData,
  invoicePeriod,
  type BillingData,
  type FetchBillingOptions,
} from './fetch-billing-data.js';
export { reconcileBilling, type BillingInput } from './reconcile-billing.js';
export {
  hasBillingDiscrepancies,
  renderBillingHuman,
  renderBillingJson,
} from './render-billing-report.js';
