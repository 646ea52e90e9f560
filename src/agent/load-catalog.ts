import type { CatalogAvailability, CatalogSku, CatalogView, DesiredState } from '../model/index.js';
import { requiredCatalogEntries, type CatalogEntryRef } from '../planner/index.js';
import type { StateWriter } from './lease.js';
import type { AgentPorts, StateReadPort } from './ports.js';

/** How long catalog facts are reused across runs. Availability ids rotate, so not forever. */
export const CATALOG_TTL_MS = 15 * 60_000;

/** One SKU's facts for one country, as cached in the state store. */
interface CachedFacts {
  readonly skus: readonly CatalogSku[];
  readonly availabilities: readonly CatalogAvailability[];
}

type Views = Map<string, { skus: CatalogSku[]; availabilities: CatalogAvailability[] }>;

/**
 * The catalog views for `refs`, keyed by country: read from the state store's cache when fresh,
 * otherwise fetched (one SKU and one availabilities call per entry) and cached through `write`
 * (skipped when it cannot take the lease). Purchases re-resolve their catalog item at apply.
 */
async function loadCatalogEntries(
  app: Pick<AgentPorts, 'state' | 'reads'>,
  refs: readonly CatalogEntryRef[],
  write: StateWriter,
): Promise<Map<string, CatalogView>> {
  const { views, missing } = readCachedEntries(app.state, refs);
  if (missing.length > 0) {
    const fetched = await app.reads.readCatalog(missing);
    for (const ref of missing) {
      const facts: CachedFacts = {
        skus: fetched.skus.filter((s) => s.productId === ref.productId && s.skuId === ref.skuId),
        availabilities: fetched.availabilities.filter(
          (a) =>
            a.productId === ref.productId &&
            a.skuId === ref.skuId &&
            a.country.toUpperCase() === ref.country,
        ),
      };
      write(() => app.state.catalog.put(ref, facts, CATALOG_TTL_MS));
      add(views, ref.country, facts);
    }
  }
  return views;
}

/**
 * The views the state store's cache can give without the network, and the entries it lacks
 * (missing or expired). `qm status` plans from this alone.
 */
export function readCachedCatalog(
  store: Pick<StateReadPort, 'catalog'>,
  desired: DesiredState,
): { views: Map<string, CatalogView> & Views; missing: CatalogEntryRef[] } {
  return readCachedEntries(store, requiredCatalogEntries(desired));
}

function readCachedEntries(
  store: Pick<StateReadPort, 'catalog'>,
  refs: readonly CatalogEntryRef[],
): { views: Map<string, CatalogView> & Views; missing: CatalogEntryRef[] } {
  const views: Views = new Map();
  const missing: CatalogEntryRef[] = [];
  for (const ref of refs) {
    const cached = store.catalog.get(ref)?.value as CachedFacts | undefined;
    if (cached === undefined) missing.push(ref);
    else add(views, ref.country, cached);
  }
  return { views, missing };
}

function add(views: Views, country: string, facts: CachedFacts): void {
  const view = views.get(country) ?? { skus: [], availabilities: [] };
  view.skus.push(...facts.skus);
  view.availabilities.push(...facts.availabilities);
  views.set(country, view);
}

/**
 * The catalog of one planning pass, gathered batch by batch (docs/scale.md "Flat memory"): each
 * batch's entries are loaded once, and kept for the batches after it (even when the state store's
 * cache could not be written), so the views only grow by what a batch adds.
 */
export class CatalogMemo {
  readonly #views: Views = new Map();
  readonly #seen = new Set<string>();

  constructor(
    private readonly app: Pick<AgentPorts, 'state' | 'reads'>,
    private readonly write: StateWriter,
  ) {}

  /** The views so far, with every entry `desired`'s items need. */
  async views(desired: DesiredState): Promise<ReadonlyMap<string, CatalogView>> {
    const key = (r: CatalogEntryRef): string => `${r.country}|${r.productId}|${r.skuId}`;
    const wanted = requiredCatalogEntries(desired).filter((r) => !this.#seen.has(key(r)));
    if (wanted.length === 0) return this.#views;
    const loaded = await loadCatalogEntries(this.app, wanted, this.write);
    for (const ref of wanted) this.#seen.add(key(ref));
    for (const [country, view] of loaded) {
      const known = this.#views.get(country) ?? { skus: [], availabilities: [] };
      known.skus.push(...view.skus);
      known.availabilities.push(...view.availabilities);
      this.#views.set(country, known);
    }
    return this.#views;
  }
}
