/* eslint-disable @typescript-eslint/no-explicit-any -- the test reads the CLI JSON loosely. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandboxClock } from '../../src/sandbox/index.js';
import { CONTOSO, CONTOSO_BP, E2e } from './harness.js';

describe('coterm end to end (built CLI against the sandbox)', () => {
  let e2e: E2e;
  beforeEach(async () => (e2e = await E2e.start({ clock: createSandboxClock(new Date()) })));
  afterEach(async () => e2e.close());

  it('a purchase co-termed with an owned subscription is bought to end with it', async () => {
    // The seeded Business Premium (P1Y, bought 200 days ago) is the co-term target.
    e2e.writeContoso(`premium:
  product: CFQ7TTC0LCHC
  sku: "0002"
  term: P1Y
  billing: monthly
  quantity: 20
  subscriptionId: ${CONTOSO_BP}
visio:
  product: CFQ7TTC0HD33
  sku: "0001"
  term: P1Y
  billing: monthly
  quantity: 3
  coterm: premium`);
    e2e.writeConfig(undefined, true);
    const planned = await e2e.qm('plan', '--json');
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(planned.stdout);
    const purchase = plan.actions.find((a: any) => a.kind === 'purchase');
    const premium = e2e.sandbox.state.subscriptions(CONTOSO).find((s) => s.id === CONTOSO_BP)!;
    expect(purchase.customTermEndDate.slice(0, 10)).toBe(premium.commitmentEndDate!.slice(0, 10));
    // A shorter first term commits less than a whole year of three seats.
    expect(purchase.cost.commitment).toBeLessThan(purchase.cost.unitPrice * 3 * 12);

    const human = await e2e.qm('plan');
    expect(human.stdout).toMatch(/first term to \d{4}-\d{2}-\d{2} \(co-termed\)/);

    const applied = await e2e.qm('apply', '--auto-approve');
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    // The order line keeps the cart line's customTermEndDate (the sandbox checked it allowed).
    const order = e2e.sandbox.state
      .orders(CONTOSO)
      .find((o) => o.lineItems.some((l) => l.productId === 'CFQ7TTC0HD33'));
    expect(JSON.stringify(order)).toContain(purchase.customTermEndDate.slice(0, 10));
    const visio = e2e.subscriptionsOf('CFQ7TTC0HD33')[0]!;
    expect(visio.commitmentEndDate?.slice(0, 10)).toBe(premium.commitmentEndDate!.slice(0, 10));
  });
});
