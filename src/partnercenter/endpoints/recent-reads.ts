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
/** Decoded reads kept at most (about eight batches of 250 customers × 10 subscriptions). */
const MAX_DECODED = 20_000;

const SUBSCRIPTION_PATH = /^\/v1\/customers\/([^/]+)\/subscriptions\/([^/]+)$/;

export class RecentReads {
  /**
   * The decoded object as read; once `retain` keeps it past its batch, JSON text (a fraction of
   * the object graph's heap: docs/performance.md). Stringifying only what is kept spares the
   * ~95% of reads no action changes.
   */
  readonly #entries = new Map<
    string,
    {
      readonly read: SubscriptionDto | string;
      readonly etag: string | undefined;
      readonly at: number;
    }
  >();
  /**
   * The remembered subscription paths of each customer, with the subscription id each names, so
   * `retain` visits one batch's reads, not every read remembered.
   */
  readonly #byCustomer = new Map<string, Map<string, string>>();
  /** How many entries hold a decoded object. */
  #decoded = 0;

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  remember(path: string, dto: SubscriptionDto, etag: string | undefined): void {
    if (this.ttlMs <= 0) return;
    this.#drop(path);
    this.#entries.set(path, { read: dto, etag, at: this.clock.now().getTime() });
    const found = SUBSCRIPTION_PATH.exec(path);
    if (found !== null) {
      const customer = decodeURIComponent(found[1] ?? '');
      let paths = this.#byCustomer.get(customer);
      if (paths === undefined) this.#byCustomer.set(customer, (paths = new Map<string, string>()));
      paths.set(path, decodeURIComponent(found[2] ?? ''));
    }
    this.#decoded += 1;
    if (this.#decoded > MAX_DECODED) this.#compact();
  }

  /**
   * Turns the oldest decoded reads into text until half the cap is left: a caller that never
   * calls `retain` (an import of every customer) still holds text, not object graphs.
   */
  #compact(): void {
    for (const [path, entry] of this.#entries) {
      if (this.#decoded <= MAX_DECODED / 2) return;
      if (typeof entry.read === 'string') continue;
      this.#entries.set(path, { ...entry, read: JSON.stringify(entry.read) });
      this.#decoded -= 1;
    }
  }

  /** The read of `path` if it is younger than the TTL; it is consumed (one PATCH per read). */
  take(path: string): RecentRead | undefined {
    const entry = this.#entries.get(path);
    this.#drop(path);
    if (entry === undefined || this.clock.now().getTime() - entry.at > this.ttlMs) return undefined;
    const { read } = entry;
    return {
      dto: typeof read === 'string' ? (JSON.parse(read) as SubscriptionDto) : read,
      etag: entry.etag,
    };
  }

  forget(path: string): void {
    this.#drop(path);
  }

  #drop(path: string): void {
    const entry = this.#entries.get(path);
    if (entry === undefined) return;
    if (typeof entry.read !== 'string') this.#decoded -= 1;
    this.#entries.delete(path);
    const found = SUBSCRIPTION_PATH.exec(path);
    if (found === null) return;
    const customer = decodeURIComponent(found[1] ?? '');
    const paths = this.#byCustomer.get(customer);
    paths?.delete(path);
    if (paths?.size === 0) this.#byCustomer.delete(customer);
  }

  /**
   * Drops the reads of these customers' subscriptions except those in `keep` (docs/scale.md
   * "Flat memory": once a batch is planned, only what its actions will PATCH is worth keeping).
   */
  retain(customerIds: ReadonlySet<string>, keep: ReadonlySet<string>): void {
    for (const customer of customerIds) {
      const paths = this.#byCustomer.get(customer);
      if (paths === undefined) continue;
      for (const [path, subscription] of [...paths]) {
        const entry = this.#entries.get(path);
        if (entry === undefined) continue;
        if (!keep.has(subscription)) this.#drop(path);
        else if (typeof entry.read !== 'string') {
          this.#entries.set(path, { ...entry, read: JSON.stringify(entry.read) });
          this.#decoded -= 1;
        }
      }
    }
  }

  /** How many reads are remembered (tests, benchmarks). */
  get size(): number {
    return this.#entries.size;
  }
}
