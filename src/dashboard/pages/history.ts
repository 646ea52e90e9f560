import type { JournalEntry, RunRecord } from '../../state/index.js';
import { html, type SafeHtml } from '../html.js';
import { customerHref, stateBadge, when } from './format.js';
import { pager, type PageRequest } from './paging.js';

/** Runs, newest first, 25 a page; each links to its API calls. */
export function runsBody(
  runs: readonly RunRecord[],
  req: PageRequest,
  more: boolean,
  query: URLSearchParams,
): SafeHtml {
  return html` <p>
      Every <code>qm plan</code>, <code>apply</code>, <code>run</code> cycle and
      <code>qm state</code> repair, newest first. <a href="/history/calls">API calls</a>
    </p>
    <table>
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Command</th>
          <th scope="col">Started</th>
          <th scope="col">Ended</th>
          <th scope="col">Outcome</th>
          <th scope="col">Counts</th>
        </tr>
      </thead>
      <tbody>
        ${runs.map(
          (r) =>
            html`<tr>
              <td><a href="/history/calls?run=${r.id}">#${r.id}</a></td>
              <td><code>qm ${r.command}</code></td>
              <td>${when(r.startedAt)}</td>
              <td>${r.endedAt === undefined ? 'running or died' : when(r.endedAt)}</td>
              <td>
                ${stateBadge(r.outcome ?? 'unknown')}${r.detail === undefined ? '' : html`<br /><span class="muted">${r.detail}</span>`}
              </td>
              <td>
                ${Object.entries(r.counts ?? {})
                  .map(([k, v]) => `${k} ${v}`)
                  .join(', ')}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${pager('/history', query, req, more)}`;
}

/** API calls (journal rows), newest first; `older` is the link to the next page. */
export function callsBody(
  calls: readonly JournalEntry[],
  title: string,
  older: string | undefined,
): SafeHtml {
  return html` <p>
      ${title} Each mutating call to Partner Center, journalled before it was sent.
      <a href="/history">Runs</a>
    </p>
    <table>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Run</th>
          <th scope="col">Customer</th>
          <th scope="col">Item</th>
          <th scope="col">Call</th>
          <th scope="col">Status</th>
          <th scope="col">Request id</th>
        </tr>
      </thead>
      <tbody>
        ${calls.map(
          (c) =>
            html`<tr>
              <td>${when(c.createdAt)}</td>
              <td>
                ${c.runId === undefined ? '—' : html`<a href="/history/calls?run=${c.runId}">#${c.runId}</a>`}
              </td>
              <td>
                <a href="${customerHref(c.customerId)}"><code>${c.customerId}</code></a>
              </td>
              <td>${c.item ?? '—'}</td>
              <td>
                ${c.kind}/${c.step ?? '-'}${c.orderIds.length === 0 ? '' : html`<br /><span class="muted">orders ${c.orderIds.join(', ')}</span>`}
              </td>
              <td>
                ${stateBadge(c.status === 'in-flight' || c.status === 'unknown' ? 'in-flight' : c.status)}${c.status === 'unknown' ? ' (unknown)' : ''}${c.errorCode === undefined ? '' : html`<br />[${c.errorCode}] ${c.errorMessage ?? ''}`}
              </td>
              <td><code>${c.requestId}</code></td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${older === undefined ? '' : html`<nav class="pager" aria-label="Pages"><a href="${older}" rel="next">Older calls →</a></nav>`}`;
}
