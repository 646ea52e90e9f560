import type { RenewalEntry, RenewalNext, RenewalsReport, RenewalShape } from '../../agent/index.js';
import { formatMoney } from '../../model/index.js';

/**
 * The renewal calendar as text (docs/cli-renewals.md): `renderRenewalsHuman` for terminals,
 * `renderRenewalsJson` for `--json` (`formatVersion: 1`), and `renewalLine`, the one-line form
 * `qm status` lists. Pure functions of the report: the same report renders to the same text.
 */

/** `qm renewals --json`: the report under `formatVersion: 1`. */
export function renderRenewalsJson(report: RenewalsReport): string {
  return JSON.stringify({ formatVersion: 1, ...report }, null, 2);
}

/** `qm renewals`: a header, one block per renewal in date order, then failures and notes. */
export function renderRenewalsHuman(report: RenewalsReport): string {
  const lines: string[] = [headline(report), ''];
  for (const entry of report.renewals) lines.push(...renewalBlock(entry), '');
  if (report.renewals.length > 0)
    lines.push(
      'To change what renews, edit the item (quantity, term, billing, sku) and run `qm plan`; Partner Center applies it at the renewal instant (00:00 UTC), and documents no lock before it.',
      '',
    );
  if (report.failures.length > 0) {
    lines.push(`Not read (${report.failures.length}), their renewals are missing:`);
    for (const f of report.failures)
      lines.push(`  ${f.customerName ?? f.customerId} (${f.customerId}) [${f.code}]: ${f.message}`);
    lines.push('');
  }
  for (const note of report.notes) lines.push(`Prices: ${note}`);
  while (lines.at(-1) === '') lines.pop();
  return lines.join('\n');
}

function headline(report: RenewalsReport): string {
  const source =
    report.source === 'live' ? 'read live from Partner Center' : 'from the last refresh';
  const at = `Renewals at ${instant(report.at)}, ${source}`;
  const n = report.managed;
  const managed = `${n} managed subscription${n === 1 ? '' : 's'}`;
  if (report.within === undefined)
    return n === 0
      ? `${at}: no managed subscriptions (bind them with \`qm import\` or \`subscriptionId:\`).`
      : `${at}: ${managed}, by renewal date.`;
  const shown = report.renewals.length;
  return `${at}: ${shown} of ${managed} renew${shown === 1 ? 's' : ''} within ${report.within} day${report.within === 1 ? '' : 's'}${shown === 0 ? '.' : ', by renewal date.'}`;
}

/** One renewal: when, who, then what it is, what it renews into, its windows and its price. */
function renewalBlock(e: RenewalEntry): string[] {
  const when =
    e.renewsAt === undefined ? '(no date)' : `${e.renewsAt.slice(0, 10)}  ${daysText(e)}`;
  const lines = [`${when}  ${e.customerName} · ${e.item} [${e.subscriptionId}]`];
  const label = (name: string, text: string): string => `  ${name.padEnd(11)} ${text}`;
  if (e.renewsAt === undefined)
    lines.push(label('renews', 'unknown: Partner Center states no commitmentEndDate'));
  const status = e.status.toLowerCase() === 'active' ? '' : `, status ${e.status}`;
  const name = e.productName === undefined ? '' : `${e.productName} `;
  lines.push(
    label('now', `${name}${shapeText(e)}, autorenew ${e.autoRenew ? 'on' : 'off'}${status}`),
  );
  lines.push(label('at renewal', nextText(e)));
  lines.push(label('windows', windowsText(e)));
  if (e.price !== undefined) lines.push(label('price', priceText(e)));
  return lines;
}

/** `2026-04-02 (in 31 days) item (customer) name × 10 P1M monthly → …`: `qm status`'s line. */
export function renewalLine(e: RenewalEntry): string {
  const when =
    e.renewsAt === undefined ? 'no renewal date' : `${e.renewsAt.slice(0, 10)} (${daysText(e)})`;
  const name = e.productName === undefined ? '' : `${e.productName} `;
  return `${when} ${e.item} (${e.customerId}) ${name}${shapeText(e)} → ${nextText(e)}`;
}

function shapeText(shape: RenewalShape): string {
  return `${shape.productId}:${shape.skuId} ${shape.termDuration} ${shape.billingCycle} × ${shape.quantity}`;
}

function nextText(e: RenewalEntry): string {
  if (e.next === undefined)
    return e.renewsAt === undefined
      ? 'ends: autorenew is off'
      : `ends: autorenew is off, it expires at ${instant(e.renewsAt)}`;
  if (!e.next.scheduled)
    return `unchanged: ${e.next.termDuration} ${e.next.billingCycle} × ${e.next.quantity}`;
  return `${changedText(e, e.next)} (scheduled change)`;
}

/** The scheduled shape, naming the product and SKU only when they change. */
function changedText(e: RenewalEntry, next: RenewalNext): string {
  const same =
    next.productId.toUpperCase() === e.productId.toUpperCase() &&
    next.skuId.toUpperCase() === e.skuId.toUpperCase();
  const product = same ? '' : `${next.productId}:${next.skuId} `;
  return `${product}${next.termDuration} ${next.billingCycle} × ${next.quantity}`;
}

function windowsText(e: RenewalEntry): string {
  const { deadlines: d, windows: w } = e;
  const refund =
    w.refund === 'unknown'
      ? 'refund not stated by Partner Center'
      : w.refund === 'closed'
        ? 'refund closed'
        : `refund ${d.refundableSeats ?? 0} seat${d.refundableSeats === 1 ? '' : 's'} ${d.refundUntil === undefined ? '(not time-boxed)' : `until ${instant(d.refundUntil)}`}`;
  const cancel =
    w.cancel === 'unknown'
      ? 'cancel not stated by Partner Center'
      : w.cancel === 'closed' || d.cancelUntil === undefined
        ? 'cancel closed'
        : `cancel until ${instant(d.cancelUntil)}`;
  return `${refund} · ${cancel}`;
}

function priceText(e: RenewalEntry): string {
  const p = e.price;
  if (p === undefined) return '';
  const now = `${formatMoney(p.now, p.currency)}/month now`;
  if (e.next === undefined) return `${now} → nothing once it ends`;
  if (p.next === undefined) return `${now} → not priced at renewal`;
  return `${now} → ${formatMoney(p.next, p.currency)}/month from the renewal`;
}

function daysText(e: RenewalEntry): string {
  const d = e.daysLeft;
  if (d === undefined) return '';
  if (d === 0) return 'today';
  if (d < 0) return `due ${-d} day${d === -1 ? '' : 's'} ago`;
  return `in ${d} day${d === 1 ? '' : 's'}`;
}

/** `2026-03-09 10:00 UTC`, or the text as sent when it is not a date. */
function instant(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
