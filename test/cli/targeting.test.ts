import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_CUSTOMERS } from '../../src/sandbox/index.js';
import { CONTOSO, E2e } from '../e2e/harness.js';

const FABRIKAM = SEED_CUSTOMERS.fabrikam;
const NORTHWIND = SEED_CUSTOMERS.northwind;
const EXAMPLES = resolve(import.meta.dirname, '../../specs');

interface PlanJson {
  basis: { scope?: string[]; targets?: { customerId: string; item: string }[] };
  actions: { customerId: string; item: string; kind: string }[];
  blocked: { customerId: string; item: string }[];
  unmanaged: { customerId: string; subscriptionId: string }[];
}

function planOf(stdout: string): PlanJson {
  return JSON.parse(stdout) as PlanJson;
}

/**
 * `--customer` by id, name or spec file and `--target CUSTOMER/ITEM` on plan and apply
 * (issue 17), against the example specs of `specs/` and the sandbox seeded for them.
 */
describe('qm plan / apply --customer and --target (built CLI, sandbox)', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await E2e.start();
    for (const name of ['contoso', 'fabrikam', 'northwind'])
      copyFileSync(join(EXAMPLES, `${name}.yaml`), join(e2e.dir, 'specs', `${name}.yaml`));
  });
  afterAll(async () => {
    await e2e.close();
  });

  it('plan --target limits the plan to the named items, says so, and lists nothing else', async () => {
    const json = await e2e.qm(
      'plan',
      '--json',
      '--target',
      'contoso ltd/exchange-online-plan1',
      '--target',
      'specs/fabrikam.yaml/office-365-e3',
    );
    expect(json.code, json.stderr).toBe(0);
    const plan = planOf(json.stdout);
    expect(plan.actions.map((a) => `${a.customerId}/${a.item}/${a.kind}`).sort()).toEqual(
      [`${FABRIKAM}/office-365-e3/purchase`, `${CONTOSO}/exchange-online-plan1/purchase`].sort(),
    );
    // Contoso's Azure plan and Fabrikam's Visio are unmanaged, but not reported by a targeted plan.
    expect(plan.unmanaged).toEqual([]);
    expect(plan.blocked).toEqual([]);
    expect(plan.basis.targets).toEqual(
      [
        { customerId: CONTOSO, item: 'exchange-online-plan1' },
        { customerId: FABRIKAM, item: 'office-365-e3' },
      ].sort((a, b) => (a.customerId < b.customerId ? -1 : 1)),
    );
    expect(plan.basis.scope).toEqual([CONTOSO, FABRIKAM].sort());

    const human = await e2e.qm('plan', '--target', `${CONTOSO}/d2s-v3-eastus`);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain(
      'Targeted plan (--target): limited to Contoso Ltd/d2s-v3-eastus and what they depend on.',
    );
    // The reservation and the registration it needs; nothing of Contoso's other items.
    expect(human.stdout).toContain('~ register-azure-subscription d2s-v3-eastus');
    expect(human.stdout).toContain('+ purchase d2s-v3-eastus');
    expect(human.stdout).not.toMatch(/m365-business-premium|exchange-online-plan1|unmanaged \[/);
    expect(human.stdout).toContain(
      'Plan: 1 to buy, 1 to change, 0 to reduce or cancel; 0 blocked, 0 unmanaged.',
    );
  }, 120_000);

  it('apply --target buys only the named item; a saved targeted plan applies exactly', async () => {
    const apply = await e2e.qm(
      'apply',
      '--auto-approve',
      '--target',
      `${CONTOSO}/exchange-online-plan1`,
    );
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain('Targeted plan (--target)');
    expect(apply.stdout).toMatch(/ok +purchase exchange-online-plan1/);
    expect(apply.stdout).toContain('Apply finished: 1 succeeded, 0 failed');
    expect(e2e.subscriptionsOf('CFQ7TTC0LH16').map((s) => s.quantity)).toEqual([10]);
    expect(e2e.subscriptionsOf('CFQ7TTC0LCHC').map((s) => s.quantity)).toEqual([20]);
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(1);
    expect(e2e.sandbox.state.orders(FABRIKAM)).toEqual([]);

    const saved = await e2e.qm(
      'plan',
      '--target',
      'specs/contoso.yaml/m365-business-premium',
      '--out',
      'premium.json',
    );
    expect(saved.code, saved.stderr).toBe(0);
    const file = planOf(readFileSync(join(e2e.dir, 'premium.json'), 'utf8'));
    expect(file.basis.targets).toEqual([{ customerId: CONTOSO, item: 'm365-business-premium' }]);
    expect(file.actions.map((a) => a.kind)).toEqual(['increase-quantity']);

    const applied = await e2e.qm('apply', 'premium.json');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/ok +increase-quantity m365-business-premium/);
    expect(e2e.subscriptionsOf('CFQ7TTC0LCHC').map((s) => s.quantity)).toEqual([25]);
    // Nothing else was bought: the reservation and Fabrikam's items wait for an untargeted apply.
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(1);
    expect(e2e.sandbox.state.orders(FABRIKAM)).toEqual([]);

    const narrowed = await e2e.qm('apply', 'premium.json', '--target', `${CONTOSO}/d2s-v3-eastus`);
    expect(narrowed.code).toBe(1);
    expect(narrowed.stderr).toContain('--target cannot narrow a saved plan');
  }, 180_000);

  it('--customer takes a name in any case, or a spec file (from the working or the specs folder)', async () => {
    const byName = await e2e.qm('plan', '--json', '--customer', 'FABRIKAM gmbh');
    expect(byName.code, byName.stderr).toBe(0);
    const named = planOf(byName.stdout);
    expect(named.basis.scope).toEqual([FABRIKAM]);
    expect(new Set(named.actions.map((a) => a.customerId))).toEqual(new Set([FABRIKAM]));
    expect(named.unmanaged.map((u) => u.customerId)).toEqual([FABRIKAM]);

    for (const file of [
      'specs/northwind.yaml',
      'northwind.yaml',
      './specs/../specs/northwind.yaml',
    ]) {
      const byFile = await e2e.qm('plan', '--json', '--customer', file);
      expect(byFile.code, byFile.stderr).toBe(0);
      expect(planOf(byFile.stdout).basis.scope).toEqual([NORTHWIND]);
    }
  }, 120_000);

  it('refuses unknown and ambiguous customers and unknown items, naming what exists', async () => {
    const typo = await e2e.qm('plan', '--customer', 'Contso');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain(
      `error [unknown-customer]: --customer Contso: no customer with this id, name (customer.name, any case) or spec file; did you mean "Contoso Ltd" (${CONTOSO}, specs/contoso.yaml)?`,
    );

    const item = await e2e.qm('plan', '--target', 'Contoso Ltd/exchange');
    expect(item.code).toBe(1);
    expect(item.stderr).toContain(
      `error [unknown-target-item]: --target Contoso Ltd/exchange: "Contoso Ltd" (${CONTOSO}, specs/contoso.yaml) has no item exchange; its items are: d2s-v3-eastus, exchange-online-plan1, m365-business-premium`,
    );

    const bare = await e2e.qm('plan', '--target', 'Contoso Ltd');
    expect(bare.code).toBe(1);
    expect(bare.stderr).toContain(
      'error [invalid-argument]: --target Contoso Ltd: expected CUSTOMER/ITEM',
    );

    const both = await e2e.qm(
      'plan',
      '--customer',
      'Contoso Ltd',
      '--target',
      'Contoso Ltd/exchange-online-plan1',
    );
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('--customer and --target both narrow the plan');

    const twin = '0e2d7c4b-9a1f-4c3e-8b5d-6f7a8b9c0d1e';
    e2e.writeSpec(
      'twin',
      `version: 1\ncustomer:\n  id: ${twin}\n  name: contoso LTD\n  country: US\n`,
    );
    try {
      const ambiguous = await e2e.qm('plan', '--customer', 'Contoso Ltd');
      expect(ambiguous.code).toBe(1);
      expect(ambiguous.stderr).toContain(
        'error [ambiguous-customer]: --customer Contoso Ltd: 2 customers have this name:',
      );
      expect(ambiguous.stderr).toContain(`(${CONTOSO}, specs/contoso.yaml)`);
      expect(ambiguous.stderr).toContain(`(${twin}, specs/twin.yaml)`);
      expect(ambiguous.stderr).toContain('Give the customer id or the spec file instead');
    } finally {
      rmSync(join(e2e.dir, 'specs', 'twin.yaml'));
    }
  }, 120_000);
});
