/**
 * sandbox/audit — the sandbox's activity log (docs/sandbox.md "Audit records"): every change it
 * commits — an order created (checkout, an out-of-band purchase), a subscription updated
 * (quantity, autorenew, status, nickname, scheduled instructions), a transition, a customer
 * added — is appended with the sandbox clock's instant, the actor (the API caller, or
 * `admin@portal` for the admin API) and the resource before and after; `GET /v1/auditrecords`
 * serves it (routes/audit-routes.ts). Renewals and expiries are not recorded: Partner Center
 * has no operation type for them (docs/partner-center-api.md "Audit records").
 *
 * May import: the rest of sandbox/, support/, model/. Invariants: records are appended inside the
 * request's transaction, so a rolled-back or replayed request records nothing; a page costs
 * O(page), never a scan of the log.
 */
export { apiActor, PORTAL_ACTOR, SANDBOX_API_USER, type AuditActor } from './audit-actor.js';
export { auditLogOf, type AuditEntry } from './audit-log.js';
export {
  pascalJson,
  recordCustomerAdded,
  recordOrderCreated,
  recordSubscriptionUpdated,
  recordTransition,
} from './record-audit.js';
export { updateSubscriptionInPortal } from './portal-update.js';
