import type { ApplierPorts } from '../applier/index.js';
import type { AgentConfig } from '../config/index.js';
import type {
  AllowedCustomTermEndDate,
  AuditQuery,
  AuditRecord,
  Binding,
  CustomTermEndDateQuery,
  EligibilityType,
  SubscriptionId,
  TransitionEligibility,
  CatalogAvailability,
  CatalogSku,
  CustomerId,
  InFlightPurchase,
  Invoice,
  ItemKey,
  LiveEntitlement,
  LiveOrder,
  LiveRegistration,
  LiveSubscription,
  ObservedCustomer,
  Plan,
  CachedPriceSheet,
  PriceRow,
  PriceSource,
  PricesheetView,
  Promotion,
  PromotionEligibility,
  PromotionEligibilityQuery,
  ReconLineItem,
  UnreadableResource,
} from '../model/index.js';
import type { PartnerCustomer } from '../partnercenter/index.js';
import type { CatalogEntryRef } from '../planner/index.js';
import type {
  CustomerCoverage,
  JournalEntry,
  JournalQuery,
  LeaseClaim,
  NoticeMark,
  NoticeRecordInput,
  RecordedNotice,
  RefreshMark,
  RefreshRecord,
  RunOutcome,
} from '../state/index.js';
import type { Clock } from '../support/index.js';

/**
 * The ports the reconcile loop needs, owned here (STYLE §5): `app/` builds them from the
 * Partner Center client and the state store and only wires them; agent/ never touches either
 * directly (ESLint forbids importing their values). Each port holds only what agent/ calls.
 * The state types named here are re-exported vocabulary, not a dependency on the store.
 */
export type {
  CustomerCoverage,
  RefreshMark,
  RefreshRecord,
  JournalEntry,
  JournalQuery,
  LeaseClaim,
  NoticeMark,
  NoticeRecordInput,
  RecordedNotice,
  RunOutcome,
};

/** What a failed read means, for a customer skipped this cycle. */
export interface ReadFailure {
  readonly code: string;
  readonly message: string;
}

/** Partner Center reads: refresh, catalog, import and billing. Nothing here writes. */
export interface PartnerCenterReadPort {
  /** The subscription list, tolerant per item (what does not map is in `unreadable`). */
  readSubscriptions(customerId: CustomerId): Promise<{
    readonly subscriptions: readonly LiveSubscription[];
    readonly unreadable: readonly UnreadableResource[];
  }>;
  /** The strict subscription list (`qm import`). */
  listSubscriptions(customerId: CustomerId): Promise<readonly LiveSubscription[]>;
  /**
   * Forgets the remembered subscription reads of these customers (kept so a PATCH needs no GET)
   * except those in `keep`: a planned batch keeps only what its actions change.
   */
  keepRecentReads?(customerIds: ReadonlySet<string>, keep: ReadonlySet<string>): void;
  /**
   * The partner's customers (`GET /v1/customers`, seek paging by `MS-ContinuationToken`;
   * `qm customers`, `qm import --all`). `pageSize` is the `size` of each page (default 100).
   */
  listCustomers(options?: { readonly pageSize?: number }): Promise<readonly PartnerCustomer[]>;
  /** One customer with its billing country (`GET /v1/customers/{id}`; `qm import`). */
  getCustomer(customerId: CustomerId): Promise<PartnerCustomer>;
  listOneTimeOrders(customerId: CustomerId): Promise<readonly LiveOrder[]>;
  /** `undefined` when the token cannot read entitlements (they need App+User). */
  listEntitlements(customerId: CustomerId): Promise<readonly LiveEntitlement[] | undefined>;
  registrationStatus(
    customerId: CustomerId,
    azureSubscriptionId: string,
  ): Promise<LiveRegistration>;
  /** SKUs and availabilities of these catalog entries. */
  readCatalog(refs: readonly CatalogEntryRef[]): Promise<{
    readonly skus: readonly CatalogSku[];
    readonly availabilities: readonly CatalogAvailability[];
  }>;
  /** Partner Center's clock minus ours, from the last response's `Date` header. */
  serverClockSkewMs(): number | undefined;
  /** The code and message of a failed read (a customer skipped this cycle). */
  describeReadFailure(error: unknown): ReadFailure;
  listInvoices(): Promise<readonly Invoice[]>;
  billedLineItems(
    invoiceId: string,
    paging: { pageSize?: number },
  ): Promise<readonly ReconLineItem[]>;
  unbilledLineItems(
    currency: string,
    period: 'current' | 'previous',
    paging: { pageSize?: number },
  ): Promise<readonly ReconLineItem[]>;
  /** Currencies with a balance; none when the token may not read summaries (App+User only). */
  summaryCurrencies(): Promise<readonly string[]>;
  /** New-commerce promotions; absent: no promotion is looked up (agent/promotions). */
  readonly promotions?: PromotionsPort;
  /** `transitioneligibilities` of one subscription (issue 16: changes at renewal, upgrades). */
  transitionEligibilities?(
    customerId: CustomerId,
    subscriptionId: SubscriptionId,
    type: EligibilityType,
  ): Promise<readonly TransitionEligibility[]>;
  /**
   * The `customTermEndDate`s a new purchase may set (`GET …/subscriptions/customTermEndDates`,
   * issue 16: `coterm`); absent: nothing is co-termed (agent/coterm).
   */
  customTermEndDates?(
    customerId: CustomerId,
    query: CustomTermEndDateQuery,
  ): Promise<readonly AllowedCustomTermEndDate[]>;
  /**
   * Partner Center's activity log (`GET /v1/auditrecords`, ≤ 30 days a query), page by page,
   * for incremental refresh (agent/refresh/); absent: every cycle reads every customer.
   */
  readonly auditRecordPages?: (
    query: AuditQuery,
  ) => AsyncIterable<{ readonly records: readonly AuditRecord[] }>;
}

/** Promotion reads (docs/partner-center-api.md "Promotions"). Nothing here writes. */
export interface PromotionsPort {
  /** The promotions running now in a market (segment `commercial`). */
  list(country: string): Promise<readonly Promotion[]>;
  /** One result per query (625 requests/min per partner: one call per customer). */
  verifyEligibility(
    customerId: CustomerId,
    queries: readonly PromotionEligibilityQuery[],
  ): Promise<readonly PromotionEligibility[]>;
}

/** The journal as agent/ reads it (history, billing, activation links). */
export interface JournalReader {
  list(query?: JournalQuery): JournalEntry[];
}

/** What `qm status` reads: the store's memory, never the network. */
export interface StateReadPort {
  readonly snapshots: {
    list(): ObservedCustomer[];
    get(customerId: CustomerId): ObservedCustomer | undefined;
  };
  readonly catalog: { get(ref: CatalogEntryRef): { readonly value: unknown } | undefined };
  readonly bindings: {
    list(): Binding[];
    listByCustomer(customerId: CustomerId): Binding[];
    get(customerId: CustomerId, item: ItemKey): Binding | undefined;
  };
  readonly journal: JournalReader;
  listInFlightPurchases(): InFlightPurchase[];
  currentSerial(): number;
  resetAt(): string | undefined;
}

/** The single-writer lease (docs/decisions.md). */
export interface LeasePort {
  /** A fresh random claim for `command`. */
  newClaim(command: string): LeaseClaim;
  /** @throws the store's `lease-held` error naming the holder */
  acquire(claim: LeaseClaim, ttlMs: number): unknown;
  /** @throws the store's `lease-lost` error once another writer took over */
  renew(claim: LeaseClaim, ttlMs: number): unknown;
  release(claim: LeaseClaim): boolean;
}

/** Everything the reconcile loop reads and writes in the state store. */
export interface AgentStatePort extends StateReadPort {
  readonly snapshots: StateReadPort['snapshots'] & {
    upsertMany(observed: readonly ObservedCustomer[]): void;
  };
  readonly catalog: StateReadPort['catalog'] & {
    put(ref: CatalogEntryRef, value: unknown, ttlMs: number): unknown;
  };
  readonly bindings: StateReadPort['bindings'] & { put(binding: Binding): void };
  readonly plans: { save(plan: Plan): { readonly id: string } };
  readonly runs: {
    start(command: string, owner: string): { readonly id: number };
    end(id: number, outcome: RunOutcome, counts?: Readonly<Record<string, number>>): unknown;
  };
  readonly lease: LeasePort;
  readonly renewalNotices: RenewalNoticePort;
  /** Incremental refresh's marks (agent/refresh/); absent: every cycle reads every customer. */
  readonly refreshMarks?: RefreshMarkPort;
  /** Adds one to the serial plans record (checked commit); see `commitStateChange`. */
  bumpSerial(): number;
  /** Runs `fn` in one transaction: all of it commits or none. `fn` must not await. */
  transaction<T>(fn: () => T): T;
}

/**
 * What incremental refresh remembers in the state store (docs/scale.md "Incremental refresh"):
 * the file's audit mark and, per customer, until when its snapshot is known current.
 */
export interface RefreshMarkPort {
  mark(): RefreshMark | undefined;
  listCoverage(): ReadonlyMap<CustomerId, CustomerCoverage>;
  /** Customers with journal rows unsettled or written at or after `since`. */
  customersJournalledSince(since: string): CustomerId[];
  /** One transaction; callers write it through the lease with the snapshots it vouches for. */
  record(input: RefreshRecord): void;
}

/**
 * Renewal-decision notices the daemon recorded (agent/daemon/renewal-notice-tick.ts; schema 5):
 * a notice is sent only for a mark not recorded yet, so a restart never sends one again.
 * Writes go through the lease (`writeUnderBriefLease`).
 */
export interface RenewalNoticePort {
  has(mark: NoticeMark): boolean;
  /** One transaction; returns the marks it recorded (those not recorded before). */
  record(
    rows: readonly NoticeRecordInput[],
    options: { readonly delivered: boolean },
  ): NoticeMark[];
  /** Notices the webhook has not taken yet whose renewal is after `now`, oldest first. */
  listUndelivered(now: Date): readonly RecordedNotice[];
  markDelivered(marks: readonly NoticeMark[]): void;
  /** Succeeded journal rows of these kinds settled at or after `since`, oldest first. */
  listSucceededJournalRows(kinds: readonly string[], since: Date): readonly JournalEntry[];
}

/** Where a state file's shard layout is recorded and what other state files hold. */
export interface ShardLayoutPort {
  /** The layout recorded in the state file at `path`; `undefined` when none or no file. */
  read(path: string): string | undefined;
  /** Records `layout` in the state file at `path` unless one is recorded already. */
  record(path: string, layout: string): void;
  /** Customers with bindings or journal rows in the state file at `path` ([] when none). */
  customersWithHistory(path: string): readonly string[];
}

/**
 * Price sheets (docs/pricing.md): downloads through the pricing client, cached in the state
 * store. Absent when `partnerCenter.pricing` is not configured (plans are unpriced).
 */
export interface PricingPort {
  /** The views read per market (`partnerCenter.pricing.views`). */
  readonly views: readonly PricesheetView[];
  /** Every cached sheet. */
  listSheets(): readonly CachedPriceSheet[];
  /** Cached rows of one product/SKU in a market, in sheet order, each with its sheet. */
  findRows(
    market: string,
    productId: string,
    skuId: string,
  ): readonly { readonly source: PriceSource; readonly row: PriceRow }[];
  /**
   * Downloads `source` (streaming) and makes it the cached copy, every write through `write`
   * (a skipped write stores nothing, the download is still read to its end); the rows `keep`
   * accepts come back in `kept`, so a plan has its prices even when nothing could be stored.
   * @throws the client's error; the cached copy from before stays.
   */
  fetchSheet(
    source: PriceSource,
    write: <T>(fn: () => T) => T | undefined,
    keep: (row: PriceRow) => boolean,
  ): Promise<{
    readonly stored: boolean;
    readonly rows: number;
    readonly kept: readonly PriceRow[];
  }>;
  /** The code and message of a failed download (for the plan's price notes). */
  describeFailure(error: unknown): ReadFailure;
}

/** What a reconcile cycle works with; `App` (app/) provides it. */
export interface AgentPorts {
  readonly config: AgentConfig;
  readonly clock: Clock;
  /** Where Partner Center is, for messages. */
  readonly endpoint: { readonly baseUrl: string };
  readonly state: AgentStatePort;
  readonly reads: PartnerCenterReadPort;
  /** Price sheets; absent when `partnerCenter.pricing` is not configured. */
  readonly pricing?: PricingPort;
  /** The applier's ports, journalling under `runId`. */
  applierPorts(runId: number | undefined): ApplierPorts;
}
