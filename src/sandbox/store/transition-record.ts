/**
 * A transition the sandbox performed (docs/sandbox.md "Transitions"): what `POST …/transitions`
 * answered and `GET …/transitions` lists. Stored under the source subscription's customer;
 * `subscriptionIds` names every subscription whose list shows it (source and target).
 */
export interface TransitionRecord {
  readonly operationId: string;
  readonly customerId: string;
  readonly fromSubscriptionId: string;
  readonly fromCatalogItemId: string;
  readonly toCatalogItemId: string;
  /** The subscription holding the moved seats (the source itself for a full transition). */
  readonly toSubscriptionId: string;
  readonly quantity: number;
  readonly termDuration?: string;
  readonly billingCycle: string;
  readonly transitionType: string;
  readonly subscriptionIds: readonly string[];
  readonly events: readonly TransitionEventRecord[];
}

export interface TransitionEventRecord {
  readonly name: string;
  /** `Started`, `Completed`, `Failed`. */
  readonly status: string;
  readonly timestamp: string;
}
