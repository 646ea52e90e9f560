import type { ActionKey, CustomerId, ItemKey, SubscriptionId } from './ids.js';
import type { DriftPolicy, PurchaseKind, ReservationScope, SourceRef } from './desired.js';
import type { PriceSource } from './pricing.js';
import type { RefreshAccount } from './refresh-account.js';
import type { BillingCycle, Term } from './terms.js';

/**
 * The plan: plain data, deterministic for the same inputs, serialisable to a file
 * (docs/plan-format.md; the JSON shape is documented in docs/plan-format.md).
 */

/** 2: `basis.customers` (per-customer digests) decides staleness; version 1 plans are refused. */
export const PLAN_FORMAT_VERSION = 2;

export const ACTION_KINDS = [
  'purchase',
  'register-azure-subscription',
  'increase-quantity',
  'decrease-quantity',
  'schedule-decrease',
  'schedule-change',
  'upgrade',
  'set-autorenew',
  'cancel',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const BLOCKED_CODES = [
  'window-closed',
  'autorenew-off',
  'sku-limits',
  'no-availability',
  'unknown-product',
  'immutable-purchase',
  'in-flight',
  'policy-limit',
  'circuit-breaker',
  'adopt-required',
  'ambiguous-match',
  'not-active',
  'prerequisite',
  'window-unknown',
  'clock-skew',
  'unreadable-live-state',
  'state-reset',
  'not-eligible',
] as const;
export type BlockedCode = (typeof BLOCKED_CODES)[number];

/**
 * Blocked codes that are mistakes in the spec, not waiting states (docs/plan-format.md): their
 * entries carry `source`, `qm plan` prints them as diagnostics and exits 1, `apply`/`run` apply
 * the rest and report them.
 */
export const SPEC_ERROR_CODES = [
  'unknown-product',
  'sku-limits',
  'no-availability',
] as const satisfies readonly BlockedCode[];

/** True for a blocked entry that is a spec error ({@link SPEC_ERROR_CODES}). */
export function isSpecError(entry: Pick<BlockedEntry, 'code'>): boolean {
  return (SPEC_ERROR_CODES as readonly BlockedCode[]).includes(entry.code);
}

interface ActionBase {
  readonly key: ActionKey;
  readonly customerId: CustomerId;
  readonly customerName: string;
  /** The spec key this action serves. */
  readonly item: ItemKey;
  /** One line, for humans: why this action is in the plan. */
  readonly reason: string;
  /** Actions that must succeed first (registration → reservation, base → add-on). */
  readonly dependsOn?: readonly ActionKey[];
  /**
   * The product's name, for humans: the catalog SKU's title in the customer's country, else the
   * live subscription's friendly name; absent when unknown, and on registrations. Display only:
   * not part of `key`.
   */
  readonly productName?: string;
  /** The money this action moves, when its price is known (docs/money.md). Not part of `key`. */
  readonly cost?: ActionCost;
}

/**
 * An action's money (DESIGN §5, docs/money.md), in the currency of the customer's market. All
 * amounts are signed (a decrease is negative) and rounded to the currency's minor unit.
 */
export interface ActionCost {
  readonly currency: string;
  /** The price of one unit for one billing charge (the price sheet's `UnitPrice`). */
  readonly unitPrice: number;
  /** What one charge covers, as an ISO 8601 duration: `P1M`, `P1Y`, `P3Y` (one-time: the term; `once` without one). */
  readonly per: string;
  /** The change of the monthly run rate (from the renewal date for scheduled changes). */
  readonly monthlyDelta: number;
  /** The money committed for the rest of the current term by this action (0 where none). */
  readonly commitment: number;
  /** What the next invoice carries for this action (a refund is negative; 0 for scheduled changes). */
  readonly charge: number;
  /** The money a decrease or cancel inside its window returns (positive). */
  readonly refund?: number;
  /** The price at renewal (the `future` sheet), when it differs from today's. */
  readonly next?: { readonly unitPrice: number; readonly source: PriceSource };
  /** A promotion's saving on this purchase's first term (positive). */
  readonly promotionSaving?: number;
  readonly source: PriceSource;
}

/** Money totals of one currency (`summary.cost[currency]`). */
export interface CurrencyCost {
  readonly monthlyDelta: number;
  readonly commitment: number;
  readonly charge: number;
  readonly refund: number;
  readonly actions: number;
}

/**
 * `summary.cost`: totals keyed by currency code, plus `unpriced`, the count of purchases and seat
 * changes whose price is unknown (DESIGN §5).
 */
export type PlanCost = { readonly unpriced: number } & {
  readonly [currency: string]: CurrencyCost | number;
};

/** A customer's monthly run rate of its managed subscriptions, before and after the plan. */
export interface CustomerRunRate {
  readonly customerId: CustomerId;
  readonly customerName: string;
  readonly currency: string;
  /** Today's monthly run rate of the priced managed subscriptions. */
  readonly previous: number;
  /** After every action of the plan (scheduled changes included). */
  readonly next: number;
  readonly diff: number;
}

/** Buys a subscription or a one-time item. Irreversible beyond the refund window. */
export interface PurchaseAction extends ActionBase {
  readonly kind: 'purchase';
  readonly target: 'subscription' | PurchaseKind;
  readonly after: {
    readonly productId: string;
    readonly skuId: string;
    readonly term?: Term;
    readonly billing: BillingCycle;
    readonly quantity: number;
    readonly autoRenew?: boolean;
  };
  /** Resolved at plan time for the customer's country; ids rotate, so re-checked at apply. */
  readonly catalogItemId: string;
  readonly availabilityId: string;
  readonly country: string;
  /** Cart line `provisioningContext` (reservations: subscriptionId, scope, duration). */
  readonly provisioningContext?: Readonly<Record<string, string>>;
  /** Present when the SKU requires `InventoryCheck` before purchase. */
  readonly inventoryCheck?: {
    readonly productId: string;
    readonly skuId: string;
    readonly context: Readonly<Record<string, string>>;
  };
  /** Reservations. */
  readonly scope?: ReservationScope;
  /**
   * One-time items: the spec fields that define what is bought. The applier stores exactly
   * this as `Binding.purchased`, and the planner compares later specs with it.
   */
  readonly purchased?: Readonly<Record<string, string | number>>;
  /**
   * A promotion Partner Center listed for this purchase and found the customer eligible for:
   * sent as the cart line's `promotionId`. Display and cart only: not part of `key`.
   */
  readonly promotion?: PromotionOffer;
  /**
   * `coterm`: the first term's end, one of the dates Partner Center listed as allowed for this
   * customer and term (`customTermEndDates`); sent as the cart line's `customTermEndDate`.
   */
  readonly customTermEndDate?: string;
}

/** A promotion applied to a purchase (docs/money.md). */
export interface PromotionOffer {
  readonly id: string;
  readonly name?: string;
  /** Percent off the unit price (0–100), when the promotion is a percentage discount. */
  readonly percentDiscount?: number;
  readonly endDate?: string;
}

/** Registers an Azure subscription so reservations can be bought for it. */
export interface RegisterAzureSubscriptionAction extends ActionBase {
  readonly kind: 'register-azure-subscription';
  readonly azureSubscriptionId: string;
}

/** Immediate seat change. */
export interface QuantityAction extends ActionBase {
  readonly kind: 'increase-quantity' | 'decrease-quantity';
  readonly subscriptionId: SubscriptionId;
  readonly before: { readonly quantity: number };
  readonly after: { readonly quantity: number };
}

/** Seat decrease at renewal via `scheduledNextTermInstructions` (needs autorenew on). */
export interface ScheduleDecreaseAction extends ActionBase {
  readonly kind: 'schedule-decrease';
  readonly subscriptionId: SubscriptionId;
  readonly before: { readonly quantity: number; readonly scheduledQuantity?: number };
  readonly after: { readonly quantity: number };
  /** The renewal the change takes effect at (`commitmentEndDate`). */
  readonly effectiveAt?: string;
  /** The next-term product, as the instructions must name it. */
  readonly nextTerm: {
    readonly productId: string;
    readonly skuId: string;
    readonly availabilityId?: string;
    readonly termDuration: string;
    readonly billingCycle: string;
  };
}

/** The shape a subscription renews into (product, SKU, term, billing) and its seats. */
export interface NextTermShape {
  readonly productId: string;
  readonly skuId: string;
  readonly termDuration: string;
  readonly billingCycle: string;
  readonly quantity: number;
}

/**
 * A change at renewal of what a subscription is (DESIGN §2): one `scheduledNextTermInstructions`
 * holding the next term's product, SKU, term, billing and quantity (a seat decrease the refund
 * window no longer covers is merged into it). Needs autorenew on.
 */
export interface ScheduleChangeAction extends ActionBase {
  readonly kind: 'schedule-change';
  readonly subscriptionId: SubscriptionId;
  readonly before: NextTermShape & { readonly scheduled?: NextTermShape };
  readonly after: NextTermShape;
  /** The renewal the change takes effect at (`commitmentEndDate`). */
  readonly effectiveAt?: string;
  /** The next-term product, as the instructions must name it. */
  readonly nextTerm: ScheduleDecreaseAction['nextTerm'];
}

/** An immediate transition to another product/SKU that Partner Center lists as eligible. */
export interface UpgradeAction extends ActionBase {
  readonly kind: 'upgrade';
  readonly subscriptionId: SubscriptionId;
  readonly before: {
    readonly productId: string;
    readonly skuId: string;
    readonly quantity: number;
  };
  readonly after: { readonly productId: string; readonly skuId: string; readonly quantity: number };
  readonly fromCatalogItemId: string;
  readonly toCatalogItemId: string;
  readonly termDuration: string;
  readonly billingCycle: string;
  /** As `transitioneligibilities` named it (`transition_only`, `transition_with_license_transfer`). */
  readonly transitionType: string;
}

export interface SetAutorenewAction extends ActionBase {
  readonly kind: 'set-autorenew';
  readonly subscriptionId: SubscriptionId;
  readonly before: { readonly autoRenew: boolean };
  readonly after: { readonly autoRenew: boolean };
}

/** Sets status `deleted`: immediate, permanent, only before `cancellationAllowedUntilDate`. */
export interface CancelAction extends ActionBase {
  readonly kind: 'cancel';
  readonly subscriptionId: SubscriptionId;
  readonly before: { readonly status: string; readonly quantity: number };
  readonly after: { readonly status: 'deleted' };
  readonly cancellationAllowedUntil: string;
}

export type PlanAction =
  | PurchaseAction
  | RegisterAzureSubscriptionAction
  | QuantityAction
  | ScheduleDecreaseAction
  | ScheduleChangeAction
  | UpgradeAction
  | SetAutorenewAction
  | CancelAction;

/** An item that cannot move this cycle, and why. Never makes `apply` fail by itself. */
export interface BlockedEntry {
  readonly customerId: CustomerId;
  /** The customer's name from the spec, for grouping in human output. */
  readonly customerName?: string;
  readonly item: ItemKey;
  readonly subscriptionId?: SubscriptionId;
  /** The product's name when known, as on actions (display only). */
  readonly productName?: string;
  readonly code: BlockedCode;
  readonly reason: string;
  /** The action kind that was wanted, when there was one (policy/circuit-breaker blocks). */
  readonly wanted?: ActionKind;
  /**
   * Spec errors ({@link SPEC_ERROR_CODES}): where the offending field is written (the item's key
   * when the field is not), `file` relative to the specs folder as in `SourceRef`.
   */
  readonly source?: SourceRef;
}

/** A live subscription no spec names: reported, never touched. */
export interface UnmanagedEntry {
  readonly customerId: CustomerId;
  /** The customer's name when a spec declares the customer. */
  readonly customerName?: string;
  readonly subscriptionId: SubscriptionId;
  readonly offerId: string;
  /** The subscription's friendly name (or offer name) when Partner Center sent one. */
  readonly productName?: string;
  readonly quantity: number;
  readonly status: string;
}

/**
 * Seats changed outside git that the item's drift policy kept (`keep-higher`) or only reported
 * (`report`), with the spec change that would make the spec say what Partner Center has
 * (docs/plan-format.md "drift[]"). Causes no write, so it is not an action: it does not count for
 * `--detailed-exitcode` and does not make a saved plan touch the customer.
 */
export interface DriftEntry {
  readonly customerId: CustomerId;
  readonly customerName?: string;
  readonly item: ItemKey;
  readonly subscriptionId: SubscriptionId;
  /** The policy that applied: the item's, the spec document's, or the config's `policy.drift`. */
  readonly policy: Exclude<DriftPolicy, 'revert'>;
  /** What the spec says. */
  readonly specQuantity: number;
  /** What Partner Center has. */
  readonly liveQuantity: number;
  /**
   * The spec change: set the value at `path` (within the customer's document) to `value`.
   * `file` is relative to the specs folder and `line` is where the quantity is written, when the
   * spec's source positions are known. `qm plan --write-back` applies it.
   */
  readonly patch: {
    readonly file?: string;
    readonly line?: number;
    readonly path: readonly ['subscriptions', string, 'quantity'];
    readonly value: number;
  };
}

/**
 * One customer's share of the basis: what its actions were computed from. A saved plan is stale
 * only when one of these moved for a customer it has actions for (docs/plan-format.md).
 */
export interface CustomerBasis {
  /** The customer's name from the spec, so a refusal can name it. */
  readonly customerName: string;
  /** SHA-256 of the customer's normalised spec (`computeCustomerSpecDigest`). */
  readonly specDigest: string;
  /** SHA-256 of the customer's normalised live state, or of its refresh failure. */
  readonly observedDigest: string;
  /** SHA-256 of the customer's bindings and purchases in flight in the state store. */
  readonly stateDigest: string;
  /**
   * Incremental refresh: the customer was planned from the snapshot observed at this instant,
   * not read this cycle. Absent: read fresh (or refresh mode `full`).
   */
  readonly snapshotAt?: string;
}

/** What the plan was computed from; `apply` refuses the plan when this no longer matches. */
export interface PlanBasis {
  /** All specs in scope: shown to humans; staleness is judged per customer (`customers`). */
  readonly specDigest: string;
  /** All live state in scope: shown to humans; staleness is judged per customer. */
  readonly observedDigest: string;
  /** The state store's serial when planning: shown to humans, not compared. */
  readonly stateSerial: number;
  /** Per customer in scope (declared, and observed or failed), keyed by customer id. */
  readonly customers: Readonly<Record<string, CustomerBasis>>;
  readonly createdAt: string;
  /** The customers planned (`--customer`), when not every customer in the specs. */
  readonly scope?: readonly string[];
  /**
   * The items planned (`--target CUSTOMER/ITEM`), when the plan is limited to them: other items
   * of those customers were neither planned nor reported. Sorted by customer id, then item.
   */
  readonly targets?: readonly PlanTarget[];
  /** How the live state was obtained; present when `partnerCenter.refresh.mode` is `incremental`. */
  readonly refresh?: RefreshAccount;
}

/** One `--target`: a spec item of a customer. */
export interface PlanTarget {
  readonly customerId: CustomerId;
  readonly item: ItemKey;
}

export interface PlanSummary {
  readonly actions: Readonly<Partial<Record<ActionKind, number>>>;
  readonly totalActions: number;
  /** Purchases and cancellations: money committed or a one-way door. */
  readonly irreversible: number;
  readonly blocked: Readonly<Partial<Record<BlockedCode, number>>>;
  readonly totalBlocked: number;
  readonly unmanaged: number;
  readonly customers: number;
  /** Customers whose live read failed: no actions this cycle (fail closed). */
  readonly skippedCustomers?: readonly SkippedCustomer[];
  /** Money per currency (docs/money.md); absent in plans made before pricing existed. */
  readonly cost?: PlanCost;
  /** Previous / New / Diff monthly run rate per customer and currency, customers with actions. */
  readonly runRates?: readonly CustomerRunRate[];
  /** Why some actions are unpriced (pricing not configured, a sheet unreadable). */
  readonly pricingNotes?: readonly string[];
}

/** A customer left out of the plan because its refresh failed. */
export interface SkippedCustomer {
  readonly customerId: CustomerId;
  readonly customerName?: string;
  readonly code: string;
  readonly reason: string;
}

export interface Plan {
  readonly formatVersion: typeof PLAN_FORMAT_VERSION;
  readonly basis: PlanBasis;
  readonly actions: readonly PlanAction[];
  readonly blocked: readonly BlockedEntry[];
  readonly unmanaged: readonly UnmanagedEntry[];
  /** Kept or reported seat drift (`drift: keep-higher | report`); absent when there is none. */
  readonly drift?: readonly DriftEntry[];
  readonly summary: PlanSummary;
}
