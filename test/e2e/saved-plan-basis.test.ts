import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_CUSTOMERS } from '../../src/sandbox/index.js';
import { CONTOSO, E2e, exchangeItem } from './harness.js';

/**
 * Basis per customer (docs/decisions.md): a saved plan is stale only when a customer it has
 * actions for moved. The plan here buys Exchange for Contoso (A) and does nothing for Fabrikam
 * (B), whose seeded Visio subscription no spec names.
 */
const FABRIKAM = SEED_CUSTOMERS.fabrikam;
const VISIO = { productId: 'CFQ7TTC0HD33', skuId: '0001', termDuration: 'P1Y' } as const;

describe('a saved plan is judged per customer', () => {
  let e2e: E2e;
  let planFile: string;

  beforeEach(async () => {
    e2e = await E2e.start();
    planFile = join(e2e.dir, 'plan.json');
    e2e.writeContoso(exchangeItem());
    writeFabrikam('{}');
    const planned = await e2e.qm('plan', '--out', planFile);
    expect(planned.code, planned.stderr).toBe(0);
  });
  afterEach(async () => e2e.close());

  function writeFabrikam(subscriptions: string): void {
    e2e.writeSpec(
      'fabrikam',
      `version: 1\ncustomer:\n  id: ${FABRIKAM}\n  name: Fabrikam GmbH\n  country: DE\nsubscriptions: ${subscriptions}\n`,
    );
  }

  function exchangeSeats(): number[] {
    return e2e.subscriptionsOf('CFQ7TTC0LH16').map((s) => s.quantity);
  }

  it("applies after B's live state moved (a subscription bought outside qm)", async () => {
    e2e.sandbox.admin.createSubscription(FABRIKAM, {
      ...VISIO,
      billingCycle: 'annual',
      quantity: 2,
    });
    const applied = await e2e.qm('apply', planFile);
    expect(applied.code, applied.stderr).toBe(0);
    expect(exchangeSeats()).toEqual([10]);
  });

  it("applies after B's spec changed, and applies none of B's new actions", async () => {
    writeFabrikam(
      `\n  project:\n    product: CFQ7TTC0LH16\n    sku: "0001"\n    term: P1M\n    billing: monthly\n    quantity: 4`,
    );
    const fresh = await e2e.qm('plan', '--json');
    const actions = (JSON.parse(fresh.stdout) as { actions: { customerId: string }[] }).actions;
    expect(actions.map((a) => a.customerId).sort()).toEqual([FABRIKAM, CONTOSO].sort());

    const applied = await e2e.qm('apply', planFile);
    expect(applied.code, applied.stderr).toBe(0);
    expect(exchangeSeats()).toEqual([10]);
    expect(e2e.sandbox.state.orders(FABRIKAM)).toEqual([]);
  });

  it("is refused, naming A, after A's live state moved", async () => {
    e2e.sandbox.admin.createSubscription(CONTOSO, {
      productId: 'CFQ7TTC0LH18',
      skuId: '0001',
      quantity: 3,
      termDuration: 'P1M',
      billingCycle: 'monthly',
    });
    const stale = await e2e.qm('apply', planFile);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(
      `plan is stale: customer Contoso Ltd (${CONTOSO}): its live state in Partner Center changed.`,
    );
    expect(stale.stderr).toContain(`Run \`qm plan --out ${planFile}\` again`);
    expect(exchangeSeats()).toEqual([]);
  });

  it("is refused, naming A, after A's spec changed", async () => {
    e2e.writeContoso(exchangeItem('exchange', 12));
    const stale = await e2e.qm('apply', planFile);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(
      `plan is stale: customer Contoso Ltd (${CONTOSO}): its spec changed.`,
    );
    expect(stale.stderr).not.toContain('Fabrikam');
    expect(exchangeSeats()).toEqual([]);
  });
});
