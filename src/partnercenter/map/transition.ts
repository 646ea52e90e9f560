import {
  parseSubscriptionId,
  type SubscriptionId,
  type TargetSubscriptionEligibility,
  type Transition,
  type TransitionError,
  type TransitionEligibility,
  type TransitionEvent,
  type TransitionRequest,
} from '../../model/index.js';
import type {
  TargetSubscriptionEligibilityDto,
  TransitionDto,
  TransitionEligibilityDto,
  TransitionErrorDto,
  TransitionEventDto,
} from '../dto/lifecycle-dto.js';
import { BILLING_CYCLE_VALUES, enumText } from './enum-text.js';
import {
  arrayOf,
  asRecord,
  compact,
  malformed,
  optBoolean,
  optInstant,
  optNumber,
  optString,
  reqNumber,
  reqString,
  splitOfferId,
} from './wire-read.js';

/**
 * Maps the transition resources (docs/partner-center-api.md §5.5): eligibilities, the transition
 * a POST answers and the ones `GET …/transitions` lists. Keys arrive normalised (the examples
 * print `FromCatalogItemId` and `Events`); event statuses are trimmed (`"Started "`).
 */

/** One `transitionEligibilities` item; the catalog item id must name a product and SKU. */
export function mapTransitionEligibility(item: unknown): TransitionEligibility {
  const dto = asRecord(item, 'transition eligibility') as TransitionEligibilityDto;
  const catalogItemId = reqString(dto.catalogItemId, 'transitionEligibility.catalogItemId');
  const parts = splitOfferId(catalogItemId);
  if (parts === undefined) throw malformed(`transitionEligibility.catalogItemId ${catalogItemId}`);
  const at = `transitionEligibility ${catalogItemId}`;
  return {
    catalogItemId,
    productId: parts.productId,
    skuId: parts.skuId,
    title: optString(dto.title) ?? '',
    quantity: reqNumber(dto.quantity, `${at} quantity`),
    eligibilities: arrayOf(dto.eligibilities).map((detail) => ({
      transitionType: optString(detail.transitionType) ?? '',
      isEligible: optBoolean(detail.isEligible) ?? false,
      errors: mapErrors(detail.errors),
    })),
    ...compact({
      description: optString(dto.description),
      operationId: optString(dto.operationId),
      subscriptionEligibilities:
        dto.subscriptionEligibilities === undefined
          ? undefined
          : arrayOf(dto.subscriptionEligibilities).map((t, i) =>
              mapTargetSubscription(t, `${at} subscriptionEligibilities[${i}]`),
            ),
    }),
  };
}

function mapTargetSubscription(
  dto: TargetSubscriptionEligibilityDto,
  at: string,
): TargetSubscriptionEligibility {
  return {
    subscriptionId: subscriptionIdOf(dto.subscriptionId, `${at}.subscriptionId`),
    isEligible: optBoolean(dto.isEligible) ?? false,
    errors: mapErrors(dto.errors),
    ...compact({
      friendlyName: optString(dto.subscriptionFriendlyName),
      termDuration: optString(dto.subscriptionTermDuration),
      billingCycle: enumText(dto.subscriptionBillingCycle, BILLING_CYCLE_VALUES),
    }),
  };
}

/** A Transition resource (POST answer or list item). */
export function mapTransition(body: unknown): Transition {
  const dto = asRecord(body, 'transition') as TransitionDto;
  const to = reqString(dto.toCatalogItemId, 'transition.toCatalogItemId');
  const at = `transition to ${to}`;
  return {
    toCatalogItemId: to,
    quantity: reqNumber(dto.quantity, `${at} quantity`),
    transitionType: optString(dto.transitionType) ?? '',
    events: arrayOf(dto.events).map((e, i) => mapEvent(e, `${at} events[${i}]`)),
    ...compact({
      operationId: optString(dto.operationId),
      fromCatalogItemId: optString(dto.fromCatalogItemId),
      fromSubscriptionId: optSubscriptionId(dto.fromSubscriptionId, `${at} fromSubscriptionId`),
      toSubscriptionId: optSubscriptionId(dto.toSubscriptionId, `${at} toSubscriptionId`),
      termDuration: optString(dto.termDuration),
      billingCycle: enumText(dto.billingCycle, BILLING_CYCLE_VALUES),
    }),
  };
}

/** `{transition: [...]}` as documented, or a Collection's `items`. */
export function transitionListItems(body: unknown): unknown[] {
  if (body === undefined || body === null) return [];
  const record = asRecord(body, 'transitions');
  const list = record['transition'] ?? record['transitions'] ?? record['items'] ?? [];
  if (!Array.isArray(list)) throw malformed('transitions.transition (an array)');
  return list;
}

/** The POST body, camelCase as documented; the billing cycle PascalCase (`"Monthly"`). */
export function transitionRequestToWire(request: TransitionRequest): Record<string, unknown> {
  return compact({
    fromCatalogItemId: request.fromCatalogItemId,
    fromSubscriptionId: request.fromSubscriptionId,
    toCatalogItemId: request.toCatalogItemId,
    toSubscriptionId: request.toSubscriptionId,
    quantity: request.quantity,
    termDuration: request.termDuration,
    billingCycle: request.billingCycle === undefined ? undefined : pascal(request.billingCycle),
    transitionType: request.transitionType,
    promotionId: request.promotionId,
  });
}

function mapEvent(dto: TransitionEventDto, at: string): TransitionEvent {
  return {
    name: optString(dto.name) ?? '',
    status: (optString(dto.status) ?? '').trim(),
    errors: mapErrors(dto.errors),
    ...compact({ timestamp: optInstant(dto.timestamp, `${at}.timestamp`) }),
  };
}

function mapErrors(errors: readonly TransitionErrorDto[] | undefined): TransitionError[] {
  return arrayOf(errors).map((e) => ({
    code: optNumber(e.code) ?? optString(e.code) ?? '',
    description: optString(e.description) ?? '',
  }));
}

function subscriptionIdOf(value: unknown, what: string): SubscriptionId {
  const id = optSubscriptionId(value, what);
  if (id === undefined) throw malformed(what);
  return id;
}

/** A subscription id when present; a present value that is not a GUID is an error naming it. */
function optSubscriptionId(value: unknown, what: string): SubscriptionId | undefined {
  const text = optString(value);
  if (text === undefined || text === '') return undefined;
  const id = parseSubscriptionId(text);
  if (id === undefined) throw malformed(`${what} (a GUID; got ${JSON.stringify(text)})`);
  return id;
}

function pascal(value: string): string {
  return value
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('');
}
