import type {
  ActionKey,
  ActionKind,
  Binding,
  CustomerId,
  ItemKey,
  LiveSubscription,
  ObservedCustomer,
  ScheduledNextTerm,
  SubscriptionId,
} from '../../model/index.js';
import type { JournalEntry } from '../ports.js';

/** A succeeded call the agent made after its customer's last refresh. */
export interface AgentChange {
  readonly customerId: CustomerId;
  readonly item?: ItemKey;
  readonly subscriptionId?: SubscriptionId;
  readonly kind: ActionKind;
  readonly actionKey: ActionKey;
  /** When the call succeeded (`settledAt`). */
  readonly at: string;
}

export interface FoldedSnapshots {
  /** The snapshots with what the agent changed since folded in (the inputs are not modified). */
  readonly snapshots: readonly ObservedCustomer[];
  /** Every succeeded call newer than its customer's snapshot, oldest first. */
  readonly changes: readonly AgentChange[];
}

/**
 * Folds into each customer's last snapshot what the journal says the agent did after it was
 * taken (docs/cli-status-history.md, "True straight after an apply"). A cycle refreshes before it
 * applies, so without this the snapshot `qm status` reads predates the apply: a subscription the
 * apply just bought is bound but missing from the list, and a seat change still shows the old
 * count. Pure; only succeeded rows settled after the snapshot count:
 * - a subscription `checkout` whose item's binding names one of its orders and a subscription id
 *   the snapshot lacks adds that subscription as the cart line bought it (active, autorenew on,
 *   no term dates or windows: only a refresh knows those);
 * - a `patch-subscription` sets what Partner Center answered (seats, autorenew, status) and the
 *   scheduled next term it was sent;
 * - every other step (cart, registration, transition) is only reported in `changes`.
 * The snapshot's `observedAt` is kept: it still says when Partner Center was last read.
 */
export function foldJournal(
  snapshots: readonly ObservedCustomer[],
  rows: readonly JournalEntry[],
  bindings: readonly Binding[],
): FoldedSnapshots {
  const bindingOf = new Map(bindings.map((b) => [`${b.customerId}|${b.item}`, b]));
  const byCustomer = new Map<string, JournalEntry[]>();
  for (const row of [...rows].sort((a, b) => a.id - b.id)) {
    if (row.status !== 'succeeded') continue;
    const list = byCustomer.get(row.customerId) ?? [];
    list.push(row);
    byCustomer.set(row.customerId, list);
  }
  const changes: AgentChange[] = [];
  const folded = snapshots.map((snapshot) => {
    const later = (byCustomer.get(snapshot.customerId) ?? []).filter(
      (row) => settledAt(row) > snapshot.observedAt,
    );
    if (later.length === 0) return snapshot;
    const subscriptions = [...snapshot.subscriptions];
    for (const row of later) {
      changes.push(changeOf(row));
      if (row.step === 'checkout') {
        const binding =
          row.item === undefined ? undefined : bindingOf.get(`${row.customerId}|${row.item}`);
        const bought = boughtSubscription(row, binding);
        if (bought !== undefined && !subscriptions.some((s) => s.id === bought.id))
          subscriptions.push(bought);
      } else if (row.step === 'patch-subscription' && row.subscriptionId !== undefined) {
        const at = subscriptions.findIndex((s) => s.id === row.subscriptionId);
        const current = subscriptions[at];
        if (current !== undefined) subscriptions[at] = patched(current, row);
      }
    }
    return { ...snapshot, subscriptions };
  });
  return { snapshots: folded, changes };
}

function settledAt(row: JournalEntry): string {
  return row.settledAt ?? row.updatedAt;
}

function changeOf(row: JournalEntry): AgentChange {
  return {
    customerId: row.customerId,
    ...(row.item === undefined ? {} : { item: row.item }),
    ...(row.subscriptionId === undefined ? {} : { subscriptionId: row.subscriptionId }),
    kind: row.kind as ActionKind,
    actionKey: row.actionKey,
    at: settledAt(row),
  };
}

type Fields = Readonly<Record<string, unknown>>;

const fieldsOf = (value: unknown): Fields =>
  value !== null && typeof value === 'object' ? (value as Fields) : {};
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** The subscription a checkout created, as its cart line bought it; `undefined` when unknown. */
function boughtSubscription(
  row: JournalEntry,
  binding: Binding | undefined,
): LiveSubscription | undefined {
  const request = fieldsOf(row.request);
  if (request['target'] !== 'subscription') return undefined;
  const id = binding?.subscriptionId;
  if (id === undefined || binding?.orderId === undefined) return undefined;
  if (!row.orderIds.includes(binding.orderId)) return undefined;
  const line = fieldsOf(request['line']);
  const purchased = fieldsOf(request['purchased']);
  const offerId = text(line['catalogItemId']) ?? '';
  const [productFromOffer = '', skuFromOffer = ''] = offerId.split(':');
  const quantity = line['quantity'];
  if (typeof quantity !== 'number') return undefined;
  return {
    id,
    customerId: row.customerId,
    offerId,
    productId: text(purchased['productId']) ?? productFromOffer,
    skuId: text(purchased['skuId']) ?? skuFromOffer,
    friendlyName: text(request['productName']) ?? '',
    quantity,
    status: 'active',
    // NCE subscriptions start with autorenew on; an item that wants it off gets a PATCH row.
    autoRenewEnabled: true,
    termDuration: text(line['termDuration']) ?? text(purchased['term']) ?? '',
    billingCycle: text(line['billingCycle']) ?? text(purchased['billing']) ?? '',
    creationDate: settledAt(row),
    orderId: binding.orderId,
  };
}

/** `current` with a succeeded PATCH applied: Partner Center's answer first, else what was sent. */
function patched(current: LiveSubscription, row: JournalEntry): LiveSubscription {
  const change = fieldsOf(fieldsOf(row.request)['change']);
  const answer = fieldsOf(row.response);
  const pick = <T>(key: string, is: (v: unknown) => v is T): T | undefined => {
    const answered = answer[key];
    if (is(answered)) return answered;
    const sent = change[key];
    return is(sent) ? sent : undefined;
  };
  const quantity = pick('quantity', isNumber);
  const autoRenew = pick('autoRenewEnabled', isBoolean);
  const status = pick('status', isString);
  const next = change['scheduledNextTermInstructions'];
  const { scheduledNextTermInstructions: _dropped, ...rest } = current;
  const scheduled =
    next === undefined
      ? current.scheduledNextTermInstructions
      : next === null
        ? undefined
        : (next as ScheduledNextTerm);
  return {
    ...rest,
    ...(quantity === undefined ? {} : { quantity }),
    ...(autoRenew === undefined ? {} : { autoRenewEnabled: autoRenew }),
    ...(status === undefined ? {} : { status }),
    ...(scheduled === undefined ? {} : { scheduledNextTermInstructions: scheduled }),
  };
}

const isNumber = (v: unknown): v is number => typeof v === 'number';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isString = (v: unknown): v is string => typeof v === 'string';
