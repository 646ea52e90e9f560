import type { Clock } from '../../support/index.js';
import type { SubscriptionDto } from '../dto/subscription-dto.js';

/** A subscription exactly as a recent read returned it, with its etag. */
export interface RecentRead {
  readonly dto: SubscriptionDto;
  readonly etag: string | undefined;
}

/**
 * Subscriptions as the last list/get returned them, so that a PATCH right after a refresh can
 * send the full resource with `If-Match` on the etag it was read with, instead of a GET per
 * change (docs/scale.md: one list call per customer + one call per change).
 *
 * ETags are short-lived (docs/partner-center-api.md §1.3): a read older than `ttlMs` is dropped and
 * the PATCH falls back to GET-modify-PATCH. If the subscription changed since it was read,
 * Partner Center answers 2055 and the caller gets `etag-stale` — the change is NOT replayed on
 * the fresh resource (§10.10: "GET again and recompute the diff"): the next plan recomputes it.
 */
export class RecentReads {
  /**
   * Kept as JSON text, not as the decoded object: a refresh of thousands of customers remembers
   * every subscription, and text is a fraction of the object graph's heap (docs/performance.md).
   */
  readonly #entries = new Map<
    string,
    { readonly text: string; readonly etag: string | undefined; readonly at: number }
  >();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  remember(path: string, dto: SubscriptionDto, etag: string | undefined): void {
    if (this.ttlMs <= 0) return;
    this.#entries.set(path, { text: JSON.stringify(dto), etag, at: this.clock.now().getTime() });
  }

  /** The read of `path` if it is younger than the TTL; it is consumed (one PATCH per read). */
  take(path: string): RecentRead | undefined {
    const entry = this.#entries.get(path);
    this.#entries.delete(path);
    if (entry === undefined || this.clock.now().getTime() - entry.at > this.ttlMs) return undefined;
    return { dto: JSON.parse(entry.text) as SubscriptionDto, etag: entry.etag };
  }

  forget(path: string): void {
    this.#entries.delete(path);
  }
}
