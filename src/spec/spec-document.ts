import type {
  DriftPolicy,
  PurchaseBilling,
  PurchaseKind,
  ReservationScope,
  SubscriptionBilling,
  Term,
} from '../model/index.js';

/**
 * A spec document as written (after schema validation, before normalisation): the raw side
 * of `SpecDocument` → `DesiredState`. `specs/schema.json` describes exactly these shapes; the
 * key lists below are checked against the types by the compiler and against the schema by
 * test/spec/schema-drift.test.ts, so the two cannot drift apart.
 */
export interface SpecDocument {
  readonly version: 1;
  readonly customer: CustomerDocument;
  /** `null` when written as an empty key (`subscriptions:`). */
  readonly subscriptions?: Readonly<Record<string, SubscriptionDocument>> | null;
  readonly purchases?: Readonly<Record<string, PurchaseDocument>> | null;
  /** The default `drift:` of this customer's subscription items (an item's own comes first). */
  readonly drift?: DriftPolicy;
}

export interface CustomerDocument {
  readonly id: string;
  readonly name: string;
  readonly country: string;
}

export interface SubscriptionDocument {
  readonly product: string;
  readonly sku: string;
  readonly term: Term;
  readonly billing: SubscriptionBilling;
  /** Required unless `ensure: cancelled`. */
  readonly quantity?: number;
  readonly autoRenew?: boolean;
  readonly subscriptionId?: string;
  readonly ensure?: Ensure;
  readonly change?: ChangeTiming;
  readonly coterm?: string;
  readonly drift?: DriftPolicy;
}

/** `change:` values: when a changed product/SKU/term/billing of a live subscription happens. */
export const CHANGE_VALUES = ['at-renewal', 'now'] as const;
export type ChangeTiming = (typeof CHANGE_VALUES)[number];

export interface PurchaseDocument {
  readonly kind: PurchaseKind;
  readonly product: string;
  readonly sku: string;
  readonly quantity: number;
  readonly term?: Term;
  readonly billing: PurchaseBilling;
  readonly azureSubscriptionId?: string;
  readonly scope?: ReservationScope;
  readonly region?: string;
}

/** `ensure:` values: `cancelled` is the explicit tombstone. */
export const ENSURE_VALUES = ['present', 'cancelled'] as const;
export type Ensure = (typeof ENSURE_VALUES)[number];

export const PURCHASE_KINDS = [
  'azure-reservation',
  'software',
] as const satisfies readonly PurchaseKind[];
export const RESERVATION_SCOPES = [
  'shared',
  'single',
] as const satisfies readonly ReservationScope[];
/** Terms a reservation may have (docs/spec-reference.md). */
export const RESERVATION_TERMS = ['P1Y', 'P3Y'] as const satisfies readonly Term[];

/** Every key of T, and only those: a compile error names the missing or extra key. */
type ExactKeys<T, L extends readonly PropertyKey[]> = [keyof T] extends [L[number]]
  ? [L[number]] extends [keyof T]
    ? L
    : never
  : never;
/** The keys of T that are not optional. */
type RequiredKeysOf<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type ExactRequired<T, L extends readonly PropertyKey[]> = [RequiredKeysOf<T>] extends [L[number]]
  ? [L[number]] extends [RequiredKeysOf<T>]
    ? L
    : never
  : never;

function keys<T>() {
  return <const L extends readonly (keyof T)[]>(list: ExactKeys<T, L>): L => list;
}
function required<T>() {
  return <const L extends readonly (keyof T)[]>(list: ExactRequired<T, L>): L => list;
}

/** Keys per object shape, checked both ways against the interfaces above. */
export const SPEC_DOCUMENT_KEYS = keys<SpecDocument>()([
  'version',
  'customer',
  'subscriptions',
  'purchases',
  'drift',
]);
export const SPEC_DOCUMENT_REQUIRED = required<SpecDocument>()(['version', 'customer']);
export const CUSTOMER_KEYS = keys<CustomerDocument>()(['id', 'name', 'country']);
export const CUSTOMER_REQUIRED = required<CustomerDocument>()(['id', 'name', 'country']);
export const SUBSCRIPTION_KEYS = keys<SubscriptionDocument>()([
  'product',
  'sku',
  'term',
  'billing',
  'quantity',
  'autoRenew',
  'subscriptionId',
  'ensure',
  'change',
  'coterm',
  'drift',
]);
export const SUBSCRIPTION_REQUIRED = required<SubscriptionDocument>()([
  'product',
  'sku',
  'term',
  'billing',
]);
export const PURCHASE_KEYS = keys<PurchaseDocument>()([
  'kind',
  'product',
  'sku',
  'quantity',
  'term',
  'billing',
  'azureSubscriptionId',
  'scope',
  'region',
]);
export const PURCHASE_REQUIRED = required<PurchaseDocument>()([
  'kind',
  'product',
  'sku',
  'quantity',
  'billing',
]);

/** Exactness of the value lists against the model's union types (compile-time). */
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const PURCHASE_KINDS_MATCH_MODEL: SameSet<(typeof PURCHASE_KINDS)[number], PurchaseKind> =
  true;
export const RESERVATION_SCOPES_MATCH_MODEL: SameSet<
  (typeof RESERVATION_SCOPES)[number],
  ReservationScope
> = true;
