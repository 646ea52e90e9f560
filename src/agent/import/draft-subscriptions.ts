import {
  isTerm,
  normaliseBilling,
  SUBSCRIPTION_BILLING,
  type CatalogSku,
  type LiveSubscription,
  type SubscriptionBilling,
  type Term,
} from '../../model/index.js';
import { uniqueItemKey, type DraftItem, type DraftNote } from '../../spec/index.js';

/** What {@link draftSubscriptions} works from, for one customer. */
export interface DraftInput {
  /** Live subscriptions no spec item covers (not deleted or expired). */
  readonly live: readonly LiveSubscription[];
  /** Catalog SKUs of these subscriptions, when they could be read: titles and trials. */
  readonly skus?: readonly CatalogSku[];
  /** Keys the customer already uses (spec items, bindings), compared without case; extended. */
  readonly taken: Set<string>;
  /** A key the state already binds a subscription to (an item that left the spec): reused. */
  readonly boundKey?: ReadonlyMap<string, string>;
}

/** A spec item's product and SKU ids (specs/schema.json). */
const ID = /^[A-Za-z0-9]+$/;

/**
 * The live subscriptions as spec items that plan clean (the planner's matching:
 * `subscriptionId:` binds, and product, SKU, term, billing, seats and autorenew equal the live
 * ones, so nothing is planned), or as notes where the spec format cannot state them: a trial,
 * an Azure plan or any subscription without a term and billing an item can state, a one-time
 * purchase, a legacy offer, no seats, or a change scheduled at renewal to another quantity
 * (an item states one quantity, so it would undo that change). Keys come from the catalog SKU
 * title, else the subscription's name, else `product-sku`, unique within the customer, in a
 * stable order. Pure.
 */
export function draftSubscriptions(input: DraftInput): { items: DraftItem[]; notes: DraftNote[] } {
  const named = input.live.map((live) => ({ live, sku: skuOf(input.skus, live) }));
  named.sort((a, b) => compare(sortKey(a.live, a.sku), sortKey(b.live, b.sku)));
  const items: DraftItem[] = [];
  const notes: DraftNote[] = [];
  const drafts: {
    live: LiveSubscription;
    sku?: CatalogSku;
    term: Term;
    billing: SubscriptionBilling;
  }[] = [];
  for (const { live, sku } of named) {
    const term = live.termDuration.toUpperCase();
    const billing = normaliseBilling(live.billingCycle);
    const reason = unstateable(live, sku, term, billing);
    if (reason !== undefined || !isTerm(term) || !isSubscriptionBilling(billing)) {
      notes.push({ subscriptionId: live.id, what: describe(live, sku), reason: reason ?? '' });
      continue;
    }
    drafts.push({ live, ...(sku === undefined ? {} : { sku }), term, billing });
  }
  // Keys the state already binds come first, so a new key never takes one of them.
  const keys = new Map<string, string>();
  for (const { live } of drafts) {
    const key = input.boundKey?.get(live.id);
    if (key !== undefined) keys.set(live.id, key);
  }
  for (const { live, sku, term, billing } of drafts) {
    const key =
      keys.get(live.id) ??
      uniqueItemKey(nameOf(live, sku), `${live.productId}-${live.skuId}`, input.taken);
    const comment = itemComment(live);
    items.push({
      key,
      product: live.productId,
      sku: live.skuId,
      term,
      billing,
      quantity: live.quantity,
      autoRenew: live.autoRenewEnabled,
      subscriptionId: live.id,
      ...(comment.length === 0 ? {} : { comment }),
    });
  }
  return { items, notes };
}

/** Why the spec format cannot state `live`, or `undefined` when an item can. */
function unstateable(
  live: LiveSubscription,
  sku: CatalogSku | undefined,
  term: string,
  billing: string,
): string | undefined {
  if (live.isTrial === true || sku?.isTrial === true)
    return 'a trial: it ends, or converts to a paid subscription in Partner Center, and a spec item cannot ask for either; run qm import again once it is converted';
  if (sku?.productKind === 'software')
    return 'software (perpetual, or a software subscription): the spec declares software under purchases:, bought by the agent and tracked by its order, so software bought elsewhere is left as it is';
  if (billing === 'one_time' || sku?.productKind === 'azure-reservation')
    return 'a one-time purchase: spec items under purchases: are bought by the agent and tracked by their order, so one bought elsewhere is left as it is';
  if (!ID.test(live.productId) || !ID.test(live.skuId))
    return `a legacy offer (${live.offerId}): spec items name new-commerce products by product and SKU id`;
  if (term === '' || sku?.productKind === 'azure-plan')
    return 'no commitment term (billed by usage, as an Azure plan is): a spec item states seats, a term and a billing cycle';
  if (!isTerm(term) || !isSubscriptionBilling(billing))
    return `term ${live.termDuration} billed ${live.billingCycle}: a spec item states a term of P1M, P1Y or P3Y billed monthly, annual or triennial`;
  if (!Number.isInteger(live.quantity) || live.quantity < 1)
    return `${live.quantity} seats: a spec item needs at least 1`;
  const next = live.scheduledNextTermInstructions;
  if (next !== undefined && next.quantity !== live.quantity)
    return `Partner Center has a change scheduled for the renewal${on(live)} to ${next.quantity} seats: an item states one quantity, so importing it at ${live.quantity} would undo that change; run qm import again after the renewal`;
  return undefined;
}

/** Comment lines above an item: a status other than active, a change of shape scheduled at renewal. */
function itemComment(live: LiveSubscription): string[] {
  const lines: string[] = [];
  if (live.status.toLowerCase() !== 'active')
    lines.push(`${live.status} in Partner Center: nothing is changed while it is not active`);
  const next = live.scheduledNextTermInstructions;
  if (next !== undefined) {
    const shape = `${next.productId}:${next.skuId} ${next.termDuration ?? live.termDuration}/${normaliseBilling(next.billingCycle ?? live.billingCycle)}`;
    lines.push(
      `Partner Center has a change scheduled for the renewal${on(live)} to ${shape}; changing this item's seats replaces it`,
    );
  }
  return lines;
}

function on(live: LiveSubscription): string {
  return live.commitmentEndDate === undefined ? '' : ` on ${live.commitmentEndDate.slice(0, 10)}`;
}

function describe(live: LiveSubscription, sku: CatalogSku | undefined): string {
  const status = live.status.toLowerCase() === 'active' ? '' : `, ${live.status}`;
  return `${nameOf(live, sku)} (${live.productId}:${live.skuId}) × ${live.quantity}${status}`;
}

function nameOf(live: LiveSubscription, sku: CatalogSku | undefined): string {
  const title = sku?.title.trim();
  if (title !== undefined && title !== '') return title;
  return live.friendlyName.trim() || `${live.productId}:${live.skuId}`;
}

function skuOf(
  skus: readonly CatalogSku[] | undefined,
  live: LiveSubscription,
): CatalogSku | undefined {
  const product = live.productId.toLowerCase();
  const id = live.skuId.toLowerCase();
  return skus?.find((s) => s.productId.toLowerCase() === product && s.skuId.toLowerCase() === id);
}

function sortKey(live: LiveSubscription, sku: CatalogSku | undefined): string[] {
  return [
    nameOf(live, sku).toLowerCase(),
    live.termDuration,
    live.billingCycle,
    live.creationDate,
    live.id,
  ];
}

function compare(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function isSubscriptionBilling(value: string): value is SubscriptionBilling {
  return (SUBSCRIPTION_BILLING as readonly string[]).includes(value);
}
