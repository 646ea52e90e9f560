import type {
  ActionKey,
  ActionKind,
  Binding,
  CatalogSku,
  CustomerId,
  ItemKey,
  LiveOrder,
  LiveSubscription,
  OrderId,
  ScheduledNextTerm,
  SubscriptionId,
  Transition,
  TransitionRequest,
} from '../model/index.js';

/**
 * The ports the applier needs, owned here (STYLE §5): `partnercenter/` and `state/` satisfy them
 * and `app/` wires them. They are deliberately narrow: only what executing a plan requires.
 */

/** The mutating call a journal row guards. */
export type JournalStep =
  'create-cart' | 'checkout' | 'register' | 'patch-subscription' | 'create-transition';
export type JournalStatus = 'in-flight' | 'succeeded' | 'failed' | 'unknown';

export interface JournalIntent {
  readonly runId?: string;
  readonly actionKey: ActionKey;
  readonly actionKind: ActionKind;
  readonly step: JournalStep;
  readonly customerId: CustomerId;
  readonly item: ItemKey;
  /** The MS-RequestId the call is sent with, and re-sent with on every retry and re-drive. */
  readonly requestId: string;
  readonly cartId?: string;
  readonly subscriptionId?: SubscriptionId;
  /** A summary of the request: enough to re-drive or verify it after a crash. */
  readonly request: Readonly<Record<string, unknown>>;
}

export interface JournalOutcome {
  readonly status: Exclude<JournalStatus, 'in-flight'>;
  readonly orderIds?: readonly OrderId[];
  readonly response?: Readonly<Record<string, unknown>>;
  readonly errorCode?: string;
  readonly message?: string;
}

export interface JournalRow extends JournalIntent {
  readonly id: number;
  readonly status: JournalStatus;
  readonly orderIds: readonly OrderId[];
  readonly startedAt: string;
}

/** The write-ahead journal. */
export interface JournalPort {
  /**
   * Resolves to the row's id once the intent is durable (committed to the disk), never before:
   * the request it guards is sent only then. Intents begun together may share one commit.
   */
  begin(intent: JournalIntent): Promise<number>;
  settle(id: number, outcome: JournalOutcome): void;
  /** Rows still `in-flight` or `unknown`: settled by recovery before the next plan. */
  listUnsettled(): readonly JournalRow[];
}

export interface BindingPort {
  get(customerId: CustomerId, item: ItemKey): Binding | undefined;
  put(binding: Binding): void;
}

export interface CartLine {
  readonly catalogItemId: string;
  readonly quantity: number;
  readonly billingCycle: string;
  readonly termDuration?: string;
  readonly provisioningContext?: Readonly<Record<string, string>>;
  /** The plan's promotion (`PurchaseAction.promotion.id`); an unknown or ineligible one: 10014. */
  readonly promotionId?: string;
  /** The co-termed first term's end (`PurchaseAction.customTermEndDate`); not allowed: 10017. */
  readonly customTermEndDate?: string;
}

export interface CartLineError {
  readonly lineItemId: number;
  readonly code: number;
  readonly description: string;
}

export interface CreatedCart {
  readonly id: string;
  readonly lineErrors: readonly CartLineError[];
}

export interface CheckoutOutcome {
  readonly orders: readonly LiveOrder[];
  readonly orderErrors: readonly { readonly code: string; readonly description: string }[];
}

export interface ResolvedCatalogItem {
  readonly availabilityId: string;
  readonly catalogItemId: string;
  readonly sku: CatalogSku;
}

/** A change to a subscription; the gateway does GET-modify-PATCH of the full resource. */
export interface SubscriptionChange {
  readonly quantity?: number;
  readonly autoRenewEnabled?: boolean;
  readonly status?: 'deleted' | 'active' | 'suspended';
  readonly scheduledNextTermInstructions?: ScheduledNextTerm | null;
}

/** How the applier must treat a failed call; decided by the gateway's one classifier. */
export type FailureClass =
  /** Partner Center is still working on it (409 800060/800064, 202 pending): never re-buy. */
  | 'in-progress'
  /** The call may or may not have taken effect (timeouts, dropped responses after retries). */
  | 'outcome-unknown'
  /** A refusal: nothing happened (4xx business errors). */
  | 'refused';

export interface ClassifiedFailure {
  readonly class: FailureClass;
  readonly code: string;
  readonly message: string;
}

/** The Partner Center operations a plan needs. Mutating calls take the journalled request id. */
export interface PartnerCenterPort {
  resolveCatalogItem(query: {
    readonly country: string;
    readonly productId: string;
    readonly skuId: string;
    readonly term?: string;
    readonly billing: string;
  }): Promise<ResolvedCatalogItem | undefined>;
  checkInventory(
    customerId: CustomerId,
    query: {
      readonly country: string;
      readonly productId: string;
      readonly skuId: string;
      readonly context: Readonly<Record<string, string>>;
    },
  ): Promise<{ readonly available: boolean; readonly detail?: string }>;
  createCart(
    customerId: CustomerId,
    lines: readonly CartLine[],
    requestId: string,
  ): Promise<CreatedCart>;
  checkout(customerId: CustomerId, cartId: string, requestId: string): Promise<CheckoutOutcome>;
  listSubscriptionsByOrder(
    customerId: CustomerId,
    orderId: OrderId,
  ): Promise<readonly LiveSubscription[]>;
  getSubscription(
    customerId: CustomerId,
    subscriptionId: SubscriptionId,
  ): Promise<LiveSubscription>;
  updateSubscription(
    customerId: CustomerId,
    subscriptionId: SubscriptionId,
    change: SubscriptionChange,
    requestId: string,
  ): Promise<LiveSubscription>;
  registerAzureSubscription(
    customerId: CustomerId,
    azureSubscriptionId: string,
    requestId: string,
  ): Promise<void>;
  /** `POST …/subscriptions/{id}/transitions` (docs/partner-center-api.md §5.5). */
  createTransition(
    customerId: CustomerId,
    subscriptionId: SubscriptionId,
    request: TransitionRequest,
    requestId: string,
  ): Promise<Transition>;
  getRegistrationStatus(customerId: CustomerId, azureSubscriptionId: string): Promise<string>;
  getActivationLinks(
    customerId: CustomerId,
    orderId: OrderId,
    lineItemNumber: number,
  ): Promise<readonly string[]>;
  /** The one place that decides what a thrown error means for money. */
  classifyFailure(error: unknown): ClassifiedFailure;
}

export interface ApplierPorts {
  readonly journal: JournalPort;
  readonly bindings: BindingPort;
  readonly partnerCenter: PartnerCenterPort;
  /** A fresh MS-RequestId (a GUID). Injected so tests are deterministic. */
  readonly newRequestId: () => string;
  /** Waits between registration polls; a test clock resolves it at once. */
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
}
