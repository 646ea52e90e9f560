import type { Dispatcher } from 'undici';
import { systemClock, type Clock } from '../support/index.js';
import type { TokenSource } from './auth/token-source.js';
import { createCaller, newGuid, type CallEvent } from './caller.js';
import { createCatalogViewBuilder, type CatalogViewBuilder } from './catalog-view.js';
import { createAuditRecordsApi, type AuditRecordsApi } from './endpoints/audit-records.js';
import { createBillingApi, type BillingApi } from './endpoints/billing.js';
import { createCartsApi, type CartsApi } from './endpoints/carts.js';
import { createCatalogApi, type CatalogApi } from './endpoints/catalog.js';
import { createCustomersApi, type CustomersApi } from './endpoints/customers.js';
import {
  createCustomTermEndDatesApi,
  type CustomTermEndDatesApi,
} from './endpoints/custom-term-end-dates.js';
import {
  createActivationLinksApi,
  createEntitlementsApi,
  type ActivationLinksApi,
  type EntitlementsApi,
} from './endpoints/entitlements.js';
import { createInventoryApi, type InventoryApi } from './endpoints/inventory.js';
import { createOrdersApi, type OrdersApi } from './endpoints/orders.js';
import { createPromotionsApi, type PromotionsApi } from './endpoints/promotions.js';
import { createRegistrationsApi, type RegistrationsApi } from './endpoints/registrations.js';
import { RecentReads } from './endpoints/recent-reads.js';
import { createSubscriptionsApi, type SubscriptionsApi } from './endpoints/subscriptions.js';
import { createTransitionsApi, type TransitionsApi } from './endpoints/transitions.js';
import { createRateLimiter } from './rate-limiter.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import { createDispatcher } from './transport.js';

export interface PartnerCenterClientOptions {
  /** API root without `/v1`, e.g. `https://api.partnercenter.microsoft.com` or a sandbox URL. */
  readonly baseUrl: string;
  readonly tokenSource: TokenSource;
  /** All waiting (backoff, Retry-After, rate budget, 202 polling) uses it. @default systemClock */
  readonly clock?: Clock;
  /** Per-attempt timeout (wall time: it guards the socket). @default 30000 */
  readonly timeoutMs?: number;
  /** Overrides of {@link DEFAULT_RETRY_POLICY}. */
  readonly retry?: Partial<RetryPolicy>;
  /** Client-side budget per route family. @default 500 (orders/subscriptions limit, §1.7) */
  readonly rateLimitPerMinute?: number;
  /** `MS-PartnerCenter-Application`. @default 'Quartermaster' */
  readonly applicationName?: string;
  /** undici dispatcher (a MockAgent in tests). @default a pooled keep-alive Agent */
  readonly dispatcher?: Dispatcher;
  /** MS-RequestId generator for calls not given one. @default random GUID */
  readonly newRequestId?: () => string;
  /** Reports every HTTP attempt (for counting calls and errors). */
  readonly onCall?: (event: CallEvent) => void;
  /** 202 polling interval. @default 5000 */
  readonly pollIntervalMs?: number;
  /** 202 polls before giving up with `poll-timeout`. @default 60 */
  readonly maxPolls?: number;
  /**
   * How long a subscription read (list/get) may stand in for the GET before a PATCH; 0 always
   * GETs first. A subscription changed since its read fails the PATCH with 2055 (`etag-stale`).
   * @default 600000 (10 min)
   */
  readonly recentReadTtlMs?: number;
  /** How long catalog facts stay cached for `catalog.buildView`. @default 900000 (15 min) */
  readonly catalogTtlMs?: number;
}

/** The typed Partner Center client: one function per operation, model types in and out. */
export interface PartnerCenterClient {
  readonly customers: CustomersApi;
  readonly catalog: CatalogApi & { readonly buildView: CatalogViewBuilder };
  readonly inventory: InventoryApi;
  readonly carts: CartsApi;
  readonly orders: OrdersApi;
  readonly subscriptions: SubscriptionsApi;
  readonly registrations: RegistrationsApi;
  readonly entitlements: EntitlementsApi;
  readonly activationLinks: ActivationLinksApi;
  /** Invoices, balance and reconciliation line items. */
  readonly billing: BillingApi;
  /** New-commerce promotions and the eligibility check (docs/partner-center-api.md "Promotions"). */
  readonly promotions: PromotionsApi;
  /** Upgrades: eligibilities, transitions and their events (docs/partner-center-api.md §5.5). */
  readonly transitions: TransitionsApi;
  /** End dates a new purchase may co-term to (docs/partner-center-api.md "Co-terming"). */
  readonly customTermEndDates: CustomTermEndDatesApi;
  /** The activity log, streamed page by page (docs/partner-center-api.md "Audit records"). */
  readonly auditRecords: AuditRecordsApi;
  /**
   * Partner Center's clock minus the client's (ms), from the `Date` header of the newest
   * response that carried one; `undefined` before any did. `Date` has one-second resolution.
   */
  serverClockSkewMs(): number | undefined;
  /** Closes the pooled connections when the client built its own dispatcher. */
  close(): Promise<void>;
}

/** Creates a client. Nothing is sent until an operation is called. */
export function createPartnerCenterClient(
  options: PartnerCenterClientOptions,
): PartnerCenterClient {
  const clock = options.clock ?? systemClock;
  const ownDispatcher = options.dispatcher === undefined;
  const dispatcher = options.dispatcher ?? createDispatcher();
  let skewMs: number | undefined;
  const onCall = (event: CallEvent): void => {
    const server = event.serverDate === undefined ? NaN : Date.parse(event.serverDate);
    if (!Number.isNaN(server)) skewMs = server - clock.now().getTime();
    options.onCall?.(event);
  };
  const call = createCaller({
    baseUrl: options.baseUrl,
    tokenSource: options.tokenSource,
    clock,
    timeoutMs: options.timeoutMs ?? 30_000,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    limiter: createRateLimiter(clock, options.rateLimitPerMinute ?? 500),
    applicationName: options.applicationName ?? 'Quartermaster',
    dispatcher,
    newRequestId: options.newRequestId ?? newGuid,
    onCall,
  });
  const catalog = createCatalogApi(call);
  return {
    customers: createCustomersApi(call),
    catalog: {
      ...catalog,
      buildView: createCatalogViewBuilder(catalog, clock, options.catalogTtlMs ?? 900_000),
    },
    inventory: createInventoryApi(call),
    carts: createCartsApi(call),
    orders: createOrdersApi(call),
    subscriptions: createSubscriptionsApi(call, {
      clock,
      recent: new RecentReads(clock, options.recentReadTtlMs ?? 600_000),
      pollIntervalMs: options.pollIntervalMs ?? 5_000,
      maxPolls: options.maxPolls ?? 60,
    }),
    registrations: createRegistrationsApi(call),
    entitlements: createEntitlementsApi(call),
    activationLinks: createActivationLinksApi(call),
    billing: createBillingApi(call),
    promotions: createPromotionsApi(call),
    transitions: createTransitionsApi(call),
    customTermEndDates: createCustomTermEndDatesApi(call),
    auditRecords: createAuditRecordsApi(call),
    serverClockSkewMs: () => skewMs,
    close: () => (ownDispatcher ? dispatcher.close() : Promise.resolve()),
  };
}
