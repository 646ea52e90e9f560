import type { InventoryCustomer, InventoryItem } from '../../agent/index.js';

const HEADER = [
  'ITEM',
  'PRODUCT',
  'SEATS spec/live',
  'TERM',
  'AUTORENEW',
  'RENEWS',
  'WINDOWS',
  'STATE',
];

/**
 * One customer of `qm status` (docs/cli-status-history.md): its header (name, id, spec file, when
 * read), a table of its items aligned in columns, a line under an item for what explains it, and
 * its unmanaged subscriptions. Pure.
 */
export function customerLines(c: InventoryCustomer): string[] {
  const read =
    c.observedAt === undefined ? 'never read (run qm plan)' : `read ${instant(c.observedAt)}`;
  const head = `${c.customerName} (${c.customerId})${c.specFile === undefined ? '' : ` · ${c.specFile}`} · ${read}`;
  const rows: string[][] = [HEADER];
  const notes = new Map<number, string[]>();
  for (const item of c.items) {
    notes.set(rows.length, notesOf(item));
    rows.push(itemCells(item));
  }
  const lines = [head];
  if (c.items.length === 0) lines.push('  (no items)');
  else
    alignColumns(rows).forEach((line, i) => {
      lines.push(`  ${line}`);
      for (const note of notes.get(i) ?? []) lines.push(`      ${note}`);
    });
  if (c.unmanaged.length > 0)
    lines.push(`  Unmanaged (${c.unmanaged.length}, no spec item names them; never touched):`);
  for (const u of c.unmanaged) {
    const candidates =
      u.candidateFor === undefined
        ? ''
        : `; matches ${u.candidateFor.join(', ')}: bind one with qm import or subscriptionId:`;
    lines.push(
      `  ? ${u.productName ?? u.offerId} × ${u.quantity}, ${u.status} [${u.subscriptionId}]${candidates}`,
    );
  }
  return lines;
}

function itemCells(item: InventoryItem): string[] {
  const seats = `${item.seats.desired ?? '-'}/${item.seats.live ?? '-'}`;
  const term = `${item.term ?? '-'} ${item.billing}`;
  const renews =
    item.renewsAt === undefined
      ? '-'
      : `${item.renewsAt.slice(0, 10)}${item.endsAtRenewal === true ? ' ends' : ''}`;
  const windows = [
    item.deadlines?.refundUntil === undefined
      ? ''
      : `refund until ${item.deadlines.refundUntil.slice(0, 10)}`,
    item.deadlines?.cancelUntil === undefined
      ? ''
      : `cancel until ${item.deadlines.cancelUntil.slice(0, 10)}`,
  ].filter((w) => w !== '');
  const state = `${item.state}${item.blocked === undefined || item.state !== 'blocked' ? '' : ` [${item.blocked.code}]`}${item.changed === undefined ? '' : ' (changed)'}`;
  return [
    item.item,
    item.productName ?? `${item.productId}:${item.skuId}`,
    seats,
    term,
    autoRenewText(item),
    renews,
    windows.join(' · ') || '-',
    state,
  ];
}

function autoRenewText(item: InventoryItem): string {
  if (item.autoRenew === undefined) return '-';
  const onOff = (v: boolean): string => (v ? 'on' : 'off');
  const { desired, live } = item.autoRenew;
  return live === undefined || live === desired
    ? onOff(desired)
    : `${onOff(desired)} (live ${onOff(live)})`;
}

/** The lines below an item: live shape, blocked, planned, scheduled at renewal, just changed. */
function notesOf(item: InventoryItem): string[] {
  const notes: string[] = [];
  if (item.live !== undefined)
    notes.push(
      `live: ${item.live.productId}:${item.live.skuId} ${item.live.termDuration} ${item.live.billingCycle}, ${item.live.status}`,
    );
  if (item.blocked !== undefined) notes.push(`! ${item.blocked.code}: ${item.blocked.reason}`);
  for (const p of item.planned) notes.push(`${marker(p.kind)} ${p.kind}: ${p.reason}`);
  const s = item.scheduledChange;
  if (s !== undefined)
    notes.push(
      `at renewal: ${s.productId}:${s.skuId} ${s.termDuration} ${s.billingCycle} × ${s.quantity} (scheduled in Partner Center)`,
    );
  if (item.changed !== undefined)
    notes.push(
      `changed by the agent ${instant(item.changed.at)} (${item.changed.kinds.join(', ')}), after the last refresh: the next refresh reads it back`,
    );
  return notes;
}

function marker(kind: string): string {
  if (kind === 'purchase') return '+';
  return kind === 'cancel' || kind.includes('decrease') ? '-' : '~';
}

/** `2026-11-30 20:40 UTC` from an ISO instant. */
export function instant(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Pads every column but the last to its widest cell, two spaces apart. */
function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  '),
  );
}
