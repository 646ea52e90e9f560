import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTOSO, E2e } from './harness.js';

const EXCHANGE = 'CFQ7TTC0LH16';
/** Contoso's spec: comments and layout the write-back must keep. `DRIFT` is a line or nothing. */
const SPEC = `# yaml-language-server: $schema=./schema.json
version: 1
customer:
  id: ${CONTOSO}
  name: Contoso Ltd
  country: US
DRIFT
subscriptions:
  # the mailboxes; technicians add seats in the portal
  exchange:
    product: ${EXCHANGE}
    sku: "0001"   # Exchange Online (Plan 1)
    term: P1M
    billing: monthly
    quantity: 10  # reviewed in git
purchases: {}
`;
const spec = (drift: string): string => SPEC.replace('DRIFT\n', drift === '' ? '' : `${drift}\n`);

describe('drift policy end to end (built CLI against the sandbox server)', () => {
  let e2e: E2e;
  beforeEach(async () => (e2e = await E2e.start()));
  afterEach(async () => e2e.close());

  /** Raises the seats in the sandbox as the partner's portal would (admin API). */
  async function raiseInPortal(quantity: number): Promise<void> {
    const [sub] = e2e.subscriptionsOf(EXCHANGE);
    const response = await fetch(
      `${e2e.sandbox.url}/_sandbox/customers/${CONTOSO}/subscriptions/${sub?.id ?? ''}`,
      {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ quantity }),
      },
    );
    expect(response.status, await response.text()).toBe(200);
  }

  it('keep-higher: no decrease, the drift shown with its patch; --write-back then plans clean', async () => {
    e2e.writeSpec('contoso', spec(''));
    const bought = await e2e.qm('apply', '--auto-approve');
    expect(bought.code, bought.stderr).toBe(0);
    await raiseInPortal(14);

    // Today's rule (revert) would take the portal's seats away again.
    const revert = await e2e.qm('plan', '--detailed-exitcode');
    expect(revert.code, revert.stderr).toBe(2);
    expect(revert.stdout).toMatch(/- decrease-quantity exchange .*14 → 10 seats/);

    e2e.writeSpec('contoso', spec('drift: keep-higher  # seats added in the portal stay'));
    const kept = await e2e.qm('plan', '--detailed-exitcode');
    expect(kept.code, kept.stdout + kept.stderr).toBe(0);
    expect(kept.stdout).not.toMatch(/decrease-quantity|schedule-decrease/);
    expect(kept.stdout).toContain('No changes.');
    expect(kept.stdout).toMatch(
      /\* drift Contoso Ltd exchange \[[0-9a-f-]+\]: Partner Center has 14 seats, the spec says 10; drift: keep-higher keeps them/,
    );
    expect(kept.stdout).toContain('specs/contoso.yaml:15 quantity: 10 → 14');

    const json = await e2e.qm('plan', '--json');
    const plan = JSON.parse(json.stdout) as { actions: unknown[]; drift: unknown[] };
    expect(plan.actions).toEqual([]);
    expect(plan.drift).toEqual([
      expect.objectContaining({
        customerId: CONTOSO,
        item: 'exchange',
        policy: 'keep-higher',
        specQuantity: 10,
        liveQuantity: 14,
        patch: {
          file: 'contoso.yaml',
          line: 15,
          path: ['subscriptions', 'exchange', 'quantity'],
          value: 14,
        },
      }),
    ]);

    const before = readFileSync(join(e2e.dir, 'specs', 'contoso.yaml'), 'utf8');
    const written = await e2e.qm('plan', '--write-back');
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toContain('Wrote 1 drift patch into the specs');
    expect(written.stdout).toContain('specs/contoso.yaml:15 exchange quantity: 10 → 14');
    const after = readFileSync(join(e2e.dir, 'specs', 'contoso.yaml'), 'utf8');
    expect(after).toBe(before.replace('quantity: 10  # reviewed', 'quantity: 14  # reviewed'));

    const clean = await e2e.qm('plan', '--detailed-exitcode');
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout).toContain('No changes.');
    expect(clean.stdout).not.toContain('drift');
    expect(e2e.subscriptionsOf(EXCHANGE).map((s) => s.quantity)).toEqual([14]);
  }, 90_000);

  it('report plans nothing for the seats either way; --write-back with --out is refused', async () => {
    e2e.writeSpec('contoso', spec(''));
    expect((await e2e.qm('apply', '--auto-approve')).code).toBe(0);
    await raiseInPortal(12);
    e2e.writeSpec('contoso', spec('drift: report').replace('quantity: 10', 'quantity: 15'));

    const reported = await e2e.qm('plan', '--detailed-exitcode', '--markdown');
    expect(reported.code, reported.stderr).toBe(0);
    expect(reported.stdout).toContain('**No changes.**');
    expect(reported.stdout).toContain(
      '`exchange` for Contoso Ltd: Partner Center has 12 seats, the spec says 15; drift: report plans nothing for the seats: `specs/contoso.yaml:15 quantity: 15 → 12`',
    );

    const refused = await e2e.qm('plan', '--write-back', '--out', 'plan.json');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--write-back changes the spec files the plan saved with --out/);
    expect(readFileSync(join(e2e.dir, 'specs', 'contoso.yaml'), 'utf8')).toContain('quantity: 15');
    expect(e2e.subscriptionsOf(EXCHANGE).map((s) => s.quantity)).toEqual([12]);
  }, 60_000);
});
