import { createHash } from 'node:crypto';
import type { SeedSku } from '../seed/seed-types.js';

/**
 * Sandbox list prices. Partner Center prices come from price lists the emulator does not
 * model, so these are plausible round figures, not Microsoft's: a monthly per-unit USD price
 * per product (a SKU's `listPriceUsd` overrides it), converted at fixed rates. What one unit
 * costs at an instant (price changes applied) is `unitPriceAt` (unit-price.ts).
 */
const MONTHLY_USD: Readonly<Record<string, number>> = {
  CFQ7TTC0LCHC: 22, // Microsoft 365 Business Premium
  CFQ7TTC0LH18: 6, // Microsoft 365 Business Basic
  CFQ7TTC0LDPB: 12.5, // Microsoft 365 Business Standard
  CFQ7TTC0LFLX: 36, // Microsoft 365 E3
  CFQ7TTC0LF8Q: 23, // Office 365 E3
  CFQ7TTC0LH16: 4, // Exchange Online (Plan 1)
  CFQ7TTC0J1FV: 10, // Teams Phone Standard
  CFQ7TTC0HD33: 15, // Visio Plan 2
  CFQ7TTC0L3PB: 14, // Power BI Pro
  DZH318Z0BQ4T: 70, // Reserved VM instance (per instance-month)
};

/** Units of currency per USD. */
const RATES: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  AUD: 1.52,
  CAD: 1.36,
  JPY: 150,
  BRL: 5,
};

/** Units of `currency` per USD (1 for a currency the table does not know). */
export function usdRate(currency: string): number {
  return RATES[currency.toUpperCase()] ?? 1;
}

/**
 * Months one charge covers (the billing cycle in months): monthly 1, annual 12, triennial 36;
 * one-time charges cover the term (P1M 1, P1Y 12, P3Y 36; no term 1).
 */
export function monthsCharged(billingCycle: string, termDuration: string | undefined): number {
  switch (billingCycle.toLowerCase()) {
    case 'annual':
      return 12;
    case 'triennial':
      return 36;
    case 'one_time':
      return termDuration === 'P3Y' ? 36 : termDuration === 'P1Y' ? 12 : 1;
    default:
      return 1;
  }
}

/** The base monthly USD price of one unit of a SKU. Unknown products get a stable 5..49.99. */
export function monthlyUsd(productId: string, sku: SeedSku | undefined): number {
  if (sku?.listPriceUsd !== undefined) return sku.listPriceUsd;
  const known = MONTHLY_USD[productId.toUpperCase()];
  if (known !== undefined) return known;
  const n = createHash('sha256').update(productId.toUpperCase()).digest().readUInt16BE(0);
  return 5 + (n % 4500) / 100;
}

/** Rounds to cents (whole yen for JPY) with `Math.round` (halves up); never `-0`. */
export function roundMoney(amount: number, currency: string): number {
  const factor = currency.toUpperCase() === 'JPY' ? 1 : 100;
  const rounded = Math.round(amount * factor) / factor;
  return rounded === 0 ? 0 : rounded;
}
