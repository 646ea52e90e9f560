/**
 * sandbox/billing — invoices and reconciliation line items derived from what the sandbox holds:
 * a line per order line (`new`) and per later quantity change or cancellation (recorded by
 * `recordSubscriptionChange`), priced by the one sandbox price (`pricing/unit-price.ts`, what
 * the price sheets show), seat changes prorated (`proration.ts`), one monthly invoice per
 * currency, and a small PDF statement. See docs/partner-center-billing.md.
 *
 * May import: the rest of sandbox/, support/, model/. Invariants: everything is computed from
 * stored orders and billing events on each request (nothing to keep in sync), in a stable
 * order, so seek tokens stay valid while the data does not change.
 */
export { BILLING_ROUTES } from './billing-routes.js';
export { recordSubscriptionChange, type BillingEventRecord } from './billing-event-record.js';
export { listCharges, periodOf, type Charge } from './charges.js';
export { invoiceIdFor, issueInstant, listInvoices, type SandboxInvoice } from './invoices.js';
export { chargeAmount, cycleAt, type CycleAt } from './proration.js';
