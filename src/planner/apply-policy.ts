import type { ActionKey, BlockedCode, BlockedEntry, PlanAction, Policy } from '../model/index.js';
import { applyMoneyLimits } from './money-limits.js';

/** The plan after the policy's limits: what may go ahead, and what the limits stopped. */
export interface PolicyOutcome {
  readonly actions: PlanAction[];
  readonly blocked: BlockedEntry[];
}

/** Decrease, cancel, and a scheduled change to fewer seats than the subscription has. */
export function isShrinking(action: PlanAction): boolean {
  if (action.kind === 'decrease-quantity' || action.kind === 'cancel') return true;
  return (
    (action.kind === 'schedule-decrease' || action.kind === 'schedule-change') &&
    action.after.quantity < action.before.quantity
  );
}

/**
 * Applies the policy limits (docs/config-reference.md) to actions already in stable order, so which actions a
 * count limit keeps is deterministic:
 * 1. `maxSeatIncrease`: an increase by more seats than this → `policy-limit`;
 * 2. circuit breaker: when more items would shrink than `maxShrinkingItems` (a count, or a share
 *    of `managedItems`, rounded down) and at least 3 do, every shrinking action → `circuit-breaker`;
 * 3. `maxCancellations`: cancels past the limit (all of them at 0) → `policy-limit`;
 * 4. `maxNewPurchases`: purchases past the limit → `policy-limit`;
 * 5. money: `maxMonthlyIncrease` and `maxCommitment` per currency (`applyMoneyLimits`);
 * 6. an action depending on a stopped one → `prerequisite`; a registration nothing depends on any
 *    more is dropped (it serves only its reservations).
 * `autoApply` is not the planner's concern: it decides what the daemon applies unattended.
 */
export function applyPolicy(
  ordered: readonly PlanAction[],
  policy: Policy,
  managedItems: number,
): PolicyOutcome {
  const { limits } = policy;
  const blocked: BlockedEntry[] = [];
  const stopped = new Set<ActionKey>();
  const stop = (action: PlanAction, code: BlockedCode, reason: string): void => {
    stopped.add(action.key);
    blocked.push({
      customerId: action.customerId,
      customerName: action.customerName,
      item: action.item,
      ...('subscriptionId' in action ? { subscriptionId: action.subscriptionId } : {}),
      ...(action.productName === undefined ? {} : { productName: action.productName }),
      code,
      reason,
      wanted: action.kind,
    });
  };

  for (const action of ordered) {
    if (action.kind !== 'increase-quantity') continue;
    const delta = action.after.quantity - action.before.quantity;
    if (delta > limits.maxSeatIncrease) {
      stop(
        action,
        'policy-limit',
        `adding ${delta} seats exceeds maxSeatIncrease ${limits.maxSeatIncrease} (${action.before.quantity} → ${action.after.quantity})`,
      );
    }
  }

  const shrinking = ordered.filter(isShrinking);
  const items = new Set(shrinking.map((a) => `${a.customerId}/${a.item}`)).size;
  const cap = limits.maxShrinkingItems;
  const threshold =
    cap.kind === 'count' ? cap.value : Math.floor((cap.percent * managedItems) / 100);
  if (items >= 3 && items > threshold) {
    const shown =
      cap.kind === 'count'
        ? `${cap.value}`
        : `${cap.percent}% of ${managedItems} managed items = ${threshold}`;
    for (const action of shrinking) {
      stop(
        action,
        'circuit-breaker',
        `${items} items would shrink at once, more than maxShrinkingItems (${shown}): review the specs`,
      );
    }
  }

  let cancels = 0;
  let purchases = 0;
  for (const action of ordered) {
    if (stopped.has(action.key)) continue;
    if (action.kind === 'cancel' && ++cancels > limits.maxCancellations) {
      const why =
        limits.maxCancellations === 0
          ? 'maxCancellations is 0: cancelling is refused'
          : `more than maxCancellations ${limits.maxCancellations} in one run`;
      stop(action, 'policy-limit', why);
    }
    if (action.kind === 'purchase' && ++purchases > limits.maxNewPurchases) {
      stop(
        action,
        'policy-limit',
        `more than maxNewPurchases ${limits.maxNewPurchases} in one run; the rest follows on a later run`,
      );
    }
  }

  applyMoneyLimits(ordered, stopped, limits, stop);

  return { actions: cascade(ordered, stopped, blocked), blocked };
}

function cascade(
  ordered: readonly PlanAction[],
  stopped: Set<ActionKey>,
  blocked: BlockedEntry[],
): PlanAction[] {
  let changed = true;
  while (changed) {
    changed = false;
    for (const action of ordered) {
      if (stopped.has(action.key)) continue;
      const gone = action.dependsOn?.find((key) => stopped.has(key));
      if (gone === undefined) continue;
      stopped.add(action.key);
      changed = true;
      blocked.push({
        customerId: action.customerId,
        customerName: action.customerName,
        item: action.item,
        ...('subscriptionId' in action ? { subscriptionId: action.subscriptionId } : {}),
        ...(action.productName === undefined ? {} : { productName: action.productName }),
        code: 'prerequisite',
        reason: `depends on ${gone}, which is blocked`,
        wanted: action.kind,
      });
    }
  }
  const needed = new Set<ActionKey>();
  for (const action of ordered) {
    if (!stopped.has(action.key)) for (const key of action.dependsOn ?? []) needed.add(key);
  }
  return ordered.filter(
    (a) => !stopped.has(a.key) && (a.kind !== 'register-azure-subscription' || needed.has(a.key)),
  );
}
