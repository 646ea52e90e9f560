import { html } from './html.js';
import { attentionBody } from './pages/attention.js';
import { badgeMessage, renderBadge } from './pages/badge.js';
import { customerBody } from './pages/customer.js';
import { customersBody } from './pages/customers.js';
import { when } from './pages/format.js';
import { callsBody, runsBody } from './pages/history.js';
import { renderPage, type PageInput } from './pages/layout.js';
import { overviewBody } from './pages/overview.js';
import { pageOf } from './pages/paging.js';
import { planBody, plansBody } from './pages/plans.js';
import { renewalsBody } from './pages/renewals.js';
import type { DashboardReadModel } from './read-model.js';

/** What a route answers. */
export interface RouteResult {
  readonly status: number;
  readonly type: 'html' | 'svg';
  readonly body: string;
  /** Seconds, for `Retry-After` (503 while the first view is built). */
  readonly retryAfter?: number;
}

/** Until the first view is built: 503, and the page reloads itself (no script needed). */
function loading(): RouteResult {
  const body = renderPage({
    title: 'Loading',
    section: undefined,
    body: html`<p>
      Reading the state store and the specs; a large estate takes a few seconds. This page reloads
      itself.
    </p>`,
  }).replace('<head>', '<head>\n<meta http-equiv="refresh" content="2">');
  return { status: 503, type: 'html', body, retryAfter: 2 };
}

const RUNS_PAGE = 25;
const CALLS_PAGE = 50;

/**
 * Maps a GET path to its page (docs/dashboard.md "Pages"); anything else is a 404 page. Every
 * list is paged or filtered: no page holds the whole estate.
 */
export function routeRequest(model: DashboardReadModel, url: URL): RouteResult {
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const query = url.searchParams;
  const view = model.estate();
  if (view === undefined) return loading();
  const page = (input: Omit<PageInput, 'problems' | 'asOf'>, status = 200): RouteResult => ({
    status,
    type: 'html',
    body: renderPage({ ...input, problems: view.problems, asOf: when(view.builtAt) }),
  });
  const notFound = (what: string): RouteResult =>
    page(
      {
        title: 'Not found',
        section: undefined,
        body: html`<p>${what}</p>
          <p><a href="/">Back to the overview</a> · <a href="/customers">Customers</a></p>`,
      },
      404,
    );

  if (path === '/') return page({ title: 'Overview', section: '/', body: overviewBody(view) });
  if (path === '/attention')
    return page({
      title: 'Needs attention',
      section: '/attention',
      body: attentionBody(view, query),
    });
  if (path === '/customers')
    return page({ title: 'Customers', section: '/customers', body: customersBody(view, query) });
  if (path === '/plans')
    return page({ title: 'Plans awaiting review', section: '/plans', body: plansBody(view) });
  if (path === '/renewals')
    return page({
      title: 'Renewal calendar',
      section: '/renewals',
      body: renewalsBody(view, query),
    });
  if (path === '/history') {
    const req = pageOf(query, RUNS_PAGE);
    const { runs, more } = model.runs((req.page - 1) * req.size, req.size);
    return page({ title: 'History', section: '/history', body: runsBody(runs, req, more, query) });
  }
  if (path === '/history/calls') return calls(model, query, page, notFound);

  const segment = (prefix: string): string | undefined => {
    if (!path.startsWith(prefix)) return undefined;
    try {
      return decodeURIComponent(path.slice(prefix.length));
    } catch {
      return undefined;
    }
  };
  const customerId = segment('/customers/');
  if (customerId !== undefined) {
    const customer = view.customer(customerId);
    if (customer === undefined)
      return notFound(
        `No customer ${customerId} in the specs. Customers are listed on the Customers page.`,
      );
    return page({
      title: customer.customerName,
      section: '/customers',
      body: customerBody(customer),
    });
  }
  const planId = segment('/plans/');
  if (planId !== undefined) {
    const saved = /^[0-9a-f]{1,64}$/i.test(planId) ? model.plan(planId) : undefined;
    if (saved === undefined)
      return notFound(`No saved plan ${planId}. Saved plans are listed on the Plans page.`);
    return page({
      title: `Plan ${planId}`,
      section: '/plans',
      body: planBody(planId, saved.plan, query),
    });
  }
  const badge = segment('/badge/');
  if (badge !== undefined && badge.endsWith('.svg')) {
    const customer = view.summaryOf(badge.slice(0, -'.svg'.length));
    return {
      status: customer === undefined ? 404 : 200,
      type: 'svg',
      body: renderBadge(badgeMessage(customer)),
    };
  }
  return notFound(`There is no page at ${path}.`);
}

function calls(
  model: DashboardReadModel,
  query: URLSearchParams,
  page: (input: Omit<PageInput, 'problems' | 'asOf'>) => RouteResult,
  notFound: (what: string) => RouteResult,
): RouteResult {
  const before = wholeNumber(query.get('before'));
  const run = wholeNumber(query.get('run'));
  if ((query.has('before') && before === undefined) || (query.has('run') && run === undefined))
    return notFound('`before` and `run` take a whole number.');
  const { calls: rows, more } = model.calls(before, CALLS_PAGE, run);
  const last = rows[rows.length - 1];
  const older =
    more && last !== undefined
      ? `/history/calls?${new URLSearchParams({ ...(run === undefined ? {} : { run: String(run) }), before: String(last.id) }).toString()}`
      : undefined;
  const title =
    run === undefined ? 'API calls, newest first.' : `API calls of run #${run}, newest first.`;
  return page({ title: 'API calls', section: '/history', body: callsBody(rows, title, older) });
}

function wholeNumber(text: string | null): number | undefined {
  if (text === null) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}
