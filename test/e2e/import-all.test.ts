import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultCatalog,
  type SandboxSeed,
  type SeedCustomer,
  type SeedSubscription,
} from '../../src/sandbox/index.js';
import { E2e } from './harness.js';

/**
 * Issue 17's acceptance: `qm import --all` adopts an estate of 200 customers across several
 * countries in one step (built CLI as a child process, real sandbox HTTP server, paging forced),
 * the specs it writes validate and plan clean, only what the format cannot state stays
 * unmanaged, and nothing but GETs reached Partner Center.
 */

const COUNTRIES = ['US', 'DE', 'GB', 'FR', 'NL', 'AU', 'CA', 'JP', 'BR'] as const;
const TRIAL = { productId: 'CFQ7TTC0LH18', skuId: '0003' };

type Shape = Omit<SeedSubscription, 'id'>;
const lic = (
  productId: string,
  skuId: string,
  term: 'P1M' | 'P1Y',
  billing: string,
  quantity: number,
  autoRenewEnabled = true,
): Shape => ({
  productId,
  skuId,
  termDuration: term,
  billingCycle: billing,
  quantity,
  autoRenewEnabled,
  purchasedDaysAgo: 40,
});
const POOL: readonly Shape[] = [
  lic('CFQ7TTC0LCHC', '0002', 'P1Y', 'monthly', 25),
  lic('CFQ7TTC0LH18', '0001', 'P1M', 'monthly', 10),
  lic('CFQ7TTC0LDPB', '0001', 'P1Y', 'annual', 8, false),
  lic('CFQ7TTC0LH16', '0001', 'P1M', 'monthly', 40),
  lic('CFQ7TTC0HD33', '0001', 'P1Y', 'annual', 3),
  lic('CFQ7TTC0L3PB', '0001', 'P1M', 'monthly', 12),
  lic('DZH318Z0C5KD', '0001', 'P1Y', 'monthly', 6), // marketplace SaaS
  lic('CFQ7TTC0LH16', '0001', 'P1Y', 'annual', 5), // a second Exchange, another term
];
const E3 = lic('CFQ7TTC0LF8Q', '0001', 'P1Y', 'annual', 30);
const TEAMS_PHONE = lic('CFQ7TTC0J1FV', '0001', 'P1M', 'monthly', 4); // add-on of Office 365 E3
const AZURE_PLAN: Shape = {
  productId: 'DZH318Z0BPS6',
  skuId: '0001',
  billingCycle: 'monthly',
  quantity: 1,
};

const guid = (prefix: string, n: number): string =>
  `${prefix}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function customerName(i: number): string {
  if (i === 0 || i === 1) return 'Contoso Ltd'; // the same name twice: contoso-ltd-2.yaml
  if (i === 2) return 'Société Générale Démo';
  if (i === 3) return '株式会社サンプル'; // no Latin letter: customer-<id>.yaml
  if (i === 4) return 'Quote "Co": #1';
  return `Customer ${String(i).padStart(3, '0')} Holdings`;
}

/** 200 customers, 1–5 live subscriptions each; Azure plans every 20th, one trial, add-ons. */
function estate(): { seed: SandboxSeed; unstateable: Set<string> } {
  const unstateable = new Set<string>();
  let serial = 0;
  const customers: SeedCustomer[] = Array.from({ length: 200 }, (_, i) => {
    const shapes: Shape[] = [];
    for (let k = 0; k < (i % 5) + 1; k += 1) shapes.push(POOL[(i + k * 3) % POOL.length]!);
    if (i % 7 === 0) shapes.push(E3, TEAMS_PHONE);
    if (i === 13) shapes.push(TEAMS_PHONE); // an add-on whose base the customer does not own
    if (i === 21) shapes.push(shapes[0]!); // the same product, SKU, term and billing twice
    const subscriptions = shapes
      .slice(0, 5)
      .map((s) => ({ ...s, id: guid('10000000', (serial += 1)) }));
    if (i % 20 === 5) {
      const azure = { ...AZURE_PLAN, id: guid('20000000', i) };
      subscriptions[0] = azure;
      unstateable.add(azure.id);
    }
    if (i === 42) {
      const trial = {
        ...lic(TRIAL.productId, TRIAL.skuId, 'P1M', 'monthly', 25),
        id: guid('30000000', i),
      };
      subscriptions[subscriptions.length - 1] = trial;
      unstateable.add(trial.id);
    }
    return {
      id: guid('c0000000', i),
      name: customerName(i),
      country: COUNTRIES[i % COUNTRIES.length]!,
      domain: `customer${i}.onmicrosoft.com`,
      subscriptions,
    };
  });
  const catalog = defaultCatalog();
  const trialSku = {
    productId: TRIAL.productId,
    id: TRIAL.skuId,
    title: 'Microsoft 365 Business Basic Trial',
    minimumQuantity: 1,
    maximumQuantity: 25,
    terms: [{ duration: 'P1M', billingCycle: 'monthly' }] as const,
    isTrial: true,
  };
  return {
    seed: { catalog: { ...catalog, skus: [...catalog.skus, trialSku] }, customers },
    unstateable,
  };
}

describe('qm import --all adopts a 200-customer estate (built CLI against the sandbox server)', () => {
  let e2e: E2e;
  const { seed, unstateable } = estate();
  const specs = (): string[] =>
    readdirSync(join(e2e.dir, 'specs'))
      .filter((f) => f.endsWith('.yaml'))
      .sort();

  beforeAll(async () => {
    e2e = await E2e.start({ seed });
    const config = readFileSync(join(e2e.dir, 'agent.config.yaml'), 'utf8');
    writeFileSync(
      join(e2e.dir, 'agent.config.yaml'),
      config.replace('concurrency: 4', 'concurrency: 8'),
    );
  });
  afterAll(async () => e2e.close());

  it('writes 200 spec files in under 30 s, paging the customer list, with nothing but GETs', async () => {
    e2e.sandbox.state.resetLog();
    const started = performance.now();
    const run = await e2e.qm('import', '--all', '--page-size', '25');
    const elapsed = performance.now() - started;
    expect(run.code, run.stderr).toBe(0);
    expect(elapsed).toBeLessThan(30_000);

    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(200);
    expect(lines.every((l) => l.startsWith('wrote specs/'))).toBe(true);
    expect(specs()).toHaveLength(200);
    expect(specs()).toEqual(
      expect.arrayContaining([
        'contoso-ltd.yaml',
        'contoso-ltd-2.yaml',
        'societe-generale-demo.yaml',
        `customer-${guid('c0000000', 3)}.yaml`,
      ]),
    );
    expect(run.stderr).toContain('Partner Center lists 200 customers: 200 spec files written');

    const requests = e2e.sandbox.state.requests();
    expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
    const pages = requests.filter((r) => r.path === '/v1/customers');
    expect(pages).toHaveLength(8);

    const contoso = readFileSync(join(e2e.dir, 'specs', 'contoso-ltd.yaml'), 'utf8');
    expect(contoso.split('\n')[0]).toBe('# yaml-language-server: $schema=./schema.json');
    expect(contoso).toContain(`id: ${guid('c0000000', 0)}`);
    const azure = readFileSync(join(e2e.dir, 'specs', 'customer-005-holdings.yaml'), 'utf8');
    expect(azure).toContain(
      `# Not managed: Azure plan (DZH318Z0BPS6:0001) × 1, subscriptionId: ${guid('20000000', 5)}`,
    );
    const trial = readFileSync(join(e2e.dir, 'specs', 'customer-042-holdings.yaml'), 'utf8');
    expect(trial).toContain(`subscriptionId: ${guid('30000000', 42)}`);
    expect(trial).toMatch(/# {3}a trial: /);

    const store = e2e.state();
    try {
      const items = seed.customers.reduce((n, c) => n + (c.subscriptions?.length ?? 0), 0);
      expect(store.bindings.list()).toHaveLength(items - unstateable.size);
    } finally {
      store.close();
    }
  }, 60_000);

  it('the specs validate and plan clean: nothing unmanaged but what the format cannot state', async () => {
    const validate = await e2e.qm('validate');
    expect(validate.code, validate.stderr).toBe(0);

    e2e.sandbox.state.resetLog();
    const plan = await e2e.qm('plan', '--detailed-exitcode', '--json');
    expect(plan.code, plan.stderr).toBe(0);
    const json = JSON.parse(plan.stdout) as {
      actions: unknown[];
      blocked: unknown[];
      unmanaged: { subscriptionId: string }[];
    };
    expect(json.actions).toEqual([]);
    expect(json.blocked).toEqual([]);
    expect(new Set(json.unmanaged.map((u) => u.subscriptionId))).toEqual(unstateable);
    expect(e2e.sandbox.state.requests().filter((r) => r.method !== 'GET')).toEqual([]);
  }, 90_000);

  it('a second run writes nothing new', async () => {
    const before = specs().map((f) => readFileSync(join(e2e.dir, 'specs', f), 'utf8'));
    const again = await e2e.qm('import', '--all', '--page-size', '25');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('0 spec files written (0 items bound), 200 already have a spec');
    expect(specs().map((f) => readFileSync(join(e2e.dir, 'specs', f), 'utf8'))).toEqual(before);
  }, 60_000);

  it('qm import ID --print > file yields a spec that validates and plans clean, binding nothing', async () => {
    const id = guid('c0000000', 500);
    e2e.sandbox.admin.seedCustomer({
      id,
      name: 'Late Arrival BV',
      country: 'NL',
      subscriptions: [
        { ...POOL[0]!, id: guid('40000000', 1) },
        { ...POOL[6]!, id: guid('40000000', 2) },
        { ...AZURE_PLAN, id: guid('40000000', 3) },
      ],
    });
    const printed = await e2e.qm('import', id, '--print');
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout.split('\n')[0]).toBe('# yaml-language-server: $schema=./schema.json');
    expect(printed.stderr).toContain('nothing written or bound');
    writeFileSync(join(e2e.dir, 'specs', 'late-arrival.yaml'), printed.stdout);

    expect((await e2e.qm('validate')).code).toBe(0);
    const plan = await e2e.qm('plan', '--detailed-exitcode', '--json', '--customer', id);
    expect(plan.code, plan.stderr).toBe(0);
    const json = JSON.parse(plan.stdout) as {
      actions: unknown[];
      unmanaged: { subscriptionId: string }[];
    };
    expect(json.actions).toEqual([]);
    expect(json.unmanaged.map((u) => u.subscriptionId)).toEqual([guid('40000000', 3)]);
    const store = e2e.state();
    try {
      expect(store.bindings.list().filter((b) => b.customerId === id)).toEqual([]);
    } finally {
      store.close();
    }
  }, 60_000);
});
