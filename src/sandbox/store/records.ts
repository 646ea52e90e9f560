import type { BillingEventRecord } from '../billing/billing-event-record.js';
import type { SeedProductKind, SeedPromotionProduct } from '../seed/seed-types.js';
import type { TransitionRecord } from './transition-record.js';

/**
 * What the sandbox stores, one JSON document per resource. Records are internal: routes turn
 * them into wire JSON (`wire-*.ts`); tests read them through `SandboxInspector`.
 * All instants are ISO-8601 UTC strings.
 */

export interface CustomerRecord {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly domain: string;
}

export interface RefundBlock {
  readonly quantity: number;
  readonly allowedUntilDateTime: string;
}

export interface ScheduledRecord {
  readonly productId: string;
  readonly skuId: string;
  readonly availabilityId: string;
  readonly billingCycle: string;
  readonly termDuration: string;
  readonly quantity: number;
}

export interface SubscriptionRecord {
  readonly id: string;
  readonly customerId: string;
  readonly kind: SeedProductKind;
  readonly productId: string;
  readonly skuId: string;
  readonly availabilityId: string;
  readonly offerName: string;
  readonly friendlyName: string;
  readonly quantity: number;
  /** `active`, `suspended`, `deleted`, `expired`, … */
  readonly status: string;
  readonly autoRenewEnabled: boolean;
  /** Absent for subscriptions without a commitment term (Azure plan). */
  readonly termDuration?: string;
  readonly billingCycle: string;
  readonly creationDate: string;
  readonly effectiveStartDate: string;
  /** Inclusive last day of the term, as `YYYY-MM-DDT00:00:00Z`. */
  readonly commitmentEndDate?: string;
  readonly cancellationAllowedUntilDate: string | null;
  /** One block per seat addition (purchase, renewal, increase); expired blocks are ignored. */
  readonly refundBlocks: readonly RefundBlock[];
  readonly scheduled: ScheduledRecord | null;
  readonly orderId?: string;
  readonly parentSubscriptionId?: string;
  readonly publisherName: string;
  /** Hidden from every read until this instant (provisioning delay). */
  readonly visibleAt: string;
  readonly etag: string;
  readonly renewals: number;
}

export interface OrderLineRecord {
  readonly lineItemNumber: number;
  readonly kind: SeedProductKind;
  readonly offerId: string;
  readonly productId: string;
  readonly skuId: string;
  readonly quantity: number;
  readonly termDuration?: string;
  readonly billingCycle: string;
  readonly friendlyName?: string;
  readonly provisioningContext: Readonly<Record<string, string>>;
  readonly partnerIdOnRecord?: string;
  /** The subscription the line created (license, SaaS, Azure plan). */
  readonly subscriptionId?: string;
  /** The entitlement the line created (reservation, software). */
  readonly entitlementId?: string;
  /** The promotion the cart line carried, checked eligible at checkout, and its discount. */
  readonly promotion?: { readonly id: string; readonly percentDiscount: number };
  /** The co-termed first term's last day the cart line set (`YYYY-MM-DDT00:00:00Z`). */
  readonly customTermEndDate?: string;
}

export interface OrderRecord {
  readonly id: string;
  readonly alternateId: string;
  readonly customerId: string;
  readonly billingCycle: string;
  readonly currencyCode: string;
  readonly currencySymbol: string;
  readonly creationDate: string;
  /** `pending` until then, `completed` after. */
  readonly completesAt: string;
  readonly transactionType: string;
  readonly lineItems: readonly OrderLineRecord[];
  readonly cartId?: string;
  readonly etag: string;
}

export interface CartLineError {
  readonly errorCode: number;
  readonly errorDescription: string;
}

export interface CartLineRecord {
  readonly id: number;
  readonly catalogItemId: string;
  readonly quantity: number;
  readonly billingCycle: string;
  readonly termDuration?: string;
  readonly friendlyName?: string;
  readonly provisioningContext: Readonly<Record<string, string>>;
  readonly participants: readonly { key: string; value: string }[];
  readonly orderGroup: string;
  readonly currencyCode: string;
  /** `promotionId` as sent (trimmed); checked at creation and again at checkout (10014). */
  readonly promotionId?: string;
  /** `customTermEndDate` as sent (trimmed); checked at creation and at checkout (10016/10017). */
  readonly customTermEndDate?: string;
  readonly error?: CartLineError;
}

export interface CartRecord {
  readonly id: string;
  readonly customerId: string;
  /** `Active` or `Ordered`. */
  readonly status: string;
  readonly creationTimestamp: string;
  readonly lastModifiedTimestamp: string;
  readonly expirationTimestamp: string;
  readonly lineItems: readonly CartLineRecord[];
  /** `PartnerOnRecordAttestationAccepted` as sent at creation or the last update. */
  readonly attestationAccepted?: boolean;
  /** The first successful checkout result, replayed on every later checkout. */
  readonly checkoutResult?: unknown;
  readonly etag: string;
}

export interface RegistrationRecord {
  readonly customerId: string;
  readonly subscriptionId: string;
  readonly requestedAt: string;
  /** `Registering` until then, `Registered` after. */
  readonly registeredAt: string;
}

export interface EntitlementRecord {
  readonly id: string;
  readonly customerId: string;
  readonly orderId: string;
  readonly lineItemNumber: number;
  readonly productId: string;
  readonly skuId: string;
  readonly quantity: number;
  /** `software` or `reservedinstance`. */
  readonly entitlementType: string;
  readonly createdAt: string;
  readonly expiryDate?: string;
  readonly reservationId?: string;
}

/** A seeded promotion with its defaults resolved (global: stored under customer `''`). */
export interface PromotionRecord {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Upper-case ISO2. */
  readonly markets: readonly string[];
  readonly segment: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly isAutoApplicable: boolean;
  readonly products: readonly SeedPromotionProduct[];
  readonly minimumSeats?: number;
  readonly maximumSeats?: number;
  readonly firstPurchaseOnly: boolean;
}

/** A stored response for `MS-RequestId` replay. */
export interface ReplayRecord {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Document kinds and their record types. */
export interface RecordKinds {
  customer: CustomerRecord;
  subscription: SubscriptionRecord;
  order: OrderRecord;
  cart: CartRecord;
  registration: RegistrationRecord;
  entitlement: EntitlementRecord;
  'billing-event': BillingEventRecord;
  promotion: PromotionRecord;
  transition: TransitionRecord;
}
export type RecordKind = keyof RecordKinds;
