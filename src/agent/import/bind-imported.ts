import {
  parseCustomerId,
  parseItemKey,
  parseSubscriptionId,
  type CustomerId,
  type ItemKey,
  type SubscriptionId,
} from '../../model/index.js';
import type { DraftItem } from '../../spec/index.js';
import { commitStateChange } from '../commit-state-change.js';
import type { AgentPorts } from '../ports.js';

/** One spec item to bind to the live subscription it manages. */
export interface ImportBinding {
  readonly customerId: CustomerId;
  readonly item: ItemKey;
  readonly subscriptionId: SubscriptionId;
}

/**
 * Binds spec items to their subscriptions in one transaction (the serial moves once), so the
 * next plan manages them. Writes only bindings; the caller holds the lease. Returns how many.
 */
export function bindImportedItems(
  app: Pick<AgentPorts, 'clock' | 'state'>,
  bindings: readonly ImportBinding[],
): number {
  if (bindings.length === 0) return 0;
  const { state } = app;
  const boundAt = app.clock.now().toISOString();
  commitStateChange(state, () => {
    for (const b of bindings) {
      state.bindings.put({
        customerId: b.customerId,
        item: b.item,
        kind: 'subscription',
        subscriptionId: b.subscriptionId,
        boundAt,
      });
    }
  });
  return bindings.length;
}

/** The bindings of items `qm import` wrote into a spec (each names its subscription). */
export function bindingsOfDrafts(customer: string, items: readonly DraftItem[]): ImportBinding[] {
  const customerId = parseCustomerId(customer);
  if (customerId === undefined) return [];
  return items.flatMap((item) => {
    const key = parseItemKey(item.key);
    const subscriptionId = parseSubscriptionId(item.subscriptionId);
    return key === undefined || subscriptionId === undefined
      ? []
      : [{ customerId, item: key, subscriptionId }];
  });
}
