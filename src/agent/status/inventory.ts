import type {
  ActionKey,
  ActionKind,
  BlockedCode,
  CustomerId,
  ItemKey,
  OrderId,
  PurchaseKind,
  SubscriptionId,
} from '../../model/index.js';
import type { RenewalDeadlines, RenewalShape } from '../renewals/index.js';

/**
 * The inventory `qm status` shows and the dashboard reuses (docs/cli-status-history.md): per
 * customer, one row per spec item and one per live subscription no item manages. Plain data
 * built offline from the state store (the last refresh's snapshots, the journal, bindings);
 * nothing plans or decides on it.
 */

/**
 * Where an item stands, from the plan the last refresh (plus the agent's own later changes)
 * implies:
 * - `managed`: in sync, nothing to do;
 * - `absent`: not owned yet, a purchase is planned;
 * - `drifted`: owned, a change is planned (`planned` lists it);
 * - `blocked`: cannot move (`blocked` holds the code and reason);
 * - `in-flight`: a purchase is placed and its subscription not visible yet;
 * - `adopt-required`: an unbound live subscription matches; `qm import` binds it;
 * - `tombstone`: `ensure: cancelled` and nothing is left to cancel;
 * - `unobserved`: the customer has never been read (run `qm plan`).
 */
export const ITEM_STATES = [
  'managed',
  'absent',
  'drifted',
  'blocked',
  'in-flight',
  'adopt-required',
  'tombstone',
  'unobserved',
] as const;
export type ItemState = (typeof ITEM_STATES)[number];

/** A change the agent made after the customer's last refresh (from the journal). */
export interface ItemChange {
  /** When the last such call succeeded. */
  readonly at: string;
  /** The action kinds applied, in order, without repeats. */
  readonly kinds: readonly ActionKind[];
}

/** A planned action for the item: what `qm apply` would do now. */
export interface PlannedChange {
  readonly kind: ActionKind;
  readonly key: ActionKey;
  readonly reason: string;
}

/** Why an item cannot move. */
export interface ItemBlock {
  readonly code: BlockedCode;
  readonly reason: string;
}

/** What the live subscription is, when it differs from the spec's shape or is not active. */
export interface LiveShape {
  readonly productId: string;
  readonly skuId: string;
  readonly termDuration: string;
  readonly billingCycle: string;
  readonly status: string;
}

export interface InventoryItem {
  /** The spec key. */
  readonly item: ItemKey;
  readonly kind: 'subscription' | PurchaseKind;
  /** Display only: the catalog title, the plan's or journal's name, or the live friendly name. */
  readonly productName?: string;
  /** As the spec declares it. */
  readonly productId: string;
  readonly skuId: string;
  readonly term?: string;
  readonly billing: string;
  /** Present on tombstones (`ensure: cancelled`). */
  readonly ensure?: 'cancelled';
  /**
   * `desired`: the spec's quantity (absent on a tombstone without one). `live`: the managed (or,
   * for `adopt-required`, the matching) subscription's seats; for one-time items, what was bought.
   */
  readonly seats: { readonly desired?: number; readonly live?: number };
  /** Subscriptions: the spec's autorenew and the live one's. */
  readonly autoRenew?: { readonly desired: boolean; readonly live?: boolean };
  readonly subscriptionId?: SubscriptionId;
  readonly orderId?: OrderId;
  /** The live subscription's shape and status, when they differ from the spec or it is not active. */
  readonly live?: LiveShape;
  /** The next renewal (00:00 UTC after `commitmentEndDate`), when Partner Center states one. */
  readonly renewsAt?: string;
  readonly daysLeft?: number;
  /** Scheduled in Partner Center for the renewal (`scheduledNextTermInstructions`). */
  readonly scheduledChange?: RenewalShape;
  /** Autorenew is off: the subscription ends at `renewsAt`. */
  readonly endsAtRenewal?: true;
  /** Windows open now (refund, cancellation). */
  readonly deadlines?: RenewalDeadlines;
  readonly state: ItemState;
  /** Actions the plan holds for the item (drift, or the purchase of an absent item). */
  readonly planned: readonly PlannedChange[];
  /** The first blocked entry of the item, when there is one. */
  readonly blocked?: ItemBlock;
  /** Set when the agent changed the item after the last refresh: no refresh has seen it yet. */
  readonly changed?: ItemChange;
}

/** A live subscription no spec item manages (listed once: never also under an item). */
export interface UnmanagedSubscription {
  readonly subscriptionId: SubscriptionId;
  readonly productName?: string;
  readonly offerId: string;
  readonly quantity: number;
  readonly status: string;
  /**
   * Unbound items of the same product, SKU, term and billing that cannot pick it alone
   * (`ambiguous-match`): bind one with `qm import` or `subscriptionId:`.
   */
  readonly candidateFor?: readonly ItemKey[];
}

export interface InventoryCustomer {
  readonly customerId: CustomerId;
  readonly customerName: string;
  /** The spec file declaring the customer, relative to the specs folder. */
  readonly specFile?: string;
  /** When Partner Center was last read for this customer; absent: never. */
  readonly observedAt?: string;
  /** Spec items, in key order (subscriptions and one-time purchases together). */
  readonly items: readonly InventoryItem[];
  /** Live subscriptions no item manages, by subscription id. */
  readonly unmanaged: readonly UnmanagedSubscription[];
}
