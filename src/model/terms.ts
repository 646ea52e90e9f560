/** Commitment terms as written in specs and in Partner Center `termDuration` (ISO 8601). */
export const TERMS = ['P1M', 'P1Y', 'P3Y'] as const;
export type Term = (typeof TERMS)[number];

/** Billing cycles for recurring subscriptions. */
export const SUBSCRIPTION_BILLING = ['monthly', 'annual', 'triennial'] as const;
export type SubscriptionBilling = (typeof SUBSCRIPTION_BILLING)[number];

/** Billing for one-time purchases (reservations may also be paid monthly). */
export const PURCHASE_BILLING = ['one_time', 'monthly'] as const;
export type PurchaseBilling = (typeof PURCHASE_BILLING)[number];

/** Every billing cycle the model knows, as Partner Center spells it on the wire. */
export type BillingCycle = SubscriptionBilling | PurchaseBilling;

export function isTerm(value: string): value is Term {
  return (TERMS as readonly string[]).includes(value);
}

/** Reservation cart lines carry the term as `duration`: P1Y → 1Year, P3Y → 3Years. */
export function reservationDuration(term: Term): string {
  return term === 'P3Y' ? '3Years' : term === 'P1Y' ? '1Year' : '1Month';
}
