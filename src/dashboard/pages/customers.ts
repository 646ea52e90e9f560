import type { CustomerHealth, CustomerSummary, EstateView } from '../estate-view.js';
import { html, raw, type SafeHtml } from '../html.js';
import { customerHref, stateBadge, when } from './format.js';
import { pageOf, pager, slicePage } from './paging.js';

const PAGE_SIZE = 50;
const HEALTHS: readonly CustomerHealth[] = [
  'in-sync',
  'drifted',
  'blocked',
  'in-flight',
  'unobserved',
];

/** Customers: filtered by name or id (`q`) and headline (`health`), 50 a page. */
export function customersBody(view: EstateView, query: URLSearchParams): SafeHtml {
  const q = (query.get('q') ?? '').trim().toLowerCase();
  const health = HEALTHS.find((h) => h === query.get('health'));
  const matches = view.customers.filter(
    (c) =>
      (health === undefined || c.health === health) &&
      (q === '' ||
        c.customerName.toLowerCase().includes(q) ||
        c.customerId.toLowerCase().includes(q)),
  );
  const req = pageOf(query, PAGE_SIZE);
  const { rows, pages } = slicePage(matches, req);
  const option = (value: string, label: string): SafeHtml =>
    html`<option value="${value}" ${value === (health ?? '') ? raw(' selected') : ''}>
      ${label}
    </option>`;
  return html` <form class="filter" method="get" action="/customers" role="search">
      <label>Name or id <input type="search" name="q" value="${query.get('q') ?? ''}" /></label>
      <label
        >State
        <select name="health">
          ${option('', 'any')}${HEALTHS.map((h) => option(h, h.replace('-', ' ')))}
        </select></label
      >
      <button type="submit">Filter</button>
    </form>
    <p>${matches.length} of ${view.customers.length} customers.</p>
    <table>
      <thead>
        <tr>
          <th scope="col">Customer</th>
          <th scope="col">State</th>
          <th scope="col" class="num">Items</th>
          <th scope="col" class="num">Drifted</th>
          <th scope="col" class="num">Blocked</th>
          <th scope="col" class="num">In flight</th>
          <th scope="col" class="num">Unmanaged</th>
          <th scope="col">Last refresh</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map((c) => row(c))}
      </tbody>
    </table>
    ${pager('/customers', query, req, req.page < pages, pages)}`;
}

function row(c: CustomerSummary): SafeHtml {
  return html`<tr>
    <td>
      <a href="${customerHref(c.customerId)}">${c.customerName}</a><br /><span class="muted"
        >${c.customerId}</span
      >
    </td>
    <td>${stateBadge(c.health)}</td>
    <td class="num">${c.itemCount}</td>
    <td class="num">${c.counts.drifted}</td>
    <td class="num">${c.counts.blocked}</td>
    <td class="num">${c.counts['in-flight']}</td>
    <td class="num">${c.unmanagedCount}</td>
    <td>${when(c.observedAt)}</td>
  </tr>`;
}
