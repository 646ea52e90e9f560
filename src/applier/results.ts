import type {
  ActionKey,
  ActionKind,
  CustomerId,
  ItemKey,
  OrderId,
  SubscriptionId,
} from '../model/index.js';

/**
 * What happened to each action. `pending` means Partner Center accepted the request but has not
 * finished (an order in progress, a registration still registering): not a failure, and the next
 * run settles it; `skipped` means the action was not attempted (a dependency did not succeed, or
 * the run was interrupted).
 */
export type ActionStatus = 'succeeded' | 'failed' | 'pending' | 'skipped';

export interface ActionResult {
  readonly key: ActionKey;
  readonly kind: ActionKind;
  readonly customerId: CustomerId;
  readonly item: ItemKey;
  /** The action's `productName` (display only), when the plan knew it. */
  readonly productName?: string;
  readonly status: ActionStatus;
  readonly message: string;
  /** Partner Center error code (or line-item error code) when the action failed. */
  readonly code?: string;
  readonly orderIds?: readonly OrderId[];
  readonly subscriptionId?: SubscriptionId;
  /** SaaS purchases: links the customer must open to activate the subscription. */
  readonly activationLinks?: readonly string[];
  /**
   * Work left after a call that succeeded (the order is placed; reading its subscription or
   * turning autorenew off failed): the next run does it. Never a failure.
   */
  readonly followUps?: readonly string[];
}

export interface ApplyReport {
  readonly results: readonly ActionResult[];
  readonly counts: Readonly<Record<ActionStatus, number>>;
}

export function summariseResults(results: readonly ActionResult[]): ApplyReport {
  const counts: Record<ActionStatus, number> = { succeeded: 0, failed: 0, pending: 0, skipped: 0 };
  for (const result of results) counts[result.status] += 1;
  return { results, counts };
}

/** A failure with a code, raised inside an executor and turned into a `failed` result. */
export class ActionFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 'failed' | 'pending' = 'failed',
  ) {
    super(message);
    this.name = 'ActionFailure';
  }
}
