import { html, htmlText, raw, type HtmlValue, type SafeHtml } from '../html.js';
import { STYLE } from './style.js';

/**
 * The style element, byte for byte what the CSP hash covers (`STYLE_HASH`): built outside the
 * template so a formatter can never add whitespace inside it.
 */
const STYLE_TAG = raw('<style>' + STYLE + '</style>');

/** The sections in the navigation, in order. */
export const NAV = [
  { href: '/', label: 'Overview' },
  { href: '/attention', label: 'Needs attention' },
  { href: '/customers', label: 'Customers' },
  { href: '/plans', label: 'Plans' },
  { href: '/history', label: 'History' },
  { href: '/renewals', label: 'Renewals' },
] as const;

export type Section = (typeof NAV)[number]['href'];

export interface PageInput {
  readonly title: string;
  /** The navigation entry this page belongs to. */
  readonly section: Section | undefined;
  readonly body: HtmlValue;
  /** Why the data may be incomplete; shown above the content. */
  readonly problems?: readonly string[];
  /** The view's build time, for the footer. */
  readonly asOf?: string;
}

/**
 * A whole page: a skip link, the navigation (the current page marked `aria-current`), the
 * problems, the content in `<main id="main">`. No script, no external resource: the icon is an
 * empty data URL so the browser asks for nothing.
 */
export function renderPage(page: PageInput): string {
  const nav = NAV.map(
    (n) =>
      html`<li>
        <a href="${n.href}" ${n.href === page.section ? raw(' aria-current="page"') : ''}
          >${n.label}</a
        >
      </li>`,
  );
  const problems = (page.problems ?? []).map(
    (p) => html`<p class="problem" role="status">${p}</p>`,
  );
  const doc: SafeHtml = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <link rel="icon" href="data:," />
        <title>${page.title} · Quartermaster</title>
        ${STYLE_TAG}
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header>
          <span class="brand">Quartermaster</span>
          <nav aria-label="Sections">
            <ul>
              ${nav}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex="-1">
          <h1>${page.title}</h1>
          ${problems} ${page.body}
        </main>
        <footer>
          Read-only: changes go through the specs in git and
          <code>qm apply</code>.${page.asOf === undefined ? '' : html` Data as of ${page.asOf}.`}
        </footer>
      </body>
    </html> `;
  return htmlText(doc);
}
