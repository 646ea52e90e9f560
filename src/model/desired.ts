import { chunk } from '../support/index.js';
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

/** One valid spec customer without its items: what a cycle needs before it reads the estate. */
export interface DesiredCustomerRef {
  readonly id: CustomerId;
  readonly name: string;
  readonly country: string;
  readonly file: string;
}

/**
 * The desired state read in batches (docs/scale.md "Flat memory"): the index of every valid
 * customer, and their full content loaded on demand, so a cycle over 10,000 customers never
 * holds every spec at once. A `DesiredState` already in memory is one too (`desiredSource`).
 */
export interface DesiredSource {
  /** Every valid customer, in load order (path, then document order). */
  readonly index: readonly DesiredCustomerRef[];
  /** Each product and SKU any valid customer's items name, once (for the price book). */
  readonly products: readonly { readonly productId: string; readonly skuId: string }[];
  /**
   * The customers with these ids, in the order asked, as `loadSpecs` would give them.
   * @throws for an id the index does not hold (a caller bug).
   */
  load(ids: readonly CustomerId[]): readonly DesiredCustomer[];
}

/** A desired state already in memory, as a source. */
export function desiredSource(desired: DesiredState): DesiredSource {
  const byId = new Map(desired.customers.map((c) => [c.id, c]));
  return {
    index: desired.customers.map(({ id, name, country, file }) => ({ id, name, country, file })),
    products: productsOf(desired.customers),
    load: (ids) =>
      ids.map((id) => {
        const found = byId.get(id);
        if (found === undefined) throw new Error(`customer ${id} is not in the desired state`);
        return found;
      }),
  };
}

/**
 * The customers of a source in batches of `size`, each loaded when it is reached (a pass over
 * every customer that holds one batch at a time: docs/scale.md "Flat memory").
 */
export function* desiredBatches(source: DesiredSource, size: number): Generator<DesiredState> {
  for (const refs of chunk(source.index, size))
    yield { customers: source.load(refs.map((c) => c.id)) };
}

/** Each product and SKU the customers' items name, once, in first-seen order. */
export function productsOf(
  customers: readonly DesiredCustomer[],
): { readonly productId: string; readonly skuId: string }[] {
  const seen = new Map<string, { readonly productId: string; readonly skuId: string }>();
  for (const c of customers)
    for (const item of [...c.subscriptions, ...c.purchases])
      seen.set(`${item.product}|${item.sku}`, { productId: item.product, skuId: item.sku });
  return [...seen.values()];
}
