import type { SandboxSeed, SeedCustomer, SeedSubscription } from '../../src/sandbox/index.js';
import { defaultCatalog } from '../../src/sandbox/index.js';
import type { SoakRandom } from './soak-random.js';

/**
 * A random estate for one soak round: a few customers, each with live subscriptions seeded in
 * the sandbox and a spec asking for a random mix of effects — new licence and SaaS purchases,
 * seat increases, refunds inside the window, decreases scheduled for renewal, autorenew on/off,
 * tombstones, reservations (with their Azure plan registered first, or already registered) and
 * perpetual software — plus items that must be left alone. Every item states what the sandbox
 * must hold at the end and how many PATCHes (orders, for purchases) it takes, so the invariants
 * can be read from the sandbox's own records.
 *
 * Shapes are kept unambiguous: one product (reservations and software: one SKU) per customer,
 * and every seeded subscription a spec names is adopted by `subscriptionId`.
 */

export type SoakItemKind =
  | 'buy-licence'
  | 'buy-saas'
  | 'reservation'
  | 'software'
  | 'increase'
  | 'refund-decrease'
  | 'schedule-decrease'
  | 'autorenew-off'
  | 'autorenew-on'
  | 'autorenew-on-then-schedule'
  | 'tombstone'
  | 'unchanged';

export interface SoakItem {
  readonly key: string;
  readonly kind: SoakItemKind;
  readonly productId: string;
  readonly skuId: string;
  readonly term?: string;
  readonly billing: string;
  /** A purchase: exactly one order must hold this shape. */
  readonly purchase: boolean;
  /** Seeded subscription the item adopts (or, for `unmanaged`, leaves alone). */
  readonly subscriptionId?: string;
  /** What the sandbox must show at the end. */
  readonly want: {
    readonly quantity?: number;
    readonly autoRenew?: boolean;
    /** `null`: no scheduled change; a number: renews with that many seats. */
    readonly scheduledQuantity?: number | null;
    readonly status?: 'active' | 'deleted';
  };
  /** Committed PATCHes the subscription must have received, exactly. */
  readonly patches: number;
  /** Reservations: the Azure plan they apply to (registered before the purchase). */
  readonly azureSubscriptionId?: string;
  readonly region?: string;
  readonly scope?: string;
}

export interface SoakCustomer {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly items: readonly SoakItem[];
  /** Live subscriptions no spec item names: never touched. */
  readonly unmanaged: readonly { id: string; quantity: number; autoRenew: boolean }[];
  /** The customer's Azure plan, when it has one. */
  readonly azurePlan?: string;
  readonly spec: string;
}

export interface SoakEstate {
  readonly customers: readonly SoakCustomer[];
  readonly seed: SandboxSeed;
  /** Mutating calls a clean apply makes (roughly): where a kill can land. */
  readonly writes: number;
  /** Of which: carts created, checkouts, subscription PATCHes, Azure registrations. */
  readonly calls: { carts: number; checkouts: number; patches: number; registrations: number };
}

const LICENCES = [
  ['CFQ7TTC0LCHC', '0002'],
  ['CFQ7TTC0LH18', '0001'],
  ['CFQ7TTC0LDPB', '0001'],
  ['CFQ7TTC0LFLX', '0001'],
  ['CFQ7TTC0LF8Q', '0001'],
  ['CFQ7TTC0LH16', '0001'],
  ['CFQ7TTC0HD33', '0001'],
  ['CFQ7TTC0L3PB', '0001'],
] as const;
const SAAS = ['DZH318Z0C5KD', '0001'] as const;
const AZURE_PLAN = 'DZH318Z0BPS6';
const RESERVATION_PRODUCT = 'DZH318Z0BQ4T';
const RESERVATION_SKUS = [
  ['0059', 'eastus'],
  ['005B', 'eastus'],
  ['0061', 'westeurope'],
] as const;
const SOFTWARE = ['DG7GMGF0FKZV', 'DG7GMGF0D5RK'] as const;
const COUNTRIES = ['US', 'US', 'GB', 'CA', 'AU'] as const;
const TERMS = [
  ['P1M', 'monthly'],
  ['P1Y', 'monthly'],
  ['P1Y', 'annual'],
] as const;

/** The policy every soak workspace runs with: every kind unattended, limits out of the way. */
export const SOAK_POLICY = [
  'autoApply: [purchase, register-azure-subscription, increase-quantity, decrease-quantity, schedule-decrease, set-autorenew, cancel]',
  'limits:',
  '  maxSeatIncrease: 100',
  '  maxNewPurchases: 20',
  '  maxCancellations: 20',
  '  maxShrinkingItems: 100%',
];

const ITEM_WEIGHTS: readonly (readonly [SoakItemKind, number])[] = [
  ['buy-licence', 4],
  ['buy-saas', 1],
  ['reservation', 2],
  ['software', 2],
  ['increase', 3],
  ['refund-decrease', 3],
  ['schedule-decrease', 2],
  ['autorenew-off', 2],
  ['autorenew-on', 1],
  ['autorenew-on-then-schedule', 1],
  ['tombstone', 2],
  ['unchanged', 1],
];

/** Builds a random estate: 1–3 customers with 2–5 spec items each. */
export function randomEstate(rng: SoakRandom): SoakEstate {
  const customers: SoakCustomer[] = [];
  const seeds: SeedCustomer[] = [];
  let writes = 0;
  let purchases = 0;
  const n = rng.int(1, 3);
  for (let c = 0; c < n; c++) {
    const built = randomCustomer(rng, c, purchases);
    customers.push(built.customer);
    seeds.push(built.seed);
    writes += built.writes;
    purchases += built.customer.items.filter((i) => i.purchase).length;
  }
  const calls = { carts: 0, checkouts: 0, patches: 0, registrations: 0 };
  for (const [i, c] of customers.entries()) {
    for (const item of c.items) {
      if (item.purchase) {
        calls.carts += 1;
        calls.checkouts += 1;
      }
      calls.patches += item.patches;
    }
    const seeded = seeds[i]?.registeredAzureSubscriptions ?? [];
    if (c.azurePlan !== undefined && !seeded.includes(c.azurePlan)) calls.registrations += 1;
  }
  return { customers, seed: { catalog: defaultCatalog(), customers: seeds }, writes, calls };
}

function randomCustomer(
  rng: SoakRandom,
  index: number,
  purchasesSoFar: number,
): { customer: SoakCustomer; seed: SeedCustomer; writes: number } {
  const id = rng.guid();
  const name = `Soak Customer ${index + 1}`;
  const country = rng.pick(COUNTRIES);
  const licences = rng.shuffle(LICENCES);
  const reservationSkus = rng.shuffle(RESERVATION_SKUS);
  const software = rng.shuffle(SOFTWARE);
  let saasUsed = false;
  const items: SoakItem[] = [];
  const subs: SeedSubscription[] = [];
  let azurePlan: string | undefined;
  let registered = false;
  let writes = 0;
  let purchases = purchasesSoFar;

  const count = rng.int(2, 5);
  for (let i = 0; i < count; i++) {
    let kind = rng.weighted(ITEM_WEIGHTS);
    const isPurchase = ['buy-licence', 'buy-saas', 'reservation', 'software'].includes(kind);
    // Keep to the catalog's supply and the policy's maxNewPurchases.
    if (isPurchase && purchases >= 8) kind = 'increase';
    if (kind === 'buy-saas' && saasUsed) kind = 'buy-licence';
    if (kind === 'reservation' && reservationSkus.length === 0) kind = 'software';
    if (kind === 'software' && software.length === 0) kind = 'increase';
    if (kind !== 'reservation' && kind !== 'software' && kind !== 'buy-saas') {
      if (licences.length === 0) continue;
    }
    const key = `${kind}-${i + 1}`;

    if (kind === 'buy-licence' || kind === 'buy-saas') {
      const [productId, skuId] =
        kind === 'buy-saas' ? SAAS : (licences.pop() as (typeof LICENCES)[number]);
      if (kind === 'buy-saas') saasUsed = true;
      const [term, billing] = rng.pick(TERMS);
      const quantity = rng.int(1, 25);
      const autoRenew = rng.chance(0.75);
      items.push({
        key,
        kind,
        productId,
        skuId,
        term,
        billing,
        purchase: true,
        want: { quantity, autoRenew, status: 'active' },
        patches: autoRenew ? 0 : 1,
      });
      purchases += 1;
      writes += autoRenew ? 2 : 3;
      continue;
    }
    if (kind === 'reservation') {
      const [skuId, region] = reservationSkus.pop() as (typeof RESERVATION_SKUS)[number];
      if (azurePlan === undefined) {
        azurePlan = rng.guid();
        registered = rng.chance(0.3);
        subs.push({
          id: azurePlan,
          productId: AZURE_PLAN,
          skuId: '0001',
          billingCycle: 'monthly',
          quantity: 1,
          purchasedDaysAgo: rng.int(30, 600),
        });
        if (!registered) writes += 1;
      }
      items.push({
        key,
        kind,
        productId: RESERVATION_PRODUCT,
        skuId,
        term: rng.pick(['P1Y', 'P3Y']),
        billing: rng.pick(['one_time', 'monthly']),
        purchase: true,
        want: { quantity: rng.int(1, 3) },
        patches: 0,
        azureSubscriptionId: azurePlan,
        region,
        scope: rng.pick(['shared', 'single']),
      });
      purchases += 1;
      writes += 3;
      continue;
    }
    if (kind === 'software') {
      const productId = software.pop() as (typeof SOFTWARE)[number];
      items.push({
        key,
        kind,
        productId,
        skuId: '0001',
        billing: 'one_time',
        purchase: true,
        want: { quantity: rng.int(1, 4) },
        patches: 0,
      });
      purchases += 1;
      writes += 2;
      continue;
    }

    // An item over a seeded subscription.
    const [productId, skuId] = licences.pop() as (typeof LICENCES)[number];
    const subscriptionId = rng.guid();
    const inWindow = kind === 'refund-decrease' || kind === 'tombstone';
    const [term, billing] = inWindow ? rng.pick(TERMS) : rng.pick(TERMS.slice(1));
    const purchasedDaysAgo = inWindow ? rng.int(1, 4) : rng.int(30, 300);
    const seededAutoRenew = !['autorenew-on', 'autorenew-on-then-schedule'].includes(kind);
    const q0 = rng.int(4, 30);
    subs.push({
      id: subscriptionId,
      productId,
      skuId,
      termDuration: term,
      billingCycle: billing,
      quantity: q0,
      autoRenewEnabled: seededAutoRenew,
      purchasedDaysAgo,
    });
    const base = { key, kind, productId, skuId, term, billing, purchase: false, subscriptionId };
    switch (kind) {
      case 'increase': {
        const q1 = q0 + rng.int(1, 20);
        items.push({ ...base, want: { quantity: q1, autoRenew: true }, patches: 1 });
        break;
      }
      case 'refund-decrease': {
        const q1 = rng.int(1, q0 - 1);
        items.push({ ...base, want: { quantity: q1, autoRenew: true }, patches: 1 });
        break;
      }
      case 'schedule-decrease': {
        const q1 = rng.int(1, q0 - 1);
        items.push({
          ...base,
          want: { quantity: q0, autoRenew: true, scheduledQuantity: q1 },
          patches: 1,
        });
        break;
      }
      case 'autorenew-on-then-schedule': {
        const q1 = rng.int(1, q0 - 1);
        items.push({
          ...base,
          want: { quantity: q0, autoRenew: true, scheduledQuantity: q1 },
          patches: 2,
        });
        break;
      }
      case 'autorenew-off':
        items.push({ ...base, want: { quantity: q0, autoRenew: false }, patches: 1 });
        break;
      case 'autorenew-on':
        items.push({ ...base, want: { quantity: q0, autoRenew: true }, patches: 1 });
        break;
      case 'tombstone':
        items.push({ ...base, want: { status: 'deleted' }, patches: 1 });
        break;
      default:
        items.push({
          ...base,
          want: { quantity: q0, autoRenew: true, scheduledQuantity: null },
          patches: 0,
        });
    }
    writes += items.at(-1)?.patches ?? 0;
  }

  // Sometimes a live subscription no spec names: it must be left exactly as it is.
  const unmanaged: SoakCustomer['unmanaged'][number][] = [];
  const spare = licences.pop();
  if (spare !== undefined && rng.chance(0.3)) {
    const u = { id: rng.guid(), quantity: rng.int(1, 10), autoRenew: rng.chance(0.5) };
    unmanaged.push(u);
    subs.push({
      id: u.id,
      productId: spare[0],
      skuId: spare[1],
      termDuration: 'P1Y',
      billingCycle: 'monthly',
      quantity: u.quantity,
      autoRenewEnabled: u.autoRenew,
      purchasedDaysAgo: rng.int(1, 300),
    });
  }

  const seed: SeedCustomer = {
    id,
    name,
    country,
    subscriptions: subs,
    ...(azurePlan !== undefined && registered ? { registeredAzureSubscriptions: [azurePlan] } : {}),
  };
  const customer: SoakCustomer = {
    id,
    name,
    country,
    items,
    unmanaged,
    ...(azurePlan !== undefined ? { azurePlan } : {}),
    spec: specYaml(id, name, country, items),
  };
  return { customer, seed, writes };
}

/** The spec (YAML) of one customer. */
function specYaml(id: string, name: string, country: string, items: readonly SoakItem[]): string {
  const lines = [
    'version: 1',
    'customer:',
    `  id: ${id}`,
    `  name: ${name}`,
    `  country: ${country}`,
  ];
  const subs = items.filter((i) => !['reservation', 'software'].includes(i.kind));
  const buys = items.filter((i) => ['reservation', 'software'].includes(i.kind));
  lines.push(subs.length === 0 ? 'subscriptions: {}' : 'subscriptions:');
  for (const item of subs) {
    lines.push(`  ${item.key}:`);
    lines.push(`    product: ${item.productId}`);
    lines.push(`    sku: "${item.skuId}"`);
    lines.push(`    term: ${item.term ?? 'P1M'}`);
    lines.push(`    billing: ${item.billing}`);
    if (item.kind === 'tombstone') {
      lines.push('    ensure: cancelled');
    } else {
      lines.push(`    quantity: ${item.want.scheduledQuantity ?? item.want.quantity ?? 1}`);
      if (item.want.autoRenew === false) lines.push('    autoRenew: false');
    }
    if (item.subscriptionId !== undefined) lines.push(`    subscriptionId: ${item.subscriptionId}`);
  }
  lines.push(buys.length === 0 ? 'purchases: {}' : 'purchases:');
  for (const item of buys) {
    lines.push(`  ${item.key}:`);
    lines.push(`    kind: ${item.kind === 'reservation' ? 'azure-reservation' : 'software'}`);
    lines.push(`    product: ${item.productId}`);
    lines.push(`    sku: "${item.skuId}"`);
    lines.push(`    quantity: ${item.want.quantity ?? 1}`);
    if (item.term !== undefined) lines.push(`    term: ${item.term}`);
    lines.push(`    billing: ${item.billing}`);
    if (item.kind === 'reservation') {
      lines.push(`    azureSubscriptionId: ${item.azureSubscriptionId}`);
      lines.push(`    scope: ${item.scope ?? 'shared'}`);
      lines.push(`    region: ${item.region ?? ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
