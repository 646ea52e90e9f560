import type { AgentCharge, ChargeKind } from '../../model/index.js';
import type { JournalEntry, JournalReader } from '../ports.js';
import { createProductNames, type ProductNameSources } from '../product-names.js';

const PAGE = 1000;

const CHANGE_KINDS: Readonly<
  Record<string, { kind: AgentCharge['kind']; chargeKind: ChargeKind }>
> = {
  'increase-quantity': { kind: 'increase-quantity', chargeKind: 'add-quantity' },
  'decrease-quantity': { kind: 'decrease-quantity', chargeKind: 'remove-quantity' },
  cancel: { kind: 'cancel', chargeKind: 'cancel' },
};

/**
 * The agent's billable actions, oldest first, from succeeded journal rows: a purchase is its
 * `checkout` row (order ids, quantity from the cart line); a quantity change or cancel is its
 * `patch-subscription` row (subscription id, the quantity it set). Seat deltas are worked out
 * by `reconcileBilling`, which knows each subscription's quantity before the change. Each charge
 * carries its product's name when the journal or `sources` know it (agent/product-names.ts).
 */
export function collectAgentCharges(
  journal: JournalReader,
  customerId?: string,
  sources: ProductNameSources = {},
): AgentCharge[] {
  const rows: JournalEntry[] = [];
  for (let beforeId: number | undefined; ;) {
    const page = journal.list({
      status: 'succeeded',
      limit: PAGE,
      ...(customerId === undefined ? {} : { customerId: customerId as JournalEntry['customerId'] }),
      ...(beforeId === undefined ? {} : { beforeId }),
    });
    rows.push(...page);
    const last = page.at(-1);
    if (page.length < PAGE || last === undefined) break;
    beforeId = last.id;
  }
  const names = createProductNames(rows, sources);
  return rows
    .sort((a, b) => a.id - b.id)
    .map((row) => toCharge(row, names.ofRow(row).productName))
    .filter((charge): charge is AgentCharge => charge !== undefined);
}

function toCharge(row: JournalEntry, productName: string | undefined): AgentCharge | undefined {
  const base = {
    journalId: row.id,
    customerId: row.customerId,
    ...(row.item === undefined ? {} : { item: row.item }),
    ...(productName === undefined ? {} : { productName }),
    at: row.settledAt ?? row.createdAt,
  };
  if (row.kind === 'purchase' && row.step === 'checkout') {
    const quantity = numberAt(row.request, 'line', 'quantity');
    return {
      ...base,
      kind: 'purchase',
      chargeKind: 'new',
      orderIds: row.orderIds,
      ...(row.subscriptionId === undefined ? {} : { subscriptionId: row.subscriptionId }),
      ...(quantity === undefined ? {} : { quantity }),
    };
  }
  const change = CHANGE_KINDS[row.kind];
  if (change === undefined || row.step !== 'patch-subscription' || row.subscriptionId === undefined)
    return undefined;
  const after = numberAt(row.request, 'change', 'quantity');
  return {
    ...base,
    kind: change.kind,
    chargeKind: change.chargeKind,
    orderIds: row.orderIds,
    subscriptionId: row.subscriptionId,
    ...(after === undefined ? {} : { quantityAfter: after }),
  };
}

function numberAt(value: unknown, outer: string, inner: string): number | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const nested = (value as Record<string, unknown>)[outer];
  if (nested === null || typeof nested !== 'object') return undefined;
  const found = (nested as Record<string, unknown>)[inner];
  return typeof found === 'number' ? found : undefined;
}
