import { priceRenewal, type RenewalEntry } from '../agent/index.js';
import type { DesiredState, LiveSubscription, PriceBook } from '../model/index.js';
import { createPriceBook, type SourcedPriceRow } from '../planner/index.js';
import type { StateStore } from '../state/index.js';

/**
 * The calendar priced from the price sheets the store has cached (docs/money.md): each entry's
 * monthly run rate now and at renewal, by `priceRenewal` as `qm renewals` prices it. Nothing is
 * fetched; entries stay unpriced when no sheet is cached.
 */
export function priceFromCache(
  store: StateStore,
  renewals: readonly RenewalEntry[],
  desired: DesiredState,
  now: Date,
): readonly RenewalEntry[] {
  const book = cachedPriceBook(store, renewals, desired);
  if (book === undefined) return renewals;
  const markets = new Map(desired.customers.map((c) => [c.id as string, c.country.toUpperCase()]));
  return priced(renewals, book, markets, now);
}

/**
 * The cached price sheet rows of the products the calendar holds, per market, as a price book;
 * `undefined` when nothing is cached (pricing not configured, or never fetched).
 */
function cachedPriceBook(
  store: StateStore,
  renewals: readonly RenewalEntry[],
  desired: DesiredState,
): PriceBook | undefined {
  if (renewals.length === 0 || store.prices.list().length === 0) return undefined;
  const country = new Map(desired.customers.map((c) => [c.id as string, c.country.toUpperCase()]));
  const wanted = new Set<string>();
  for (const r of renewals) {
    const market = country.get(r.customerId);
    if (market === undefined) continue;
    wanted.add(`${market}|${r.productId}|${r.skuId}`);
    if (r.next !== undefined) wanted.add(`${market}|${r.next.productId}|${r.next.skuId}`);
  }
  const rows: SourcedPriceRow[] = [];
  for (const key of wanted) {
    const [market = '', productId = '', skuId = ''] = key.split('|');
    rows.push(...store.prices.find(market, productId, skuId));
  }
  return createPriceBook(rows, []);
}

/** Each entry with its monthly run rate now and at renewal (`priceRenewal`, as `qm renewals`). */
function priced(
  renewals: readonly RenewalEntry[],
  book: PriceBook,
  markets: ReadonlyMap<string, string>,
  now: Date,
): RenewalEntry[] {
  return renewals.map((entry) => {
    const market = markets.get(entry.customerId);
    if (market === undefined) return entry;
    const price = priceRenewal({
      prices: book,
      market,
      live: liveShapeOf(entry),
      next: entry.next,
      renewsAt: entry.renewsAt === undefined ? undefined : new Date(entry.renewsAt),
      now,
    });
    return price === undefined ? entry : { ...entry, price };
  });
}

/** The calendar entry's current shape as `priceRenewal` reads it (shape and seats only). */
function liveShapeOf(entry: RenewalEntry): LiveSubscription {
  return {
    id: entry.subscriptionId,
    customerId: entry.customerId,
    offerId: `${entry.productId}:${entry.skuId}`,
    productId: entry.productId,
    skuId: entry.skuId,
    friendlyName: entry.productName ?? '',
    quantity: entry.quantity,
    status: entry.status,
    autoRenewEnabled: entry.autoRenew,
    termDuration: entry.termDuration,
    billingCycle: entry.billingCycle,
    creationDate: '',
    ...(entry.commitmentEndDate === undefined
      ? {}
      : { commitmentEndDate: entry.commitmentEndDate }),
  };
}
