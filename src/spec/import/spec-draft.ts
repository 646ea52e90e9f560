import type { SubscriptionBilling, Term } from '../../model/index.js';

/**
 * What `qm import` writes into a spec: a customer's live subscriptions as spec items, and the
 * ones the spec format cannot state as notes (YAML comments; they stay unmanaged).
 * docs/cli-import.md.
 */

/** One live subscription as a spec item, bound to it by `subscriptionId:`. */
export interface DraftItem {
  readonly key: string;
  readonly product: string;
  readonly sku: string;
  readonly term: Term;
  readonly billing: SubscriptionBilling;
  readonly quantity: number;
  readonly autoRenew: boolean;
  readonly subscriptionId: string;
  /** Comment lines written above the item (e.g. a change Partner Center has scheduled). */
  readonly comment?: readonly string[];
}

/** A live subscription the spec format cannot state: written as a comment, left unmanaged. */
export interface DraftNote {
  readonly subscriptionId: string;
  /** What it is, e.g. `Azure plan (DZH318Z0BPS6:0001), 1 seat`. */
  readonly what: string;
  /** Why it stays unmanaged, and what to do about it if anything. */
  readonly reason: string;
}

/** A whole new spec document for one customer. */
export interface SpecDraft {
  readonly customer: { readonly id: string; readonly name: string; readonly country: string };
  readonly items: readonly DraftItem[];
  readonly notes: readonly DraftNote[];
}

/** Item keys are at most 80 characters (specs/schema.json); slugs stop at 60 to leave room for a suffix. */
const SLUG_MAX = 60;

/**
 * A readable lower-case slug of `text`: accents dropped (`München` → `munchen`), every run of
 * other characters one `-`, no leading or trailing `-`, at most 60 characters. Empty when
 * nothing of `text` is a Latin letter or digit.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
}

/**
 * A spec item key for a subscription named `name`, unique among `taken` (compared without
 * case; the key is added to it): the slug of the name, else of `fallback` (`product-sku`),
 * with `-2`, `-3`, … when already used. The same inputs in the same order give the same keys.
 */
export function uniqueItemKey(name: string, fallback: string, taken: Set<string>): string {
  const base = slugify(name) || slugify(fallback) || 'subscription';
  let key = base;
  for (let n = 2; taken.has(key.toLowerCase()); n += 1) key = `${base}-${n}`;
  taken.add(key.toLowerCase());
  return key;
}

/** The file name stem of a new spec: the slug of the company name, else `customer-<id>`. */
export function specFileStem(companyName: string, customerId: string): string {
  return slugify(companyName) || `customer-${customerId.toLowerCase()}`;
}
