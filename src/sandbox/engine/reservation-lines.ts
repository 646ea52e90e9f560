import type { CartLineError, CustomerRecord } from '../store/records.js';
import { mapGet } from '../wire.js';
import type { AvailabilityEntry } from './catalog-index.js';
import type { SandboxContext } from './context.js';
import { registrationStatus } from './registrations.js';

/** Cart line-item error codes (integers on the wire; docs/partner-center-api.md §1.9). */
export const CART_ERRORS = {
  catalogItemIdIsNotValid: 10001,
  inventoryNotAvailable: 10003,
  subscriptionIsNotValid: 10007,
  invalidInput: 10010,
  subscriptionNotRegistered: 10011,
  billingPlanNotSupported: 10013,
  maxAllowedSeatsPerSubscriptionExceeded: 10015,
  baseOfferSeatQuantityNotMet: 10018,
} as const;

export const lineError = (errorCode: number, errorDescription: string): CartLineError => ({
  errorCode,
  errorDescription,
});

/** What reservation validation reads of a cart line. */
export interface ReservationLine {
  readonly termDuration?: string;
  readonly provisioningContext: Readonly<Record<string, string>>;
}

/**
 * `provisioningContext.duration` as a term: `1Year`/`3Years` as the create-a-cart samples
 * spell it (https://learn.microsoft.com/en-us/partner-center/developer/create-a-cart), also
 * `1Years`/`3Year` and `P1Y`/`P3Y`, any case. `undefined` when absent, `null` when unreadable.
 */
export function parseReservationDuration(value: string | undefined): string | null | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const squashed = value.trim().toLowerCase();
  if (['1year', '1years', 'p1y'].includes(squashed)) return 'P1Y';
  if (['3year', '3years', 'p3y'].includes(squashed)) return 'P3Y';
  return null;
}

/**
 * The term a line buys: its `termDuration` when present (that wins), else the
 * `provisioningContext.duration`; `undefined` when neither says (or the duration is unreadable).
 */
export function effectiveTerm(line: ReservationLine): string | undefined {
  if (line.termDuration !== undefined) return line.termDuration;
  return parseReservationDuration(mapGet(line.provisioningContext, 'duration')) ?? undefined;
}

/**
 * Reservation rules (docs/partner-center-api.md §3.4): the Azure subscription named by
 * `provisioningContext.subscriptionId` (any key case) must be an active Azure plan of the
 * customer (`10007`) registered for reserved instances (`10011`); `scope` must be `shared` or
 * `single` in any case (`10010`); a `duration` present must be readable (`10010`); restricted
 * inventory gives `10003`.
 */
export function validateReservation(
  ctx: SandboxContext,
  customer: CustomerRecord,
  line: ReservationLine,
  entry: AvailabilityEntry,
): CartLineError | undefined {
  const azureId = (mapGet(line.provisioningContext, 'subscriptionId') ?? '').toLowerCase();
  const azure = ctx.store.get('subscription', customer.id, azureId);
  const now = ctx.clock.now();
  if (
    azure === undefined ||
    azure.kind !== 'azure-plan' ||
    azure.status !== 'active' ||
    new Date(azure.visibleAt) > now
  ) {
    return lineError(
      CART_ERRORS.subscriptionIsNotValid,
      `Subscription ${azureId} is not a valid active Azure subscription.`,
    );
  }
  if (registrationStatus(ctx, customer.id, azureId) !== 'Registered') {
    return lineError(
      CART_ERRORS.subscriptionNotRegistered,
      `Subscription ${azureId} is not registered for reserved instances.`,
    );
  }
  const scope = (mapGet(line.provisioningContext, 'scope') ?? '').toLowerCase();
  if (scope !== 'shared' && scope !== 'single') {
    return lineError(
      CART_ERRORS.invalidInput,
      'provisioningContext.scope must be Shared or Single.',
    );
  }
  const duration = mapGet(line.provisioningContext, 'duration');
  if (parseReservationDuration(duration) === null) {
    return lineError(
      CART_ERRORS.invalidInput,
      `provisioningContext.duration ${duration ?? ''} is not 1Year or 3Years.`,
    );
  }
  if (entry.sku.inventoryRestricted === true) {
    return lineError(
      CART_ERRORS.inventoryNotAvailable,
      'Inventory is not available for this catalog item.',
    );
  }
  return undefined;
}
