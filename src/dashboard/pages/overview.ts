import type { EstateView } from '../estate-view.js';
import { html, type SafeHtml } from '../html.js';
import { customerHref, moneyLines, stateBadge, when } from './format.js';

/** How many customers the overview names under "Worst first". */
const WORST_SHOWN = 10;

/** Overview: the estate in tiles, the money waiting for review, the last cycle. */
export function overviewBody(view: EstateView): SafeHtml {
  const c = view.counts;
  const tile = (label: string, n: number, href?: string): SafeHtml =>
    html`<li class="tile">
      <span class="n">${n.toLocaleString('en-US')}</span
      >${href === undefined ? label : html`<a href="${href}">${label}</a>`}
    </li>`;
  const plan = view.plans[0];
  const cycle = view.lastCycle;
  const worst = view.customers
    .filter((x) => x.health === 'blocked' || x.health === 'drifted' || x.health === 'in-flight')
    .sort((a, b) => rank(a.health) - rank(b.health))
    .slice(0, WORST_SHOWN);
  return html` <h2 id="estate">The estate</h2>
    <ul class="tiles" aria-labelledby="estate">
      ${tile('customers', c.customers, '/customers')} ${tile('managed items', c.managed)}
      ${tile('in sync', c.inSync, '/customers?health=in-sync')}
      ${tile('drifted', c.drifted, '/customers?health=drifted')}
      ${tile('blocked', c.blocked, '/customers?health=blocked')}
      ${tile('in flight', c.inFlight, '/customers?health=in-flight')}
      ${tile('never refreshed', c.unobserved, '/customers?health=unobserved')}
      ${tile('unmanaged subscriptions', c.unmanaged)}
      ${tile('need attention', view.attention.length, '/attention')}
    </ul>
    <p class="muted">
      ${c.items.toLocaleString('en-US')} spec items. Last refresh:
      ${view.observed === undefined ? 'never (run qm plan)' : `${when(view.observed.oldest)} … ${when(view.observed.newest)}`}.
    </p>
    <h2>Money waiting for review</h2>
    ${
      plan === undefined
        ? html`<p>No plan awaits review.</p>`
        : html`<p>
              Plan <a href="/plans/${plan.id}"><code>${plan.id}</code></a
              >, saved ${when(plan.savedAt)}: ${plan.actions} action(s) for ${plan.customers}
              customer(s)${plan.unpriced > 0 ? `, ${plan.unpriced} unpriced` : ''}.
            </p>
            ${moneyLines(plan.cost)}
            <p>Apply it with <code>qm apply --plan-id ${plan.id}</code>.</p>`
    }
    <h2>Last cycle</h2>
    ${
      cycle === undefined
        ? html`<p>No cycle has run yet (<code>qm run</code> or <code>qm apply</code>).</p>`
        : html`<p>
            <code>qm ${cycle.command}</code> run #${cycle.id}, started ${when(cycle.startedAt)},
            ${cycle.endedAt === undefined ? 'still running or died' : html`ended ${when(cycle.endedAt)}: ${stateBadge(cycle.outcome ?? 'unknown')}`}${counts(cycle.counts)}.
            <a href="/history">History</a>
          </p>`
    }
    <h2>Worst first</h2>
    ${
      worst.length === 0
        ? html`<p>Every refreshed customer is in sync.</p>`
        : html`<ul>
            ${worst.map((x) => html`<li><a href="${customerHref(x.customerId)}">${x.customerName}</a> ${stateBadge(x.health)} (${x.counts.blocked} blocked, ${x.counts.drifted} drifted, ${x.counts['in-flight']} in flight)</li>`)}
          </ul>`
    }`;
}

function rank(health: string): number {
  return ['blocked', 'drifted', 'in-flight'].indexOf(health);
}

function counts(values: Readonly<Record<string, number>> | undefined): string {
  const parts = Object.entries(values ?? {}).map(([k, v]) => `${k} ${v}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}
