import type { SandboxClock } from './clock.js';
import type { FaultInjector } from './faults.js';
import type { Principal } from './router.js';
import type { SandboxSeed, SeedCustomer } from './seed/seed-types.js';
import type {
  CartRecord,
  CustomerRecord,
  EntitlementRecord,
  OrderRecord,
  RegistrationRecord,
  SubscriptionRecord,
} from './store/records.js';

/**
 * Which wire shapes the sandbox renders. `extended` (the default) renders the documented
 * examples plus the fields the .NET SDK models add (`refundableQuantity`,
 * `cancellationAllowedUntilDate`, lower-case enums everywhere); `documented` renders only what
 * Microsoft's documented examples show for each resource. The rules enforced are identical.
 */
export type SandboxDialect = 'extended' | 'documented';

export interface SandboxOptions {
  /** @default 0 (ephemeral) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** SQLite file, or `':memory:'`. @default ':memory:' */
  dbPath?: string;
  /** Applied only when the database is new. @default defaultSeed() */
  seed?: SandboxSeed;
  /** @default createSandboxClock() (wall time + adjustable offset, persisted in the database) */
  clock?: SandboxClock;
  /** How long a new order stays out of the orders list. @default 15 * 60_000 */
  orderListDelayMs?: number;
  /** How long new subscriptions stay invisible and orders `pending`. @default 0 */
  provisioningDelayMs?: number;
  /** How long a registration stays `Registering`. @default 0 */
  registrationDelayMs?: number;
  /** Requests per minute per route family and customer; 0 disables. @default 500 */
  rateLimitPerMinute?: number;
  /** Share (0..1) of subscription PATCHes answered 202 + Location. @default 0 */
  asyncPatchShare?: number;
  /** Wire shapes to render (see `SandboxDialect`); not stored in the database. @default 'extended' */
  dialect?: SandboxDialect;
  /** Extra bearer tokens and the principal each stands for (added to `SANDBOX_TOKENS`). */
  tokens?: Record<string, Principal>;
}

/** The built-in bearer tokens: App+User (what `auth: none` sends) and app-only. */
export const SANDBOX_TOKENS = {
  appUser: 'sandbox-app-user-token',
  appOnly: 'sandbox-app-only-token',
} as const;

/** One `/v1` request as the server saw it. */
export interface RequestLogEntry {
  readonly method: string;
  /** Path without query string. */
  readonly path: string;
  /** `METHOD /v1/pattern` of the matched route, when one matched. */
  readonly route?: string;
  readonly status: number;
  readonly requestId?: string;
  /** Sandbox-clock instant the request arrived. */
  readonly at: string;
  /** The response was replayed from an earlier request with the same `MS-RequestId`. */
  readonly replayed?: boolean;
}

/** Read-only views for tests. Subscription views are settled (renewals applied) first. */
export interface SandboxInspector {
  customers(): CustomerRecord[];
  customer(id: string): CustomerRecord | undefined;
  /** Every subscription, including ones still hidden by the provisioning delay. */
  subscriptions(customerId?: string): SubscriptionRecord[];
  /** Every order, including ones still hidden from the list. */
  orders(customerId?: string): OrderRecord[];
  carts(customerId?: string): CartRecord[];
  registrations(customerId?: string): RegistrationRecord[];
  entitlements(customerId?: string): EntitlementRecord[];
  requests(): readonly RequestLogEntry[];
  /** Calls per route (`METHOD /v1/pattern`), unmatched paths under `METHOD (unmatched)`. */
  callCounts(): Record<string, number>;
  /** Clears the request log and call counts. */
  resetLog(): void;
}

/** An out-of-band purchase: a subscription bought outside the agent (e.g. in the portal). */
export interface OutOfBandPurchase {
  readonly productId: string;
  readonly skuId: string;
  readonly quantity: number;
  readonly termDuration?: 'P1M' | 'P1Y' | 'P3Y';
  readonly billingCycle?: string;
  readonly autoRenewEnabled?: boolean;
  readonly friendlyName?: string;
  /** @default a new GUID */
  readonly id?: string;
  /** @default now */
  readonly purchasedAt?: string;
}

export interface SandboxAdmin {
  /** Adds (or replaces) a customer with optional subscriptions. Cheap: O(1) inserts. */
  seedCustomer(customer: SeedCustomer): void;
  /** Creates a subscription and its order directly, visible at once. Throws on a bad SKU. */
  createSubscription(customerId: string, purchase: OutOfBandPurchase): SubscriptionRecord;
  /**
   * Changes a subscription as a partner admin would in the portal (a partial Subscription body,
   * any key casing: `quantity`, `autoRenewEnabled`, `status`, `friendlyName`,
   * `scheduledNextTermInstructions`), with the API's rules but no etag, billed and recorded in
   * the activity log as `admin@portal`. Returns the record after the change.
   * @throws PcHttpError when Partner Center would refuse the change.
   */
  updateSubscription(
    customerId: string,
    subscriptionId: string,
    change: unknown,
  ): SubscriptionRecord;
  /** Renews/expires every due subscription now; returns how many changed. */
  runRenewals(): number;
  /** Runs `fn` in one database transaction (fast bulk seeding). */
  transaction<T>(fn: () => T): T;
}

export interface RunningSandbox {
  /** API root without `/v1`, e.g. `http://127.0.0.1:43123`. */
  readonly url: string;
  readonly clock: SandboxClock;
  readonly faults: FaultInjector;
  readonly state: SandboxInspector;
  readonly admin: SandboxAdmin;
  /** Stops listening, drops open connections and closes the database. */
  close(): Promise<void>;
}
