/**
 * sandbox/ — the embedded Partner Center emulator: a real HTTP server speaking the REST dialect
 * of Microsoft's documented examples (`docs/partner-center-api.md` §0: camelCase out, case-insensitive
 * bodies, `{code, description, data, source}` errors with a numeric code, NCE cart attestation,
 * an `extended` or `documented` dialect of fields), 429 + Retry-After, MS-RequestId replay, carts → order groups, checkout
 * idempotent per cart, orders hidden from the list for a while, NCE windows and renewals,
 * registrations, inventory, activation links, entitlements, the market block list, an activity
 * log of every change it makes at `GET /v1/auditrecords`), with a
 * controllable clock, fault injection and SQLite persistence. Routes, admin API, faults and
 * seed are documented in docs/sandbox.md.
 *
 * May import: support/ and model/ only (never partnercenter/: both follow the API document,
 * which is the contract). Plus node built-ins and better-sqlite3.
 * Invariants: every time-based rule reads the sandbox clock; a request costs O(the customer's
 * data), never a scan of all customers; every mutation is written through to SQLite inside the
 * request's transaction, and its stored response is what an `MS-RequestId` replay returns.
 */
export { createSandboxClock, type SandboxClock } from './clock.js';
export {
  FaultInjector,
  type ActiveFault,
  type FaultInput,
  type FaultKind,
  type FaultSpec,
} from './faults.js';
export {
  SANDBOX_TOKENS,
  type OutOfBandPurchase,
  type RequestLogEntry,
  type RunningSandbox,
  type SandboxAdmin,
  type SandboxDialect,
  type SandboxInspector,
  type SandboxOptions,
} from './options.js';
export type { Principal } from './router.js';
export { SandboxSeedError } from './seed/apply-seed.js';
export { defaultCatalog } from './seed/default-catalog.js';
export { SEED_CUSTOMERS, defaultSeed } from './seed/default-seed.js';
export { BLOCKED_MARKETS } from './seed/market-block-list.js';
export type {
  SandboxSeed,
  SeedCatalog,
  SeedCustomer,
  SeedProduct,
  SeedProductKind,
  SeedPromotion,
  SeedPromotionProduct,
  SeedSku,
  SeedSubscription,
  SeedTerm,
  SeedUpgradePath,
} from './seed/seed-types.js';
export { DEFAULT_UPGRADE_PATHS } from './engine/upgrade-paths.js';
export type {
  CartRecord,
  CustomerRecord,
  EntitlementRecord,
  OrderRecord,
  PromotionRecord,
  RegistrationRecord,
  SubscriptionRecord,
} from './store/records.js';
export { startSandbox } from './server.js';
