import { PcHttpError, pcErrors } from '../errors.js';
import type { CartLineError, CartLineRecord, CustomerRecord } from '../store/records.js';
import {
  BILLING_CYCLES,
  isObject,
  mapGet,
  parseEnum,
  pick,
  pickBool,
  pickInt,
  pickString,
  pickStringMap,
} from '../wire.js';
import type { AvailabilityEntry } from './catalog-index.js';
import type { SandboxContext } from './context.js';
import { customTermEndDateLineError } from './custom-term-end-dates.js';
import { cartLinePromotionError } from './promotions.js';
import { CART_ERRORS, effectiveTerm, lineError, validateReservation } from './reservation-lines.js';

export { CART_ERRORS } from './reservation-lines.js';

/** The cart's `PartnerOnRecordAttestationAccepted` (any key casing); absent is `false`. */
export function readAttestation(body: unknown): boolean {
  return pickBool(body, 'partnerOnRecordAttestationAccepted') ?? false;
}

/**
 * Reads a cart body (`POST`/`PUT`, any key casing) into line records with server-assigned
 * `orderGroup`, `currencyCode` and, for lines the server cannot accept, an integer
 * `error.errorCode`. A line for software or a reservation in a market of the §8 block list
 * fails the whole request with 400 `800070`; a line for a product that requires attestation
 * (NCE licences) in a cart that is not `attested` fails it with 400 `900203`
 * (https://learn.microsoft.com/en-us/partner-center/developer/create-a-cart, error-codes). A
 * `promotionId` the customer is not eligible for gives the line `10014` (engine/promotions.ts);
 * a `customTermEndDate` on a line that cannot be co-termed `10016`, one not among the allowed
 * dates of a purchase starting today `10017` (engine/custom-term-end-dates.ts).
 */
export function buildCartLines(
  ctx: SandboxContext,
  customer: CustomerRecord,
  body: unknown,
  attested: boolean,
): CartLineRecord[] {
  const raw = pick(body, 'lineItems');
  if (!Array.isArray(raw) || raw.length === 0) throw pcErrors.badInput('lineItems is required.');
  const drafts = raw.map((item, index) => readLine(item, index));
  for (const draft of drafts) assertMarket(ctx, customer, draft.catalogItemId);
  if (!attested) {
    for (const draft of drafts) {
      const product = ctx.catalog.product(draft.catalogItemId.split(':')[0] ?? '');
      if (product !== undefined && ctx.catalog.requiresAttestation(product))
        throw pcErrors.attestationRequired(draft.catalogItemId);
    }
  }
  const groups = new Map<string, string>();
  const currency = ctx.catalog.currency(customer.country).code;
  return drafts.map((draft) => {
    const entry = ctx.catalog.byCatalogItemId(draft.catalogItemId);
    const groupKey = `${entry?.product.kind ?? 'unknown'}:${draft.billingCycle}`;
    if (!groups.has(groupKey)) groups.set(groupKey, String(groups.size));
    const error = validateCartLine(ctx, customer, draft, drafts);
    return {
      ...draft,
      orderGroup: groups.get(groupKey) ?? '0',
      currencyCode: currency,
      ...(error === undefined ? {} : { error }),
    };
  });
}

type LineDraft = Omit<CartLineRecord, 'orderGroup' | 'currencyCode' | 'error'>;

function readLine(item: unknown, index: number): LineDraft {
  if (!isObject(item)) throw pcErrors.badInput(`lineItems[${index}] must be an object.`);
  const catalogItemId = pickString(item, 'catalogItemId');
  if (catalogItemId === undefined)
    throw pcErrors.badInput(`lineItems[${index}].catalogItemId is required.`);
  const quantity = pickInt(item, 'quantity');
  if (quantity === undefined) throw pcErrors.badInput(`lineItems[${index}].quantity is required.`);
  const billing = pick(item, 'billingCycle');
  if (billing === undefined || billing === null) {
    throw pcErrors.badInput(`lineItems[${index}].billingCycle is required.`);
  }
  const termDuration = pickString(item, 'termDuration');
  const friendlyName = pickString(item, 'friendlyName');
  const promotionId = pickString(item, 'promotionId')?.trim();
  const customTermEndDate = pickString(item, 'customTermEndDate')?.trim();
  const participants = pick(item, 'participants');
  return {
    id: pickInt(item, 'id') ?? index,
    catalogItemId,
    quantity,
    billingCycle: parseEnum('billingCycle', billing, BILLING_CYCLES),
    ...(termDuration === undefined ? {} : { termDuration: termDuration.toUpperCase() }),
    ...(friendlyName === undefined ? {} : { friendlyName }),
    ...(promotionId === undefined || promotionId === '' ? {} : { promotionId }),
    ...(customTermEndDate === undefined || customTermEndDate === '' ? {} : { customTermEndDate }),
    provisioningContext: pickStringMap(item, 'provisioningContext'),
    participants: Array.isArray(participants)
      ? participants.map((p) => ({
          key: pickString(p, 'key') ?? '',
          value: pickString(p, 'value') ?? '',
        }))
      : [],
  };
}

function assertMarket(ctx: SandboxContext, customer: CustomerRecord, catalogItemId: string): void {
  const product = ctx.catalog.product(catalogItemId.split(':')[0] ?? '');
  if (product !== undefined && ctx.catalog.isBlocked(product, customer.country)) {
    throw new PcHttpError(
      400,
      '800070',
      `Offer ${product.id} is not available in the specified country (${customer.country}).`,
    );
  }
}

/**
 * Validates one line against the catalog and the customer's state; `undefined` when valid.
 * Run again at checkout, since registrations and base subscriptions may have changed.
 */
export function validateCartLine(
  ctx: SandboxContext,
  customer: CustomerRecord,
  line: LineDraft,
  siblings: readonly LineDraft[],
): CartLineError | undefined {
  const entry = ctx.catalog.byCatalogItemId(line.catalogItemId);
  if (entry === undefined || entry.country !== customer.country.toUpperCase()) {
    return lineError(
      CART_ERRORS.catalogItemIdIsNotValid,
      `Catalog item ${line.catalogItemId} is not valid for ${customer.country}.`,
    );
  }
  const { sku } = entry;
  const reservation = entry.product.kind === 'azure-reservation';
  const term = reservation ? effectiveTerm(line) : line.termDuration;
  if (!ctx.catalog.supportsTerm(sku, term, line.billingCycle)) {
    return lineError(
      CART_ERRORS.billingPlanNotSupported,
      `Term ${term ?? '(none)'} billed ${line.billingCycle} is not supported.`,
    );
  }
  if (line.quantity > sku.maximumQuantity) {
    return lineError(
      CART_ERRORS.maxAllowedSeatsPerSubscriptionExceeded,
      `Quantity ${line.quantity} exceeds the maximum of ${sku.maximumQuantity}.`,
    );
  }
  if (line.quantity < sku.minimumQuantity) {
    return lineError(
      CART_ERRORS.invalidInput,
      `Quantity ${line.quantity} is below the minimum of ${sku.minimumQuantity}.`,
    );
  }
  for (const variable of sku.provisioningVariables ?? []) {
    if (mapGet(line.provisioningContext, variable) === undefined) {
      return lineError(CART_ERRORS.invalidInput, `provisioningContext is missing ${variable}.`);
    }
  }
  if (line.customTermEndDate !== undefined) {
    // The purchase starts now: at checkout the dates are those of the checkout's day.
    const start = ctx.clock.now();
    const error = customTermEndDateLineError(
      ctx,
      customer.id,
      entry,
      term,
      start,
      line.customTermEndDate,
    );
    if (error !== undefined) return error;
  }
  if (reservation)
    return (
      validateReservation(ctx, customer, line, entry) ?? cartLinePromotionError(ctx, customer, line)
    );
  if (sku.inventoryRestricted === true) {
    return lineError(
      CART_ERRORS.inventoryNotAvailable,
      'Inventory is not available for this catalog item.',
    );
  }
  return (
    validateAddOn(ctx, customer, entry, siblings) ?? cartLinePromotionError(ctx, customer, line)
  );
}

function validateAddOn(
  ctx: SandboxContext,
  customer: CustomerRecord,
  entry: AvailabilityEntry,
  siblings: readonly LineDraft[],
): CartLineError | undefined {
  const bases = (entry.sku.addOnOf ?? []).map((key) => key.toUpperCase());
  if (bases.length === 0) return undefined;
  const now = ctx.clock.now();
  const owned = ctx.store
    .list('subscription', customer.id)
    .some(
      (s) =>
        s.status === 'active' &&
        new Date(s.visibleAt) <= now &&
        bases.includes(`${s.productId}:${s.skuId}`.toUpperCase()),
    );
  const inCart = siblings.some((line) => {
    const sibling = ctx.catalog.byCatalogItemId(line.catalogItemId);
    return (
      sibling !== undefined &&
      bases.includes(`${sibling.product.id}:${sibling.sku.id}`.toUpperCase())
    );
  });
  return owned || inCart
    ? undefined
    : lineError(
        CART_ERRORS.baseOfferSeatQuantityNotMet,
        `Add-on needs an active base subscription (${bases.join(', ')}).`,
      );
}
