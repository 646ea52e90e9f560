import type { EligibilityType, TransitionEligibility } from './lifecycle.js';
import type { CustomerId, OrderId, SubscriptionId } from './ids.js';

/**
 * What Partner Center says a customer owns, mapped from wire DTOs by `partnercenter/`.
 * Timestamps are ISO-8601 UTC strings. Unknown enum values are kept as strings, not dropped.
 */

/** Subscription status; Partner Center may add values, so any string is kept. */
export type SubscriptionStatus =
  'active' | 'suspended' | 'deleted' | 'expired' | 'pending' | 'disabled' | (string & {});

/** One block of seats that may still be returned for a refund until `allowedUntilDateTime`. */
export interface RefundableBlock {
  readonly quantity: number;
  readonly allowedUntilDateTime: string;
}

/**
 * `refundOptions[]` of an NCE subscription: the refund a cancellation or seat decrease gets until
 * `expiresAt` (documented examples show `{"type": "Full", "expiresAt": …}`).
 */
export interface RefundOption {
  readonly type: string;
  readonly expiresAt: string;
}

/** `scheduledNextTermInstructions`: what the subscription becomes at renewal. */
export interface ScheduledNextTerm {
  readonly productId: string;
  readonly skuId: string;
  readonly availabilityId?: string;
  readonly quantity: number;
  readonly termDuration?: string;
  readonly billingCycle?: string;
}

export interface LiveSubscription {
  readonly id: SubscriptionId;
  readonly customerId: CustomerId;
  /** NCE: `productId:skuId:availabilityId`; legacy: a GUID. */
  readonly offerId: string;
  /** From the `offerId` prefix (NCE) or the subscription's product fields. */
  readonly productId: string;
  readonly skuId: string;
  readonly friendlyName: string;
  readonly quantity: number;
  readonly status: SubscriptionStatus;
  readonly autoRenewEnabled: boolean;
  /** `P1M`, `P1Y`, `P3Y` (kept as sent when unknown). */
  readonly termDuration: string;
  /** `monthly`, `annual`, `triennial`, `one_time`, … */
  readonly billingCycle: string;
  readonly creationDate: string;
  readonly commitmentEndDate?: string;
  /** NCE: cancelling (status `deleted`) is possible only before this instant. */
  readonly cancellationAllowedUntilDate?: string;
  readonly refundableQuantity?: {
    readonly totalQuantity: number;
    readonly details: readonly RefundableBlock[];
  };
  /**
   * What the documented NCE examples state the refund window with. Absent when the wire has
   * none; `[]` when it says there is none. With neither this, `refundableQuantity` nor
   * `cancellationAllowedUntilDate`, the window is unknown (not closed).
   */
  readonly refundOptions?: readonly RefundOption[];
  readonly scheduledNextTermInstructions?: ScheduledNextTerm;
  readonly orderId?: OrderId;
  readonly isTrial?: boolean;
}

export interface LiveOrderLineItem {
  readonly lineItemNumber: number;
  readonly offerId: string;
  readonly productId: string;
  readonly skuId: string;
  readonly quantity: number;
  readonly subscriptionId?: SubscriptionId;
  readonly termDuration?: string;
  readonly billingCycle?: string;
  /** The cart line's friendly name, echoed on the order line. */
  readonly friendlyName?: string;
}

export interface LiveOrder {
  readonly id: OrderId;
  readonly customerId: CustomerId;
  /** `pending`, `completed`, `cancelled`, … */
  readonly status: string;
  readonly billingCycle: string;
  readonly creationDate: string;
  readonly lineItems: readonly LiveOrderLineItem[];
}

/** A one-time item the customer holds (reservation, perpetual software). Needs App+User. */
export interface LiveEntitlement {
  readonly productId: string;
  readonly skuId: string;
  readonly quantity: number;
  readonly entitlementType: string;
  readonly orderId?: OrderId;
  readonly fulfillmentState?: string;
  readonly expiryDate?: string;
  /** Items bundled with this one (`includedEntitlements`); not separate purchases. */
  readonly includedEntitlements?: readonly LiveEntitlement[];
}

/** Registration of an Azure subscription for reserved instances. */
export interface LiveRegistration {
  readonly azureSubscriptionId: string;
  /** `registered`, `registering`, `notRegistered`, … (lower-cased) */
  readonly status: string;
}

/**
 * A live resource the client could not fully read (a field missing or malformed). It never
 * leads to a purchase: the customer's purchases are held until it reads cleanly.
 */
export interface UnreadableResource {
  readonly kind: 'subscription';
  /** The resource id when it could be read. */
  readonly id?: string;
  /** What is wrong, naming the field. */
  readonly problem: string;
}

/** Everything read for one customer in one refresh. Lists not read are absent, not empty. */
export interface ObservedCustomer {
  readonly customerId: CustomerId;
  readonly observedAt: string;
  readonly subscriptions: readonly LiveSubscription[];
  readonly orders?: readonly LiveOrder[];
  readonly entitlements?: readonly LiveEntitlement[];
  readonly registrations?: readonly LiveRegistration[];
  /** Subscriptions in the list that could not be fully read (absent when none). */
  readonly unreadable?: readonly UnreadableResource[];
  /**
   * Transition eligibilities, read only for subscriptions whose spec item names another product
   * or SKU (`change: now` → immediate, else scheduled). Not part of the observed digest.
   */
  readonly transitionEligibilities?: readonly SubscriptionTransitions[];
}

/** What `transitioneligibilities` answered for one subscription, or why it could not be read. */
export interface SubscriptionTransitions {
  readonly subscriptionId: SubscriptionId;
  readonly eligibilityType: EligibilityType;
  /** Absent when the read failed (`failure` says why). */
  readonly eligibilities?: readonly TransitionEligibility[];
  readonly failure?: string;
}

/** A customer whose live read failed this cycle: it gets no actions (fail closed). */
export interface RefreshFailure {
  readonly customerId: CustomerId;
  readonly code: string;
  readonly message: string;
}

export interface ObservedState {
  readonly customers: readonly ObservedCustomer[];
  readonly failures: readonly RefreshFailure[];
  /**
   * Partner Center's clock minus the agent's, from the `Date` header of the refresh's
   * responses (absent when no response carried one). Refund and cancellation windows are
   * judged on the agent's clock, so a large skew blocks window-sensitive actions.
   */
  readonly serverClockSkewMs?: number;
}
