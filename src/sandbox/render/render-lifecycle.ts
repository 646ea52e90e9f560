import type { AllowedEndDate } from '../engine/custom-term-end-dates.js';
import type { TransitionTarget } from '../engine/transition-eligibility.js';
import type { SandboxDialect } from '../options.js';
import type { TransitionRecord } from '../store/transition-record.js';
import { link, type JsonObject } from '../wire.js';
import { pascalEnum } from './enum-case.js';

/**
 * Transitions and custom term end dates as the documented examples print them
 * (test/wire/corpus/subscriptions: transition-a-new-commerce-subscription, get-transitions,
 * custom-term-end-dates). The `documented` dialect copies their warts: `Events`,
 * `FromCatalogItemId`/`ToCatalogItemId` PascalCase in the list, `"Started "` with its trailing
 * space, a PascalCase billing cycle, end dates without an offset, no `links` on eligibilities.
 * The `extended` dialect answers camelCase with every field of the SDK models.
 */

/** `GET …/transitionEligibilities`: a Collection of TransitionEligibility (2023 text). */
export function renderEligibilities(
  targets: readonly TransitionTarget[],
  operationId: string,
  selfUri: string,
  dialect: SandboxDialect,
): JsonObject {
  const items = targets.map((t) => ({
    operationId,
    catalogItemId: t.catalogItemId,
    title: t.sku.title,
    description: t.sku.description ?? t.sku.title,
    quantity: t.quantity,
    ...(t.targets.length === 0
      ? {}
      : {
          subscriptionEligibilities: t.targets.map((s) => ({
            isEligible: s.isEligible,
            subscriptionId: s.subscription.id,
            subscriptionFriendlyName: s.subscription.friendlyName,
            subscriptionTermDuration: s.subscription.termDuration ?? '',
            subscriptionBillingCycle: s.subscription.billingCycle,
            errors: s.errors.map((e) => ({ ...e })),
          })),
        }),
    eligibilities: t.details.map((d) => ({
      isEligible: d.isEligible,
      transitionType: d.transitionType,
      errors: d.errors.map((e) => ({ ...e })),
    })),
    attributes: { objectType: 'TransitionEligibility' },
  }));
  return {
    totalCount: items.length,
    items,
    ...(dialect === 'extended' ? { links: { self: link(selfUri) } } : {}),
    attributes: { objectType: 'Collection' },
  };
}

/**
 * A Transition. `events` is how many of its events to show: the POST answers the first
 * ("Started") as documented, the list every one.
 */
export function renderTransition(
  record: TransitionRecord,
  dialect: SandboxDialect,
  shape: 'answer' | 'list-item',
  events = record.events.length,
): JsonObject {
  const documented = dialect === 'documented';
  const shown = record.events.slice(0, events).map((e) => ({
    name: e.name,
    // The examples print `"Started "` (trailing space); clients must trim.
    status: documented && e.status === 'Started' ? 'Started ' : e.status,
    timestamp: e.timestamp,
    attributes: { objectType: 'TransitionEvent' },
  }));
  const billingCycle = documented ? pascalEnum(record.billingCycle) : record.billingCycle;
  if (documented && shape === 'list-item') {
    // get-transitions prints only these, PascalCase where shown (2023 text adds operationId).
    return {
      operationId: record.operationId,
      FromCatalogItemId: record.fromCatalogItemId,
      ToCatalogItemId: record.toCatalogItemId,
      quantity: record.quantity,
      transitionType: record.transitionType,
      Events: shown,
      attributes: { objectType: 'Transition' },
    };
  }
  return {
    ...(documented ? {} : { operationId: record.operationId }),
    fromCatalogItemId: record.fromCatalogItemId,
    fromSubscriptionId: record.fromSubscriptionId,
    toCatalogItemId: record.toCatalogItemId,
    toSubscriptionId: record.toSubscriptionId,
    quantity: record.quantity,
    termDuration: record.termDuration ?? '',
    billingCycle,
    transitionType: record.transitionType,
    [documented ? 'Events' : 'events']: shown,
    attributes: { objectType: 'Transition' },
  };
}

/** `GET …/transitions`: `{"transition": [...]}` as documented (no `items`, no `totalCount`). */
export function renderTransitionList(
  records: readonly TransitionRecord[],
  dialect: SandboxDialect,
): JsonObject {
  return {
    transition: records.map((r) => renderTransition(r, dialect, 'list-item')),
    attributes: { objectType: 'Collection' },
  };
}

/** `GET …/subscriptions/customTermEndDates`: a Collection with a self link. */
export function renderCustomTermEndDates(
  dates: readonly AllowedEndDate[],
  selfUri: string,
  dialect: SandboxDialect,
): JsonObject {
  const day = (d: Date): string => {
    const text = `${d.toISOString().slice(0, 10)}T00:00:00`;
    return dialect === 'documented' ? text : `${text}Z`;
  };
  const items = dates.map((d) => ({
    allowedCustomTermEndDateType: d.type,
    ...(d.type === 'subscriptionAligned' ? { cotermSubscriptionIds: d.subscriptionIds } : {}),
    allowedCustomTermEndDate: day(d.day),
  }));
  return {
    totalCount: items.length,
    items,
    links: { self: link(selfUri) },
    attributes: { objectType: 'Collection' },
  };
}
