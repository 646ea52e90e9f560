import type { EstateView } from '../estate-view.js';
import { html, type SafeHtml } from '../html.js';
import { customerHref, when } from './format.js';
import { pageOf, pager, slicePage } from './paging.js';

const PAGE_SIZE = 50;

const KIND_LABEL: Readonly<Record<string, string>> = {
  'row-in-doubt': 'call in doubt',
  'refund-window': 'refund window closing',
  'cancel-window': 'cancellation window closing',
  'renewal-decision': 'renewal needs a decision',
  blocked: 'blocked',
  'plan-awaiting-review': 'plan awaiting review',
};

/** Needs attention: calls in doubt, then by deadline, then blocked items and the plan to review. */
export function attentionBody(view: EstateView, query: URLSearchParams): SafeHtml {
  const req = pageOf(query, PAGE_SIZE);
  const { rows, pages } = slicePage(view.attention, req);
  if (view.attention.length === 0) return html`<p>Nothing needs attention.</p>`;
  return html` <p>
      ${view.attention.length} entries: calls in doubt first, then by deadline (soonest first), then
      blocked items and the plan awaiting review.
    </p>
    <table>
      <thead>
        <tr>
          <th scope="col">Deadline</th>
          <th scope="col">What</th>
          <th scope="col">Customer</th>
          <th scope="col">Item</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (e) =>
            html`<tr>
              <td>${e.deadline === undefined ? 'now' : when(e.deadline)}</td>
              <td>${KIND_LABEL[e.kind] ?? e.kind}</td>
              <td>
                ${e.customerId === undefined ? '—' : html`<a href="${customerHref(e.customerId)}">${e.customerName ?? e.customerId}</a>`}
              </td>
              <td>
                ${e.item ?? (e.planId === undefined ? '—' : html`<a href="/plans/${e.planId}">plan ${e.planId}</a>`)}${e.productName === undefined ? '' : html`<br /><span class="muted">${e.productName}</span>`}
              </td>
              <td>${e.detail}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${pager('/attention', query, req, req.page < pages, pages)}`;
}
