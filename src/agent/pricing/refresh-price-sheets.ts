import type { PriceRow, PriceSource, PriceTimeline } from '../../model/index.js';
import type { StateWriter } from '../lease.js';
import type { AgentPorts, PricingPort } from '../ports.js';

const TIMELINES: readonly PriceTimeline[] = ['current', 'future'];

/** What `refreshPriceSheets` found. */
export interface PriceSheetRefresh {
  /**
   * The sheet each market, view and timeline prices from: this month's (fetched now or
   * cached), else, after a failed download, the newest older cached one. A market/view/timeline
   * with neither is missing here (and named in `notes`).
   */
  readonly sources: readonly PriceSource[];
  /** Rows `keep` accepted from the sheets downloaded now, per sheet. */
  readonly fetched: readonly { readonly source: PriceSource; readonly rows: readonly PriceRow[] }[];
  /** Why prices are missing or old: one line per sheet that could not be read. */
  readonly notes: readonly string[];
}

/**
 * Makes sure each needed sheet is cached, once a month (docs/pricing.md "Refresh"): for every
 * market × configured view, the `current` sheet of the agent clock's month (UTC) and the
 * `future` sheet of the next month. A sheet already cached for its month is reused without a
 * call; a missing one is downloaded (sequentially: each is tens of MB, streamed) and cached
 * through `write`. A failed download is not fatal: it becomes a note naming the market, view,
 * the call and its error code, and that sheet prices from the newest older cached month if
 * there is one.
 */
export async function refreshPriceSheets(
  ports: Pick<AgentPorts, 'clock'> & { readonly pricing: PricingPort },
  request: { readonly markets: readonly string[]; readonly keep?: (row: PriceRow) => boolean },
  write: StateWriter,
): Promise<PriceSheetRefresh> {
  const { pricing } = ports;
  const now = ports.clock.now();
  const months: Record<PriceTimeline, string> = {
    current: monthOf(now, 0),
    future: monthOf(now, 1),
  };
  const cached = pricing.listSheets();
  const keep = request.keep ?? (() => false);
  const sources: PriceSource[] = [];
  const fetched: { source: PriceSource; rows: readonly PriceRow[] }[] = [];
  const notes: string[] = [];
  const markets = [...new Set(request.markets.map((m) => m.toUpperCase()))].sort();
  for (const market of markets) {
    for (const view of pricing.views) {
      for (const timeline of TIMELINES) {
        const source: PriceSource = { market, view, timeline, month: months[timeline] };
        const same = (s: PriceSource): boolean =>
          s.market === market && s.view === view && s.timeline === timeline;
        if (cached.some((s) => same(s) && s.month === source.month)) {
          sources.push(source);
          continue;
        }
        try {
          const result = await pricing.fetchSheet(source, write, keep);
          sources.push(source);
          fetched.push({ source, rows: result.kept });
        } catch (error) {
          const failure = pricing.describeFailure(error);
          const older = cached
            .filter((s) => same(s) && s.month < source.month)
            .sort((a, b) => b.month.localeCompare(a.month))[0];
          if (older !== undefined) sources.push(older);
          notes.push(
            `the ${timeline} ${view} price sheet of market ${market} (${source.month}) could not be read (${failure.code}): ${failure.message}; ` +
              (older === undefined
                ? `its items in ${market} are unpriced`
                : `prices come from the ${older.month} sheet fetched ${older.fetchedAt}`),
          );
        }
      }
    }
  }
  return { sources, fetched, notes };
}

/** `YYYY-MM` of `at` (UTC) moved by `add` months. */
export function monthOf(at: Date, add: number): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + add, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
