import { digestOf } from '../support/index.js';
import type { ActionKey, ActionKind, CustomerId, ItemKey, SubscriptionId } from '../model/index.js';

/** What an action acts on. Only the fields that identify the target are set. */
export interface ActionTarget {
  readonly customerId: CustomerId;
  readonly item?: ItemKey;
  readonly subscriptionId?: SubscriptionId;
  readonly azureSubscriptionId?: string;
}

/**
 * The deterministic key of an action: `kind:` + 16 hex digits of the SHA-256 of the canonical
 * JSON of `{ kind, target, desired }`. `desired` holds the values the action drives towards
 * (e.g. `{ quantity: 25 }`), never the `before` values and never rotating catalog ids, so the
 * same intent on the same target always gets the same key (the journal's idempotency key).
 */
export function actionKey(
  kind: ActionKind,
  target: ActionTarget,
  desired: Readonly<Record<string, unknown>>,
): ActionKey {
  return `${kind}:${digestOf({ kind, target, desired }, 16)}` as ActionKey;
}
