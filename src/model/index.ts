/**
 * model/ — the shared vocabulary: desired state (from specs), observed state (from Partner
 * Center), catalog, bindings, policy and the plan.
 *
 * May import: support/ only. Pure: no I/O, no clock, no randomness (lint enforces it).
 * Invariant: wire DTOs never appear here; `partnercenter/` maps them to these types.
 */
export * from './binding.js';
export * from './catalog.js';
export * from './desired.js';
export * from './ids.js';
export * from './live.js';
export * from './markets.js';
export * from './plan.js';
export * from './policy.js';
export * from './terms.js';
export * from './billing.js';
export * from './pricing.js';
export * from './promotion.js';
export * from './lifecycle.js';
export * from './audit.js';
export * from './refresh-account.js';
