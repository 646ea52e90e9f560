import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxSeed, SeedCustomer } from '../src/sandbox/index.js';
import { defaultCatalog } from '../src/sandbox/index.js';

/**
 * The benchmark estate: `customers` US customers × 10 NCE licence subscriptions (5 products ×
 * P1M/P1Y monthly, 10 seats, bought 2 days ago so decreases are refundable), each adopted by
 * id in a spec file. 5 % of the items drift: item 7 of every even customer, alternately +2 seats
 * (increase) and −1 seat (refundable decrease).
 */
export const ITEMS_PER_CUSTOMER = 10;
const PRODUCTS = ['CFQ7TTC0LH18', 'CFQ7TTC0LDPB', 'CFQ7TTC0LFLX', 'CFQ7TTC0LF8Q', 'CFQ7TTC0LH16'];
const TERMS = ['P1M', 'P1Y'] as const;

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
export const customerIdOf = (c: number): string => `${hex(c, 8)}-0000-4000-8000-${hex(c, 12)}`;
export const subscriptionIdOf = (c: number, i: number): string =>
  `${hex(c, 8)}-${hex(i, 4)}-4000-8000-${hex(c * 16 + i, 12)}`;

/** Live seats an item's spec asks for; differs from 10 for the drifted 5 %. */
export function desiredQuantity(c: number, i: number): number {
  if (c % 2 !== 0 || i !== 7) return 10;
  return (c / 2) % 2 === 0 ? 12 : 9;
}

/** Changes the estate needs: one per drifted item. */
export function driftedItems(customers: number): number {
  let n = 0;
  for (let c = 0; c < customers; c++)
    for (let i = 0; i < ITEMS_PER_CUSTOMER; i++) if (desiredQuantity(c, i) !== 10) n++;
  return n;
}

function itemOf(i: number): { productId: string; term: 'P1M' | 'P1Y' } {
  return {
    productId: PRODUCTS[i % PRODUCTS.length] ?? 'CFQ7TTC0LH18',
    term: TERMS[Math.floor(i / PRODUCTS.length)] ?? 'P1M',
  };
}

/** Customer `c` of the estate as the sandbox seed has it: 10 subscriptions of 10 seats. */
export function seedCustomerOf(c: number): SeedCustomer {
  return {
    id: customerIdOf(c),
    name: `Bench Customer ${c}`,
    country: 'US',
    subscriptions: Array.from({ length: ITEMS_PER_CUSTOMER }, (_, i) => ({
      id: subscriptionIdOf(c, i),
      productId: itemOf(i).productId,
      skuId: '0001',
      termDuration: itemOf(i).term,
      billingCycle: 'monthly',
      quantity: 10,
      purchasedDaysAgo: 2,
    })),
  };
}

/** A sandbox seed for the estate (default catalog), in memory: for small estates. */
export function estateSeed(customers: number): SandboxSeed {
  const seeded: SeedCustomer[] = [];
  for (let c = 0; c < customers; c++) seeded.push(seedCustomerOf(c));
  return { catalog: defaultCatalog(), customers: seeded };
}

/**
 * Writes the {@link estateSeed} of `customers` to `file` as JSON, one customer at a time, so a
 * seed of 10,000 customers never exists in memory as objects or as one string.
 */
export function writeEstateSeed(file: string, customers: number): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, `{"catalog":${JSON.stringify(defaultCatalog())},"customers":[`);
    for (let c = 0; c < customers; c++)
      writeSync(fd, `${c === 0 ? '' : ','}\n${JSON.stringify(seedCustomerOf(c))}`);
    writeSync(fd, ']}\n');
  } finally {
    closeSync(fd);
  }
}

/** Writes one spec file per customer into `dir/specs` and returns the folder. */
export function writeEstateSpecs(dir: string, customers: number): string {
  const specs = join(dir, 'specs');
  mkdirSync(specs, { recursive: true });
  for (let c = 0; c < customers; c++) {
    const items = Array.from({ length: ITEMS_PER_CUSTOMER }, (_, i) => {
      const { productId, term } = itemOf(i);
      return `  item-${i}: { product: ${productId}, sku: "0001", term: ${term}, billing: monthly, quantity: ${desiredQuantity(c, i)}, subscriptionId: ${subscriptionIdOf(c, i)} }`;
    });
    writeFileSync(
      join(specs, `customer-${c}.yaml`),
      `version: 1\ncustomer:\n  id: ${customerIdOf(c)}\n  name: Bench Customer ${c}\n  country: US\nsubscriptions:\n${items.join('\n')}\n`,
    );
  }
  return specs;
}

/** An agent config for the estate: `endpoint`, auth none, every change kind auto-applied. */
export function writeEstateConfig(dir: string, endpoint: string, concurrency: number): string {
  const path = join(dir, 'agent.config.yaml');
  writeFileSync(
    path,
    [
      'specs: ./specs',
      'state: ./state/qm.db',
      'partnerCenter:',
      `  endpoint: ${endpoint}`,
      '  auth:',
      '    mode: none',
      `  concurrency: ${concurrency}`,
      'policy:',
      '  autoApply: [increase-quantity, decrease-quantity]',
      '  limits:',
      '    maxSeatIncrease: 100',
      '    maxShrinkingItems: 100%',
      '',
    ].join('\n'),
  );
  return path;
}
