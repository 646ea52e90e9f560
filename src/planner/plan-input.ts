import type {
  Binding,
  CatalogView,
  DesiredState,
  InFlightPurchase,
  ObservedState,
  PlanTarget,
  Policy,
  PriceBook,
  PromotionOffer,
} from '../model/index.js';

/**
 * Everything `buildPlan` needs, gathered by the agent. The planner reads nothing else: no I/O,
 * no clock (`now` is an input), no randomness.
 */
export interface PlanInput {
  /** Validated specs. Customers with no entry in `observed` are out of scope and ignored. */
  readonly desired: DesiredState;
  /** Live state; customers in `observed.failures` get no actions (fail closed). */
  readonly observed: ObservedState;
  /** The state store's item → subscription/order bindings. */
  readonly bindings: readonly Binding[];
  /** Purchases whose orders are known but not visible yet: answered with `in-flight`. */
  readonly inFlight: readonly InFlightPurchase[];
  /**
   * Catalog views keyed by upper-case ISO country code, holding at least the entries
   * `requiredCatalogEntries(desired)` lists. A missing entry reads as "not sold there".
   */
  readonly catalog: ReadonlyMap<string, CatalogView>;
  readonly policy: Policy;
  /**
   * Prices for `cost` on actions and the money summary (docs/money.md). Absent: the plan carries
   * no money fields at all (the agent always passes one, empty with a note when unconfigured).
   */
  readonly prices?: PriceBook;
  /**
   * Promotions the customer was found eligible for, keyed by `promotionKey` (customer, product,
   * SKU, term, billing): a purchase of that shape carries it and is priced with its discount.
   */
  readonly promotions?: ReadonlyMap<string, PromotionOffer>;
  /**
   * `coterm` items resolved to an allowed `customTermEndDate`, keyed `customerId/itemKey`: the
   * purchase carries it to the cart line and is priced for its shorter first term.
   */
  readonly coterms?: ReadonlyMap<string, string>;
  /** The instant refund and cancellation windows are judged against; becomes `createdAt`. */
  readonly now: Date;
  /**
   * When the state store was started again on purpose (`qm state reset`). Its journal of
   * purchases in flight is gone, and a new order stays out of the orders list for up to 15
   * minutes, so nothing is bought until that long after the reset.
   */
  readonly stateResetAt?: string | undefined;
  /**
   * `--target CUSTOMER/ITEM`: a customer named here is planned for these items only (and what
   * they depend on); its other items and unmanaged subscriptions are left out. Absent = every
   * item of every customer in scope.
   */
  readonly targets?: readonly PlanTarget[];
  /** The state serial, shown in the plan; the planner computes the digests itself. */
  readonly basis: {
    readonly stateSerial: number;
  };
}
