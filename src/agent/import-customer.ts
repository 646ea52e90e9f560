import type {
  CustomerId,
  DesiredCustomer,
  ItemKey,
  LiveSubscription,
  SubscriptionItem,
} from '../model/index.js';
// The planner's own matching rules, so import binds exactly what a plan reports as
// `adopt-required`.
import { isTerminalStatus, shapeKey } from '../planner/index.js';
import { OperationalError } from '../support/index.js';
import { commitStateChange } from './commit-state-change.js';
import type { AgentPorts } from './ports.js';

export interface ImportResult {
  /** Spec items now bound to a live subscription. */
  readonly bound: readonly { readonly item: ItemKey; readonly subscription: LiveSubscription }[];
  /** Spec items with several candidates: name one with `subscriptionId:` in the spec. */
  readonly ambiguous: readonly {
    readonly item: ItemKey;
    readonly candidates: readonly LiveSubscription[];
  }[];
  /** Live subscriptions no spec item covers: the YAML to add them. */
  readonly unclaimed: readonly LiveSubscription[];
}

/**
 * `qm import`: binds a customer's unbound live subscriptions to the spec items they match
 * (the planner's rules: not deleted/expired, same product + SKU + term + billing, exactly one
 * candidate), so the next plan manages them instead of reporting `adopt-required`. Reads
 * Partner Center, writes only bindings (and the serial). The caller holds the lease.
 * @throws OperationalError `unknown-customer` when no spec declares the customer.
 */
export async function importCustomer(
  app: Pick<AgentPorts, 'clock' | 'state' | 'reads'>,
  customers: readonly DesiredCustomer[],
  customerId: CustomerId,
  dryRun: boolean,
): Promise<ImportResult> {
  const customer = customers.find((c) => c.id === customerId);
  if (customer === undefined) {
    throw new OperationalError(
      'unknown-customer',
      `no spec declares customer ${customerId}: add a spec file with customer.id ${customerId} (qm import prints the items to put in it)`,
    );
  }
  const live = (await app.reads.listSubscriptions(customerId)).filter(
    (s) => !isTerminalStatus(s.status),
  );
  const { state } = app;
  const boundIds = new Set(
    state.bindings
      .list()
      .flatMap((b) => (b.subscriptionId === undefined ? [] : [b.subscriptionId])),
  );
  const free = live.filter((s) => !boundIds.has(s.id));
  const bound: { item: ItemKey; subscription: LiveSubscription }[] = [];
  const ambiguous: { item: ItemKey; candidates: LiveSubscription[] }[] = [];
  const claimed = new Set<string>();
  for (const item of customer.subscriptions) {
    if (item.ensure !== 'present' || state.bindings.get(customerId, item.key) !== undefined)
      continue;
    const candidates = free.filter((s) => matches(item, s) && !claimed.has(s.id));
    const only = candidates[0];
    if (candidates.length > 1) ambiguous.push({ item: item.key, candidates });
    if (candidates.length !== 1 || only === undefined) continue;
    claimed.add(only.id);
    bound.push({ item: item.key, subscription: only });
  }
  if (!dryRun && bound.length > 0) {
    const boundAt = app.clock.now().toISOString();
    commitStateChange(state, () => {
      for (const b of bound) {
        state.bindings.put({
          customerId,
          item: b.item,
          kind: 'subscription',
          subscriptionId: b.subscription.id,
          boundAt,
        });
      }
    });
  }
  const coveredBySpec = new Set(
    free.filter((s) => customer.subscriptions.some((i) => matches(i, s))).map((s) => s.id),
  );
  return {
    bound,
    ambiguous,
    unclaimed: free.filter((s) => !claimed.has(s.id) && !coveredBySpec.has(s.id)),
  };
}

function matches(item: SubscriptionItem, s: LiveSubscription): boolean {
  return (
    (item.subscriptionId === undefined || item.subscriptionId === s.id) &&
    shapeKey(s.productId, s.skuId, s.termDuration, s.billingCycle) ===
      shapeKey(item.product, item.sku, item.term, item.billing)
  );
}

/** The spec YAML for live subscriptions no item covers (under `subscriptions:`). */
export function renderImportYaml(subscriptions: readonly LiveSubscription[]): string {
  const used = new Set<string>();
  return subscriptions
    .map((s) => {
      let key = slug(s.friendlyName) || `${s.productId}-${s.skuId}`.toLowerCase();
      for (let n = 2; used.has(key); n += 1) key = `${slug(s.friendlyName)}-${n}`;
      used.add(key);
      return [
        `  ${key}:`,
        `    product: ${s.productId}`,
        `    sku: "${s.skuId}"`,
        `    term: ${s.termDuration}`,
        `    billing: ${s.billingCycle}`,
        `    quantity: ${s.quantity}`,
        `    autoRenew: ${s.autoRenewEnabled}`,
        `    subscriptionId: ${s.id}`,
      ].join('\n');
    })
    .join('\n');
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
