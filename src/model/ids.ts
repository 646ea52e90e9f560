import { isGuid, type Brand } from '../support/index.js';

/** Customer tenant id (a GUID, lower-cased). */
export type CustomerId = Brand<string, 'CustomerId'>;
/** Partner Center subscription id (a GUID, lower-cased). */
export type SubscriptionId = Brand<string, 'SubscriptionId'>;
/** Partner Center order id (opaque string). */
export type OrderId = Brand<string, 'OrderId'>;
/** A spec item key: stable and unique within one customer (`m365-business-premium`). */
export type ItemKey = Brand<string, 'ItemKey'>;
/** A plan action's deterministic key (hash of kind + target + desired values). */
export type ActionKey = Brand<string, 'ActionKey'>;

/** Parses a customer id; returns `undefined` when it is not a GUID. */
export function parseCustomerId(value: string): CustomerId | undefined {
  return isGuid(value) ? (value.toLowerCase() as CustomerId) : undefined;
}

/** Parses a subscription id; returns `undefined` when it is not a GUID. */
export function parseSubscriptionId(value: string): SubscriptionId | undefined {
  return isGuid(value) ? (value.toLowerCase() as SubscriptionId) : undefined;
}

/** Order ids are opaque; any non-empty string is accepted. */
export function parseOrderId(value: string): OrderId | undefined {
  return value.trim() === '' ? undefined : (value as OrderId);
}

const ITEM_KEY = /^[a-z0-9][a-z0-9._-]{0,79}$/i;

/** Item keys: 1–80 characters of letters, digits, `.`, `_`, `-`, starting alphanumeric. */
export function parseItemKey(value: string): ItemKey | undefined {
  return ITEM_KEY.test(value) ? (value as ItemKey) : undefined;
}

/** Action keys are produced by the planner's hashing; this only brands a stored value. */
export function parseActionKey(value: string): ActionKey | undefined {
  return /^[a-z-]+:[0-9a-f]{8,64}$/.test(value) ? (value as ActionKey) : undefined;
}
