import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_CUSTOMERS } from '../../src/sandbox/index.js';
import { CONTOSO, E2e, exchangeItem } from './harness.js';

const FABRIKAM = SEED_CUSTOMERS.fabrikam;

/** Fabrikam (DE) wants Exchange seats: a healthy customer whose actions must still show. */
function writeFabrikam(e2e: E2e): void {
  e2e.writeSpec(
    'fabrikam',
    [
      'version: 1',
      'customer:',
      `  id: ${FABRIKAM}`,
      '  name: Fabrikam GmbH',
      '  country: DE',
      'subscriptions:',
      ...exchangeItem('exchange', 5)
        .split('\n')
        .map((line) => `  ${line}`),
      'purchases: {}',
      '',
    ].join('\n'),
  );
}

/** Contoso's spec, line by line as `writeContoso` lays it out (item key on line 7). */
const TYPO = `typo:
  product: CFQ7TTC0LH1X
  sku: "0001"
  term: P1M
  billing: monthly
  quantity: 3`;

describe('spec errors fail the plan (built CLI against the sandbox server)', () => {
  let e2e: E2e;
  beforeEach(async () => {
    e2e = await E2e.start();
    writeFabrikam(e2e);
  });
  afterEach(async () => e2e.close());

  it('a typo in a product id: plan exits 1 naming file:line:col, the other customer still planned', async () => {
    e2e.writeContoso(TYPO);
    const plan = await e2e.qm('plan', '--detailed-exitcode');
    expect(plan.code, plan.stderr).toBe(1);
    expect(plan.stderr).toMatch(
      /^specs\/contoso\.yaml:8:14: Contoso Ltd: item typo: the catalog has no product CFQ7TTC0LH1X .*\[unknown-product\]$/m,
    );
    expect(plan.stderr).toContain('1 spec error (listed above)');
    // The rest of the plan is shown as usual.
    expect(plan.stdout).toMatch(/purchase +exchange/);
    expect(plan.stdout).toContain('Fabrikam GmbH');
  });

  it('a quantity outside the SKU limits: plan exits 1 at the quantity line, also with --json', async () => {
    e2e.writeContoso(exchangeItem('exchange', 20_000));
    const plan = await e2e.qm('plan');
    expect(plan.code, plan.stderr).toBe(1);
    expect(plan.stderr).toMatch(
      /^specs\/contoso\.yaml:12:15: Contoso Ltd: item exchange: quantity 20000 is outside CFQ7TTC0LH16:0001's limits 1\.\.10000 \[sku-limits\]$/m,
    );

    const json = await e2e.qm('plan', '--json');
    expect(json.code).toBe(1);
    const parsed = JSON.parse(json.stdout) as {
      actions: { kind: string; customerId: string }[];
      blocked: { code: string; customerId: string; source?: unknown }[];
    };
    expect(parsed.blocked).toContainEqual(
      expect.objectContaining({
        code: 'sku-limits',
        customerId: CONTOSO,
        source: { file: 'contoso.yaml', line: 12, col: 15 },
      }),
    );
    expect(parsed.actions.map((a) => [a.kind, a.customerId])).toEqual([['purchase', FABRIKAM]]);

    const markdown = await e2e.qm('plan', '--markdown');
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toContain('**1 spec error**');
    expect(markdown.stdout).toContain('`specs/contoso.yaml:12`');
  });

  it('apply applies the rest and exits 1; run --once does the same', async () => {
    e2e.writeContoso(TYPO);
    const apply = await e2e.qm('apply', '--auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).toBe(1);
    expect(apply.stdout).toMatch(/ok +purchase exchange/);
    expect(apply.stderr).toMatch(/^specs\/contoso\.yaml:8:14: .*\[unknown-product\]$/m);
    expect(e2e.sandbox.state.subscriptions(FABRIKAM).map((s) => s.productId)).toContain(
      'CFQ7TTC0LH16',
    );
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(0);

    const run = await e2e.qm('run', '--once');
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stderr).toMatch(/^specs\/contoso\.yaml:8:14: .*\[unknown-product\]$/m);
  });

  it('a clean spec plans exit 2 with --detailed-exitcode, as before', async () => {
    e2e.writeContoso(exchangeItem('exchange', 3));
    const plan = await e2e.qm('plan', '--detailed-exitcode');
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stderr).not.toContain('spec error');
  });
});
