import { formatMoney } from '../../model/index.js';
import type { EstateView } from '../estate-view.js';
import { html, type SafeHtml } from '../html.js';
import { customerHref, when } from './format.js';
import { pageOf, pager, slicePage } from './paging.js';

const PAGE_SIZE = 100;
/** The calendar's default and longest horizon (three years: the longest NCE term). */
export const DEFAULT_DAYS = 90;
const MAX_DAYS = 1095;

/** Renewal calendar: managed subscriptions renewing within `days` (default 90), by date. */
export function renewalsBody(view: EstateView, query: URLSearchParams): SafeHtml {
  const n = Number(query.get('days') ?? DEFAULT_DAYS);
  const days = Number.isInteger(n) && n >= 0 ? Math.min(n, MAX_DAYS) : DEFAULT_DAYS;
  // Sorted by date, undated last: the entries due within `days` are a prefix.
  const { daysLeft } = view.renewals;
  let due = 0;
  while (due < daysLeft.length && (daysLeft[due] ?? Infinity) <= days) due++;
  const req = pageOf(query, PAGE_SIZE);
  const { rows, pages } = slicePage(
    { length: due, slice: (a, b) => view.renewals.slice(a, b) },
    req,
  );
  return html` <form class="filter" method="get" action="/renewals">
      <label
        >Days ahead <input type="number" name="days" min="0" max="${MAX_DAYS}" value="${days}"
      /></label>
      <button type="submit">Show</button>
    </form>
    <p>
      ${due} of ${view.renewals.length} managed subscriptions renew within ${days} days (from the
      last refresh; <code>qm renewals</code> reads them live).
    </p>
    <table>
      <thead>
        <tr>
          <th scope="col">Renews</th>
          <th scope="col">Customer</th>
          <th scope="col">Item</th>
          <th scope="col" class="num">Seats</th>
          <th scope="col">Term / billing</th>
          <th scope="col">At renewal</th>
          <th scope="col">Windows open</th>
          <th scope="col" class="num">Price / month now → next</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) =>
            html`<tr>
              <td>${when(r.renewsAt, true)} <span class="muted">(${r.daysLeft} days)</span></td>
              <td><a href="${customerHref(r.customerId)}">${r.customerName}</a></td>
              <td>
                ${r.item}<br /><span class="muted"
                  >${r.productName ?? `${r.productId}:${r.skuId}`}</span
                >
              </td>
              <td class="num">${r.quantity}</td>
              <td>${r.termDuration} / ${r.billingCycle}</td>
              <td>
                ${r.ends === true ? 'ends (autorenew off)' : r.next === undefined ? '—' : `${r.next.scheduled ? 'scheduled: ' : 'renews as is: '}${r.next.productId}:${r.next.skuId} ${r.next.termDuration}/${r.next.billingCycle} × ${r.next.quantity}`}
              </td>
              <td>
                ${[r.deadlines.refundUntil === undefined ? '' : `refund until ${when(r.deadlines.refundUntil)}`, r.deadlines.cancelUntil === undefined ? '' : `cancel until ${when(r.deadlines.cancelUntil)}`].filter(Boolean).join('; ') || '—'}
              </td>
              <td class="num">
                ${r.price === undefined ? '—' : `${formatMoney(r.price.now, r.price.currency)} → ${r.price.next === undefined ? '?' : formatMoney(r.price.next, r.price.currency)}`}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${pager('/renewals', query, req, req.page < pages, pages)}`;
}
