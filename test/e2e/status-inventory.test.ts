import { copyFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTOSO, CONTOSO_BP, E2e } from './harness.js';

/** The shipped example specs (Contoso, Fabrikam, Northwind: the sandbox's seeded customers). */
const EXAMPLES = resolve(import.meta.dirname, '../../specs');

interface StatusJson {
  formatVersion: number;
  customers: {
    customerId: string;
    customerName: string;
    items: {
      item: string;
      state: string;
      seats: { desired?: number; live?: number };
      subscriptionId?: string;
      blocked?: { code: string; reason: string };
      changed?: { at: string; kinds: string[] };
    }[];
    unmanaged: { subscriptionId: string }[];
  }[];
  plan: { actions: unknown[]; blocked: { code: string }[] };
}

/** What must agree before and after a refresh: items, states, seats, subscriptions, unmanaged. */
function inventoryOf(status: StatusJson): unknown {
  return status.customers.map((c) => ({
    customer: c.customerName,
    items: c.items.map((i) => [i.item, i.state, i.seats, i.subscriptionId ?? null]),
    unmanaged: c.unmanaged.map((u) => u.subscriptionId),
  }));
}

let e2e: E2e | undefined;
afterEach(async () => {
  await e2e?.close();
  e2e = undefined;
});

describe('qm status is an inventory (issue 17)', () => {
  it('is true straight after an apply: the same items and states as after the next refresh', async () => {
    const w = (e2e = await E2e.start());
    for (const file of readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')))
      copyFileSync(join(EXAMPLES, file), join(w.dir, 'specs', file));

    const apply = await w.qm('apply', '--auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/Apply finished: 9 succeeded, 0 failed/);

    const human = await w.qm('status');
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).not.toContain("not in Partner Center's list");
    expect(human.stdout).toMatch(
      /^ {2}exchange-online-plan1 +Exchange Online \(Plan 1\) +10\/10 +P1M monthly +on .*managed \(changed\)$/m,
    );
    expect(human.stdout).toMatch(
      /^ {2}m365-business-premium +Microsoft 365 Business Premium +25\/25 .*managed \(changed\)$/m,
    );

    const applied = JSON.parse((await w.qm('status', '--json')).stdout) as StatusJson;
    expect(applied.formatVersion).toBe(1);
    expect(applied.customers.map((c) => c.customerName)).toEqual([
      'Contoso Ltd',
      'Fabrikam GmbH',
      'Northwind Traders',
    ]);
    const items = applied.customers.flatMap((c) => c.items);
    expect(items).toHaveLength(8);
    expect(items.filter((i) => i.state !== 'managed')).toEqual([]);
    expect(items.filter((i) => i.changed === undefined).map((i) => i.item)).toEqual([]);
    expect(applied.plan.actions).toEqual([]);
    expect(applied.plan.blocked).toEqual([]);

    const plan = await w.qm('plan', '--detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    const refreshed = JSON.parse((await w.qm('status', '--json')).stdout) as StatusJson;
    expect(inventoryOf(refreshed)).toEqual(inventoryOf(applied));
    expect(
      refreshed.customers.flatMap((c) => c.items).filter((i) => i.changed !== undefined),
    ).toEqual([]);
  }, 60_000);

  it('lists an unbound matching subscription once, under its item, with one wording', async () => {
    const w = (e2e = await E2e.start());
    w.writeContoso(
      'premium:\n  product: CFQ7TTC0LCHC\n  sku: "0002"\n  term: P1Y\n  billing: monthly\n  quantity: 20',
    );
    expect((await w.qm('plan')).code).toBe(0);

    const human = await w.qm('status');
    expect(human.code, human.stderr).toBe(0);
    const mentions = human.stdout.split('\n').filter((l) => l.includes(CONTOSO_BP));
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatch(
      /^ {6}! adopt-required: live subscription .* adopt it with `qm import`/,
    );
    expect(human.stdout).toMatch(
      /^ {2}premium +Microsoft 365 Business Premium +20\/20 .* adopt-required$/m,
    );

    const json = JSON.parse(
      (await w.qm('status', '--json', '--customer', CONTOSO)).stdout,
    ) as StatusJson;
    const [contoso] = json.customers;
    expect(contoso?.items.map((i) => [i.item, i.state, i.subscriptionId])).toEqual([
      ['premium', 'adopt-required', CONTOSO_BP],
    ]);
    expect(contoso?.unmanaged.map((u) => u.subscriptionId)).not.toContain(CONTOSO_BP);
  }, 60_000);

  it('--customer takes an id or a name and names what it cannot find', async () => {
    const w = (e2e = await E2e.start());
    w.writeContoso('{}');
    w.writeSpec(
      'fabrikam',
      'version: 1\ncustomer:\n  id: 2b8d4c7e-1f3a-4e5b-8c9d-0a1b2c3d4e5f\n  name: Fabrikam GmbH\n  country: DE\nsubscriptions: {}\n',
    );
    const every = JSON.parse((await w.qm('status', '--json')).stdout) as StatusJson;
    expect(every.customers.map((c) => c.customerName)).toEqual(['Contoso Ltd', 'Fabrikam GmbH']);
    const unknown = 'c0000000-0000-4000-8000-0000000000ff';
    const refused = await w.qm('status', '--customer', unknown);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`--customer ${unknown}: no spec declares this customer id`);
    const typo = await w.qm('status', '--customer', 'contoso');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('did you mean "Contoso Ltd"');
    for (const selector of [CONTOSO, 'contoso ltd']) {
      const ok = await w.qm('status', '--json', '--customer', selector);
      expect(ok.code, ok.stderr).toBe(0);
      const ids = (JSON.parse(ok.stdout) as StatusJson).customers.map((c) => c.customerId);
      expect(ids).toEqual([CONTOSO]);
    }
  }, 60_000);
});
