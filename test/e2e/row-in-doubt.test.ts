import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_CUSTOMERS } from '../../src/sandbox/index.js';
import { CONTOSO, E2e, exchangeItem } from './harness.js';

const FABRIKAM = SEED_CUSTOMERS.fabrikam;
/**
 * One journal row in doubt (a checkout whose answer never came, and whose re-drive fails too)
 * used to stop every apply for the whole estate ("Journal row N is unknown; it cannot become
 * unknown"). It blocks its own item only.
 */
describe('a row in doubt blocks its own item only (built CLI, sandbox)', () => {
  let e2e: E2e;
  beforeEach(async () => {
    e2e = await E2e.start();
    e2e.writeContoso(exchangeItem('exchange', 5));
    e2e.writeSpec(
      'fabrikam',
      `version: 1\ncustomer:\n  id: ${FABRIKAM}\n  name: Fabrikam\n  country: DE\nsubscriptions: {}\npurchases: {}\n`,
    );
    // Contoso's checkouts never answer (the connection drops before processing).
    e2e.sandbox.faults.add({
      match: `POST /v1/customers/${CONTOSO}/carts/*/checkout`,
      kind: 'reset',
      count: 'unlimited',
    });
  });
  afterEach(async () => e2e.close());

  it('keeps reconciling the other customer while the row stays in doubt', async () => {
    const first = await e2e.qm('apply', '--auto-approve');
    expect(first.stdout + first.stderr).toMatch(/purchase exchange/);
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(0);

    // Fabrikam now wants something; Contoso's row is re-driven and fails again.
    e2e.writeSpec(
      'fabrikam',
      `version: 1\ncustomer:\n  id: ${FABRIKAM}\n  name: Fabrikam\n  country: DE\nsubscriptions:\n  ${exchangeItem('mail', 5).split('\n').join('\n  ')}\npurchases: {}\n`,
    );
    const second = await e2e.qm('apply', '--auto-approve');
    expect(second.stderr).not.toMatch(/cannot become unknown/);
    expect(second.stdout).toMatch(/ok +purchase mail/);
    expect(e2e.sandbox.state.orders(FABRIKAM)).toHaveLength(1);
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(0);
    const plan = JSON.parse((await e2e.qm('plan', '--json')).stdout) as {
      actions: unknown[];
      blocked: { customerId: string; item: string; code: string }[];
    };
    expect(plan.actions).toEqual([]);
    expect(plan.blocked).toContainEqual(
      expect.objectContaining({ customerId: CONTOSO, item: 'exchange', code: 'in-flight' }),
    );

    const list = await e2e.qm('state', 'list', '--json');
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/"status":\s*"unknown"/);
  });
});
