import { html, type SafeHtml } from '../html.js';

/** A page of a list: 1-based `page`, `size` rows. */
export interface PageRequest {
  readonly page: number;
  readonly size: number;
}

/** `?page=N` (1 when absent or not a positive whole number). */
export function pageOf(query: URLSearchParams, size: number): PageRequest {
  const n = Number(query.get('page') ?? '1');
  return { page: Number.isInteger(n) && n >= 1 ? Math.min(n, 1_000_000) : 1, size };
}

/** The rows of the requested page, and how many pages there are. */
export function slicePage<T>(
  rows: { readonly length: number; slice(start: number, end: number): readonly T[] },
  req: PageRequest,
): { rows: readonly T[]; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / req.size));
  const start = (req.page - 1) * req.size;
  return { rows: rows.slice(start, start + req.size), pages };
}

/** Previous/next links keeping the other query parameters. */
export function pager(
  path: string,
  query: URLSearchParams,
  req: PageRequest,
  more: boolean,
  pages?: number,
): SafeHtml {
  const link = (page: number): string => {
    const q = new URLSearchParams(query);
    q.set('page', String(page));
    return `${path}?${q.toString()}`;
  };
  const prev = req.page > 1 ? html`<a href="${link(req.page - 1)}" rel="prev">← Previous</a>` : '';
  const next = more ? html`<a href="${link(req.page + 1)}" rel="next">Next →</a>` : '';
  const of = pages === undefined ? '' : ` of ${pages}`;
  return html`<nav class="pager" aria-label="Pages">
    <span>Page ${req.page}${of}</span>${prev}${next}
  </nav>`;
}
