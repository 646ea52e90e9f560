import type { CustomerId, ItemKey, SubscriptionId } from './ids.js';
import type { PurchaseBilling, SubscriptionBilling, Term } from './terms.js';

/** Where something was declared, for messages that point back into the spec. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/**
 * What to do about seats changed outside git (DESIGN §2, docs/spec-reference.md "Drift"):
 * `revert` plans the spec's quantity (the default); `keep-higher` plans no decrease below the
 * live seats (an increase up to the spec still happens); `report` plans nothing for the seats.
 * Kept or reported differences become the plan's `drift[]`, each with a ready spec patch.
 */
export const DRIFT_POLICIES = ['revert', 'keep-higher', 'report'] as const;
export type DriftPolicy = (typeof DRIFT_POLICIES)[number];

/** The item fields whose position the spec loader records. */
export type ItemField = 'product' | 'sku' | 'term' | 'billing' | 'quantity';

/**
 * Where an item was declared: its key, and where each of its {@link ItemField}s is written (the
 * value), so a problem found after loading (at plan time) can point at the field.
 */
export interface ItemSourceRef extends SourceRef {
  readonly fields?: Readonly<
    Partial<Record<ItemField, { readonly line: number; readonly col: number }>>
  >;
}

/**
 * A recurring Partner Center subscription the customer should (or, tombstoned, should no
 * longer) own. Identified by product + SKU + term + billing, never by catalog item id.
 */
export interface SubscriptionItem {
  readonly key: ItemKey;
  readonly product: string;
  readonly sku: string;
  readonly term: Term;
  readonly billing: SubscriptionBilling;
  /** `cancelled` is the explicit tombstone; removing an item never cancels. */
  readonly ensure: 'present' | 'cancelled';
  /** Seats. Always set when `ensure` is `present`; may be absent on a tombstone. */
  readonly quantity?: number;
  /** @default true */
  readonly autoRenew: boolean;
  /** Adopt this existing subscription instead of matching or buying. */
  readonly subscriptionId?: SubscriptionId;
  /**
   * When a changed product/SKU/term/billing of the live subscription happens: `at-renewal`
   * (default, `schedule-change`) or `now` (an eligible upgrade, `upgrade`). DESIGN §2.
   */
  readonly change?: 'at-renewal' | 'now';
  /**
   * A new purchase's first term ends with `month-end` or with the term of another item of this
   * customer (its key): resolved to a `customTermEndDate` Partner Center lists as allowed.
   */
  readonly coterm?: string;
  /**
   * Seats changed outside git: the item's `drift:`, else the spec document's top-level `drift:`
   * (resolved when loading). Absent: the config's `policy.drift` decides (default `revert`).
   */
  readonly drift?: DriftPolicy;
  readonly source: ItemSourceRef;
}

export type PurchaseKind = 'azure-reservation' | 'software';
export type ReservationScope = 'shared' | 'single';

/** A one-time purchase: bought once, tracked through its order, immutable afterwards. */
export interface PurchaseItem {
  readonly key: ItemKey;
  readonly kind: PurchaseKind;
  readonly product: string;
  readonly sku: string;
  readonly quantity: number;
  /** Reservations: P1Y | P3Y. Perpetual software has no term. */
  readonly term?: Term;
  readonly billing: PurchaseBilling;
  /** Reservations: the Azure subscription the reservation applies to; registered first. */
  readonly azureSubscriptionId?: string;
  /** Reservations. @default 'shared' */
  readonly scope?: ReservationScope;
  /** Reservations: `armRegionName`, used for the inventory check. */
  readonly region?: string;
  readonly source: ItemSourceRef;
}

export interface DesiredCustomer {
  readonly id: CustomerId;
  readonly name: string;
  /** ISO 3166-1 alpha-2, upper-case. */
  readonly country: string;
  /** The spec file that declares this customer. */
  readonly file: string;
  readonly subscriptions: readonly SubscriptionItem[];
  readonly purchases: readonly PurchaseItem[];
}

/** The validated, normalised content of every spec file. */
export interface DesiredState {
  readonly customers: readonly DesiredCustomer[];
}
