import type {
  InventoryCustomer,
  InventoryItem,
  RenewalEntry,
  RenewalPrice,
} from '../agent/index.js';
import type { ActionKind, CurrencyCost, CustomerId } from '../model/index.js';
import type { RunRecord } from '../state/index.js';

/**
 * What the dashboard's cached pages read (docs/dashboard.md): one value built from the state
 * store and the specs (`buildEstateView`), replaced whole when either changes. Plain data.
 */

/** A customer's headline, for the overview tiles, the list and its badge. */
export type CustomerHealth = 'in-sync' | 'drifted' | 'blocked' | 'in-flight' | 'unobserved';

/** An inventory row with the subscription's monthly run rate from the cached price sheets. */
export type ItemView = InventoryItem & { readonly price?: RenewalPrice };

export interface CustomerView extends Omit<InventoryCustomer, 'items'> {
  readonly items: readonly ItemView[];
  readonly health: CustomerHealth;
  /** Items per headline state. */
  readonly counts: Readonly<Record<CustomerHealth, number>>;
}

/** What needs a person, and by when (`deadline` absent: as soon as possible). */
export interface AttentionEntry {
  readonly kind:
    | 'row-in-doubt'
    | 'refund-window'
    | 'cancel-window'
    | 'renewal-decision'
    | 'blocked'
    | 'plan-awaiting-review';
  readonly deadline?: string;
  readonly customerId?: CustomerId;
  readonly customerName?: string;
  readonly item?: string;
  readonly productName?: string;
  /** One line: what is wrong and what to do. */
  readonly detail: string;
  /** A plan id (plans awaiting review). */
  readonly planId?: string;
}

/** A saved plan's headline (its body is read on its own page). */
export interface PlanHeadline {
  readonly id: string;
  readonly savedAt: string;
  readonly createdAt: string;
  readonly actions: number;
  readonly byKind: Readonly<Partial<Record<ActionKind, number>>>;
  readonly blocked: number;
  readonly customers: number;
  readonly irreversible: number;
  /** Money per currency (`summary.cost`). */
  readonly cost: Readonly<Record<string, CurrencyCost>>;
  readonly unpriced: number;
}

export interface EstateCounts {
  readonly customers: number;
  /** Spec items (subscriptions and one-time purchases). */
  readonly items: number;
  /** Items bound to something live. */
  readonly managed: number;
  readonly inSync: number;
  readonly drifted: number;
  readonly blocked: number;
  readonly inFlight: number;
  readonly unobserved: number;
  readonly unmanaged: number;
}

/** What `buildEstateView` builds: plain data, every list whole (in the worker thread). */
export interface EstateData {
  /** The dashboard clock's instant this view was built at. */
  readonly builtAt: string;
  /** Oldest and newest refresh of a customer, when any. */
  readonly observed?: { readonly oldest: string; readonly newest: string };
  readonly counts: EstateCounts;
  /** Customers by name, then id. */
  readonly customers: readonly CustomerView[];
  /** Sorted by deadline (undated last, rows in doubt first among them). */
  readonly attention: readonly AttentionEntry[];
  /** Every managed subscription's renewal, by date (priced where the cache has the sheet). */
  readonly renewals: readonly RenewalEntry[];
  /** The newest saved plans awaiting review, newest first. */
  readonly plans: readonly PlanHeadline[];
  /** The newest run of any command, and the newest reconcile cycle (`run`, `apply`). */
  readonly lastRun?: RunRecord;
  readonly lastCycle?: RunRecord;
  /** Why the view may be incomplete (no state yet, spec errors): shown on every page. */
  readonly problems: readonly string[];
}

/** A customer's line in lists and badges: its headline without its items. */
export interface CustomerSummary extends Omit<CustomerView, 'items' | 'unmanaged'> {
  readonly itemCount: number;
  readonly unmanagedCount: number;
}

/** A list read a slice at a time (its entries are parsed when a page asks for them). */
export interface LazyList<T> {
  readonly length: number;
  slice(start: number, end: number): T[];
}

/**
 * What the pages read (view-transfer.ts decodes it from the worker's `EstateData`): the small
 * parts as data, a customer's items and the long lists parsed only when a page shows them, so
 * the server thread holds few objects (a new view arrives without long collections).
 */
export interface EstateView extends Omit<EstateData, 'customers' | 'attention' | 'renewals'> {
  /** Customers by name, then id. */
  readonly customers: readonly CustomerSummary[];
  summaryOf(customerId: string): CustomerSummary | undefined;
  /** The whole customer: items and unmanaged subscriptions. */
  customer(customerId: string): CustomerView | undefined;
  readonly attention: LazyList<AttentionEntry>;
  /** By renewal date, undated last; `daysLeft[i]` is entry i's (null: undated). */
  readonly renewals: LazyList<RenewalEntry> & { readonly daysLeft: readonly (number | null)[] };
}
