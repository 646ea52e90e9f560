import { formatMoney } from '../../model/index.js';
import type { CustomerView, ItemView } from '../estate-view.js';
import { html, type SafeHtml } from '../html.js';
import { desiredLive, stateBadge, when } from './format.js';

/**
 * One customer: every spec item desired vs live (seats, term, billing, autorenew), its renewal,
 * scheduled change, open windows, monthly price and state; then the unmanaged subscriptions.
 */
export function customerBody(c: CustomerView): SafeHtml {
  const badge = `/badge/${encodeURIComponent(c.customerId)}.svg`;
  return html` <p>
      <code>${c.customerId}</code> · ${stateBadge(c.health)} · spec
      <code>${c.specFile ?? '—'}</code> · last refresh ${when(c.observedAt)}
    </p>
    <table>
      <caption>
        Items (${c.items.length})
      </caption>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Product</th>
          <th scope="col">Term / billing</th>
          <th scope="col" class="num">Seats</th>
          <th scope="col">Autorenew</th>
          <th scope="col">Renews</th>
          <th scope="col">Scheduled change</th>
          <th scope="col">Windows</th>
          <th scope="col" class="num">Price / month</th>
          <th scope="col">State</th>
        </tr>
      </thead>
      <tbody>
        ${c.items.map(itemRow)}
      </tbody>
    </table>
    ${
      c.unmanaged.length === 0
        ? html`<p>No unmanaged subscriptions.</p>`
        : html`<table>
            <caption>
              Unmanaged subscriptions (${c.unmanaged.length}): no spec item names them; never
              touched
            </caption>
            <thead>
              <tr>
                <th scope="col">Subscription</th>
                <th scope="col">Product</th>
                <th scope="col" class="num">Seats</th>
                <th scope="col">Status</th>
                <th scope="col">Could be</th>
              </tr>
            </thead>
            <tbody>
              ${c.unmanaged.map(
                (u) =>
                  html`<tr>
                    <td><code>${u.subscriptionId}</code></td>
                    <td>${u.productName ?? ''}<br /><span class="muted">${u.offerId}</span></td>
                    <td class="num">${u.quantity}</td>
                    <td>${u.status}</td>
                    <td>${(u.candidateFor ?? []).join(', ') || '—'}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    <h2>Status badge</h2>
    <p><img src="${badge}" alt="status badge of ${c.customerName}" /> <code>${badge}</code></p>`;
}

function itemRow(i: ItemView): SafeHtml {
  const live =
    i.live === undefined
      ? ''
      : html`<br /><span class="muted"
            >live ${i.live.termDuration}/${i.live.billingCycle}, ${i.live.status}</span
          >`;
  const change = i.scheduledChange;
  const windows = [
    i.deadlines?.refundUntil === undefined
      ? undefined
      : `refund ${i.deadlines.refundableSeats ?? ''} seat(s) until ${when(i.deadlines.refundUntil)}`,
    i.deadlines?.cancelUntil === undefined
      ? undefined
      : `cancel until ${when(i.deadlines.cancelUntil)}`,
  ].filter((w): w is string => w !== undefined);
  const price = i.price;
  const state = html`${stateBadge(i.state)}${i.blocked === undefined ? '' : html`<br />[${i.blocked.code}] ${i.blocked.reason}`}${i.planned.map((p) => html`<br />${p.kind}: ${p.reason}`)}${i.changed === undefined ? '' : html`<br /><span class="muted">changed by the agent ${when(i.changed.at)} (${i.changed.kinds.join(', ')})</span>`}`;
  return html`<tr>
    <th scope="row">
      ${i.item}${i.ensure === 'cancelled' ? html`<br /><span class="muted">ensure: cancelled</span>` : ''}
    </th>
    <td>
      ${i.productName ?? ''}<br /><span class="muted"
        >${i.productId}:${i.skuId}${i.subscriptionId === undefined ? '' : html` · <code>${i.subscriptionId}</code>`}</span
      >
    </td>
    <td>${i.term ?? '—'} / ${i.billing}${live}</td>
    <td class="num">${desiredLive(i.seats.desired, i.seats.live)}</td>
    <td>${i.autoRenew === undefined ? '—' : desiredLive(i.autoRenew.desired, i.autoRenew.live)}</td>
    <td>
      ${i.renewsAt === undefined ? '—' : `${when(i.renewsAt, true)} (${i.daysLeft ?? '?'} days)`}${i.endsAtRenewal === true ? html`<br />ends (autorenew off)` : ''}
    </td>
    <td>
      ${change === undefined ? '—' : `${change.productId}:${change.skuId} ${change.termDuration}/${change.billingCycle} × ${change.quantity}`}
    </td>
    <td>${windows.length === 0 ? '—' : windows.join('; ')}</td>
    <td class="num">
      ${price === undefined ? '—' : `${formatMoney(price.now, price.currency)}${price.next === undefined || price.next === price.now ? '' : ` → ${formatMoney(price.next, price.currency)}`}`}
    </td>
    <td>${state}</td>
  </tr>`;
}
