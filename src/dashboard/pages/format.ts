import { formatMoney, type CurrencyCost } from '../../model/index.js';
import { html, joinHtml, type SafeHtml } from '../html.js';

/** `2026-05-31T00:00:00.000Z` → `2026-05-31 00:00 UTC`; the date alone with `dateOnly`. */
export function when(iso: string | undefined, dateOnly = false): string {
  if (iso === undefined || iso === '') return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const text = d.toISOString();
  return dateOnly ? text.slice(0, 10) : `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

/** A state word with its colour class (the word itself carries the meaning). */
export function stateBadge(state: string): SafeHtml {
  return html`<span class="state state-${state.replace(/[^a-z-]/g, '')}"
    >${state.replace(/-/g, ' ')}</span
  >`;
}

/** Money per currency, one line each: monthly change, committed, next invoice. */
export function moneyLines(cost: Readonly<Record<string, CurrencyCost>>): SafeHtml {
  const lines = Object.entries(cost)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([currency, c]) =>
        html`<div>
          ${formatMoney(c.monthlyDelta, currency, true)}/month ·
          ${formatMoney(c.commitment, currency)} committed · ${formatMoney(c.charge, currency)} next
          invoice
        </div>`,
    );
  return lines.length === 0 ? html`<span class="muted">unpriced</span>` : joinHtml(lines);
}

/** A value, or `desired (live …)` when live differs; booleans read `on`/`off`. */
export function desiredLive(
  desired: number | boolean | undefined,
  live: number | boolean | undefined,
): string {
  const show = (v: number | boolean | undefined): string =>
    v === undefined ? '—' : typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v);
  return desired === live || live === undefined
    ? show(desired)
    : `${show(desired)} (live ${show(live)})`;
}

/** A customer page's path. */
export const customerHref = (id: string): string => `/customers/${encodeURIComponent(id)}`;
