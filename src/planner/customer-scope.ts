import type {
  BlockedCode,
  BlockedEntry,
  Binding,
  DesiredCustomer,
  DriftPolicy,
  InFlightPurchase,
  ItemField,
  ItemKey,
  ItemSourceRef,
  ObservedCustomer,
  PlanAction,
  ActionKind,
  SourceRef,
  SubscriptionId,
} from '../model/index.js';
import type { CatalogIndex } from './catalog-index.js';

/** One customer's slice of the plan input, indexed for map lookups. */
export interface CustomerScope {
  readonly customer: DesiredCustomer;
  readonly observed: ObservedCustomer;
  /** This customer's bindings by item key. */
  readonly bindings: ReadonlyMap<ItemKey, Binding>;
  /** This customer's purchases in flight by item key. */
  readonly inFlight: ReadonlyMap<ItemKey, InFlightPurchase>;
  readonly catalog: CatalogIndex;
  readonly now: Date;
  /** Partner Center's clock minus the agent's (`ObservedState.serverClockSkewMs`). */
  readonly clockSkewMs?: number | undefined;
  /** `PlanInput.stateResetAt`. */
  readonly stateResetAt?: string | undefined;
  /** `policy.drift`: the drift policy of items whose spec names none (absent: `revert`). */
  readonly drift?: DriftPolicy | undefined;
}

/** What planning one customer produces before policy and ordering. */
export interface CustomerPlan {
  readonly actions: PlanAction[];
  readonly blocked: BlockedEntry[];
}

/** Options for a blocked entry: the live subscription concerned and the action that was wanted. */
export interface BlockOptions {
  readonly subscriptionId?: SubscriptionId | undefined;
  readonly wanted?: ActionKind | undefined;
  /** Spec errors: where in the spec (see {@link fieldSource}). */
  readonly source?: SourceRef | undefined;
}

/** Builds a blocked entry for `item` of the scope's customer. */
export function blockedEntry(
  scope: CustomerScope,
  item: ItemKey,
  code: BlockedCode,
  reason: string,
  options: BlockOptions = {},
): BlockedEntry {
  return {
    customerId: scope.customer.id,
    customerName: scope.customer.name,
    item,
    ...(options.subscriptionId === undefined ? {} : { subscriptionId: options.subscriptionId }),
    code,
    reason,
    ...(options.wanted === undefined ? {} : { wanted: options.wanted }),
    ...(options.source === undefined ? {} : { source: options.source }),
  };
}

/**
 * Where a spec error points: the first of `fields` whose position the loader recorded, else the
 * item's key.
 */
export function fieldSource(source: ItemSourceRef, ...fields: ItemField[]): SourceRef {
  for (const field of fields) {
    const at = source.fields?.[field];
    if (at !== undefined) return { file: source.file, line: at.line, col: at.col };
  }
  return { file: source.file, line: source.line, col: source.col };
}

/** The fields every action of the scope's customer shares. */
export function actionBase(scope: CustomerScope, item: ItemKey) {
  return { customerId: scope.customer.id, customerName: scope.customer.name, item } as const;
}
