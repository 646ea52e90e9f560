import { formatMoney, type Plan, type PlanAction } from '../../model/index.js';
import type { EstateView } from '../estate-view.js';
import { html, type SafeHtml } from '../html.js';
import { customerHref, moneyLines, when } from './format.js';
import { pageOf, pager, slicePage } from './paging.js';

const ACTIONS_PAGE = 100;

/** Plans awaiting review (the newest saved), each with its money and the commands. */
export function plansBody(view: EstateView): SafeHtml {
  if (view.plans.length === 0)
    return html`<p>
      No plan awaits review. <code>qm run</code> saves one when <code>policy.autoApply</code> holds
      actions back.
    </p>`;
  return html` <p>
      The ${view.plans.length} newest saved plans, newest first; the newest is what the last cycle
      wanted. Review one with <code>qm show --plan-id ID</code>, apply it with
      <code>qm apply --plan-id ID</code> (refused when stale).
    </p>
    <table>
      <thead>
        <tr>
          <th scope="col">Plan</th>
          <th scope="col">Saved</th>
          <th scope="col" class="num">Actions</th>
          <th scope="col" class="num">Customers</th>
          <th scope="col" class="num">Irreversible</th>
          <th scope="col">Money</th>
          <th scope="col">Apply</th>
        </tr>
      </thead>
      <tbody>
        ${view.plans.map(
          (p) =>
            html`<tr>
              <td>
                <a href="/plans/${p.id}"><code>${p.id}</code></a
                ><br /><span class="muted"
                  >${Object.entries(p.byKind)
                    .map(([k, n]) => `${k} ${n}`)
                    .join(', ')}</span
                >
              </td>
              <td>${when(p.savedAt)}</td>
              <td class="num">${p.actions}</td>
              <td class="num">${p.customers}</td>
              <td class="num">${p.irreversible}</td>
              <td>
                ${moneyLines(p.cost)}${p.unpriced > 0 ? html`<div class="muted">${p.unpriced} unpriced</div>` : ''}
              </td>
              <td><code>qm apply --plan-id ${p.id}</code></td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

/** One saved plan: its money, then its actions 100 a page, then its blocked count. */
export function planBody(id: string, plan: Plan, query: URLSearchParams): SafeHtml {
  const req = pageOf(query, ACTIONS_PAGE);
  const { rows, pages } = slicePage(plan.actions, req);
  const cost = Object.fromEntries(
    Object.entries(plan.summary.cost ?? {}).filter(
      (e): e is [string, Exclude<(typeof e)[1], number>] => typeof e[1] !== 'number',
    ),
  );
  return html` <p>
      Made ${when(plan.basis.createdAt)} · ${plan.actions.length} action(s), ${plan.blocked.length}
      blocked, ${plan.unmanaged.length} unmanaged.
    </p>
    ${moneyLines(cost)}
    <p>
      Review: <code>qm show --plan-id ${id}</code> · apply: <code>qm apply --plan-id ${id}</code>
    </p>
    <table>
      <caption>
        Actions
      </caption>
      <thead>
        <tr>
          <th scope="col">Customer</th>
          <th scope="col">Item</th>
          <th scope="col">Action</th>
          <th scope="col">Change</th>
          <th scope="col">Money</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(actionRow)}
      </tbody>
    </table>
    ${pager(`/plans/${id}`, query, req, req.page < pages, pages)}`;
}

function actionRow(a: PlanAction): SafeHtml {
  const c = a.cost;
  return html`<tr>
    <td><a href="${customerHref(a.customerId)}">${a.customerName}</a></td>
    <td>
      ${a.item}${a.productName === undefined ? '' : html`<br /><span class="muted">${a.productName}</span>`}
    </td>
    <td>${a.kind}</td>
    <td>${change(a)}</td>
    <td>
      ${c === undefined ? html`<span class="muted">unpriced</span>` : `${formatMoney(c.monthlyDelta, c.currency, true)}/month, ${formatMoney(c.commitment, c.currency)} committed`}
    </td>
    <td>${a.reason}</td>
  </tr>`;
}

function change(a: PlanAction): string {
  switch (a.kind) {
    case 'purchase':
      return `buy ${a.after.quantity} × ${a.after.productId}:${a.after.skuId} ${a.after.term ?? ''}/${a.after.billing}`;
    case 'increase-quantity':
    case 'decrease-quantity':
    case 'schedule-decrease':
      return `${a.before.quantity} → ${a.after.quantity} seats`;
    case 'schedule-change':
      return `at renewal: ${a.after.productId}:${a.after.skuId} ${a.after.termDuration}/${a.after.billingCycle} × ${a.after.quantity}`;
    case 'register-azure-subscription':
      return `register ${a.azureSubscriptionId}`;
    case 'set-autorenew':
      return `autorenew ${a.before.autoRenew ? 'on' : 'off'} → ${a.after.autoRenew ? 'on' : 'off'}`;
    case 'cancel':
      return `cancel ${a.before.quantity} seats (until ${a.cancellationAllowedUntil})`;
    case 'upgrade':
      return `now: ${a.before.productId}:${a.before.skuId} → ${a.after.productId}:${a.after.skuId}`;
  }
}
