/**
 * Prices as the agent sees them: rows of Partner Center's price sheets (the CSV files of
 * `GET /v1.0/sales/pricesheets(Market='{m}',PricesheetView='{v}')/$value` on
 * api.partner.microsoft.com), cached per market, view, timeline and month in the state store,
 * and the lookups the planner prices actions with. How a price becomes money on an action:
 * docs/money.md.
 */

/** The views the agent reads (NCE licences, software, marketplace, Azure reservations). */
export const PRICESHEET_VIEWS = [
  'updatedlicensebased',
  'software',
  'marketplace',
  'azure_reservations',
] as const;
export type PricesheetView = (typeof PRICESHEET_VIEWS)[number];

/** `current`: prices of this month; `future`: the next month's (prices at renewal). */
export type PriceTimeline = 'current' | 'future';

/** Which file a price came from. */
export interface PriceSource {
  /** Upper-case two-letter market (the customer's country). */
  readonly market: string;
  readonly view: PricesheetView;
  /** The month the sheet covers, `YYYY-MM`. */
  readonly month: string;
  readonly timeline: PriceTimeline;
}

/** One price sheet row, normalised: ids and market upper-case, billing plan lower-case. */
export interface PriceRow {
  readonly productId: string;
  readonly skuId: string;
  readonly productTitle?: string;
  readonly skuTitle?: string;
  /** ISO 8601 duration, upper-case (`P1M`, `P1Y`, `P3Y`); empty when the sheet has none. */
  readonly termDuration: string;
  /** `monthly`, `annual`, `triennial`, `one_time`; empty when the sheet has none. */
  readonly billingPlan: string;
  readonly market: string;
  /** Upper-case ISO 4217. */
  readonly currency: string;
  /** The partner's price of one unit for one billing charge (`BillingPlan`). */
  readonly unitPrice: number;
  /** `ERP Price`: the estimated retail price of the same. */
  readonly erpPrice?: number;
  readonly unitOfMeasure?: string;
  readonly tierMin?: number;
  readonly tierMax?: number;
  /** ISO instants (UTC). */
  readonly effectiveStartDate?: string;
  readonly effectiveEndDate?: string;
  readonly segment?: string;
}

/** What to price: one product/SKU/term/billing in a market. */
export interface PriceQuery {
  readonly market: string;
  readonly productId: string;
  readonly skuId: string;
  readonly termDuration?: string;
  readonly billingCycle: string;
  /** Seats after the change, to pick a pricing tier when the sheet has tiers. */
  readonly quantity?: number;
}

/** A price found for a query. */
export interface PriceQuote {
  readonly currency: string;
  /** One unit for one billing charge. */
  readonly unitPrice: number;
  readonly erpPrice?: number;
  readonly source: PriceSource;
}

/** The prices a plan is computed with; pure, in memory. */
export interface PriceBook {
  /** The price effective at `at` in the `timeline` sheet; `undefined` when no row matches. */
  quote(query: PriceQuery, timeline: PriceTimeline, at: Date): PriceQuote | undefined;
  /**
   * Why some prices are missing, for humans: pricing not configured, a sheet that could not be
   * read for a market. Empty when every sheet needed was read.
   */
  readonly notes: readonly string[];
}

/** A book with no prices (pricing not configured). */
export function emptyPriceBook(notes: readonly string[]): PriceBook {
  return { quote: () => undefined, notes };
}

/** A sheet held in the cache. */
export interface CachedPriceSheet extends PriceSource {
  readonly fetchedAt: string;
  readonly rows: number;
}

/**
 * `USD 1,234.56` (minor unit of the currency; `JPY 1,235`); `signed` writes `+` before a
 * positive amount. Display only.
 */
export function formatMoney(amount: number, currency: string, signed = false): string {
  const code = currency.toUpperCase();
  const digits = currencyDigits(code);
  const text = new Intl.NumberFormat('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(Math.abs(amount));
  const sign = amount < 0 ? '-' : signed && amount > 0 ? '+' : '';
  return `${sign}${code} ${text}`;
}

const digitsByCurrency = new Map<string, number>();

/** Digits of the currency's minor unit (2 for USD, 0 for JPY); 2 for a code Intl does not know. */
export function currencyDigits(currency: string): number {
  const code = currency.toUpperCase();
  let digits = digitsByCurrency.get(code);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsByCurrency.set(code, digits);
  }
  return digits;
}
