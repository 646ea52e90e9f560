import type {
  DriftEntry,
  DriftPolicy,
  LiveSubscription,
  SubscriptionItem,
} from '../model/index.js';
import type { CustomerScope } from './customer-scope.js';

/** Where planning collects the drift it keeps or reports. */
export interface DriftSink {
  readonly drift: DriftEntry[];
}

/**
 * The drift policy of an item (DESIGN §2): its own `drift:` (the spec document's default was
 * resolved into it when loading), else the config's `policy.drift`, else `revert`.
 */
export function driftPolicyOf(scope: CustomerScope, item: SubscriptionItem): DriftPolicy {
  return item.drift ?? scope.drift ?? 'revert';
}

/**
 * The seats to plan for a matched, active subscription under the item's drift policy
 * (docs/spec-reference.md "Drift"):
 * - `revert`: the spec's quantity, as always;
 * - `keep-higher`: the spec's quantity when Partner Center has no more than that (an increase,
 *   or nothing); with more live seats, `undefined`: no decrease is planned, and the difference
 *   is recorded as drift;
 * - `report`: `undefined` whatever the difference (nothing is planned for the seats, not even a
 *   change already scheduled for renewal); a difference is recorded as drift.
 * `undefined` means "keep the live seats": no `increase-`/`decrease-quantity` or
 * `schedule-decrease`; a change of shape at renewal keeps the live quantity.
 */
export function seatsToPlan(
  scope: CustomerScope,
  item: SubscriptionItem & { readonly quantity: number },
  live: LiveSubscription,
  out: DriftSink,
): number | undefined {
  const policy = driftPolicyOf(scope, item);
  if (policy === 'revert') return item.quantity;
  if (policy === 'keep-higher' && live.quantity <= item.quantity) return item.quantity;
  if (live.quantity !== item.quantity) out.drift.push(driftEntry(scope, item, live, policy));
  return undefined;
}

function driftEntry(
  scope: CustomerScope,
  item: SubscriptionItem & { readonly quantity: number },
  live: LiveSubscription,
  policy: Exclude<DriftPolicy, 'revert'>,
): DriftEntry {
  const line = item.source.fields?.quantity?.line;
  return {
    customerId: scope.customer.id,
    customerName: scope.customer.name,
    item: item.key,
    subscriptionId: live.id,
    policy,
    specQuantity: item.quantity,
    liveQuantity: live.quantity,
    patch: {
      file: item.source.file,
      ...(line === undefined ? {} : { line }),
      path: ['subscriptions', item.key, 'quantity'],
      value: live.quantity,
    },
  };
}

/** Drift entries by customer, then item: the plan's order. */
export function sortDrift(entries: readonly DriftEntry[]): DriftEntry[] {
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...entries].sort((a, b) => cmp(a.customerId, b.customerId) || cmp(a.item, b.item));
}
