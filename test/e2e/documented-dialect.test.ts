import { afterEach, describe, expect, it } from 'vitest';
import { CONTOSO, CONTOSO_AZURE_PLAN, E2e, exchangeItem } from './harness.js';

/**
 * The built CLI against the sandbox speaking only what Microsoft's documented examples show
 * (`dialect: 'documented'`): reservation terms without a billing cycle, NCE windows only as
 * `refundOptions`, numeric error codes, attestation required on NCE carts.
 */
const RESERVATION = `vm:
  kind: azure-reservation
  product: DZH318Z0BQ4T
  sku: "0059"
  quantity: 2
  term: P1Y
  billing: one_time
  azureSubscriptionId: ${CONTOSO_AZURE_PLAN}
  scope: shared
  region: eastus`;

const TOKEN = { authorization: 'Bearer sandbox-app-user-token' };

describe('qm against the sandbox in its documented dialect', () => {
  let e2e: E2e;
  afterEach(async () => e2e.close());

  it('resolves and buys a reservation whose terms carry no billing cycle', async () => {
    e2e = await E2e.start({ dialect: 'documented' });
    const sku = await fetch(
      `${e2e.sandbox.url}/v1/products/DZH318Z0BQ4T/skus/0059/availabilities?country=US`,
      { headers: TOKEN },
    ).then((r) => r.json() as Promise<{ items: { terms: Record<string, unknown>[] }[] }>);
    expect(sku.items[0]?.terms[0]).not.toHaveProperty('billingCycle');

    e2e.writeContoso('{}', RESERVATION);
    const apply = await e2e.qm('apply', '--auto-approve');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/ok +purchase vm .*ordered 2 × DZH318Z0BQ4T\/0059/);
    const orders = e2e.sandbox.state.orders(CONTOSO);
    expect(orders).toHaveLength(1);
    expect(orders[0]?.lineItems[0]?.quantity).toBe(2);
    // The one-time orders list (?billingType=onetime) is read on every refresh of this customer.
    const again = await e2e.qm('plan', '--detailed-exitcode');
    expect(again.code, again.stdout + again.stderr).toBe(0);
    const listed = e2e.sandbox.state
      .requests()
      .filter((r) => r.method === 'GET' && r.path === `/v1/customers/${CONTOSO}/orders`);
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((r) => r.status === 200)).toBe(true);
  });

  it('refunds seats of an NCE subscription that states its window only as refundOptions', async () => {
    e2e = await E2e.start({ dialect: 'documented' });
    e2e.writeContoso(exchangeItem('exchange', 10));
    const buy = await e2e.qm('apply', '--auto-approve');
    expect(buy.code, buy.stdout + buy.stderr).toBe(0);
    const [sub] = e2e.subscriptionsOf('CFQ7TTC0LH16');
    const wire = await fetch(
      `${e2e.sandbox.url}/v1/customers/${CONTOSO}/subscriptions/${sub!.id}`,
      {
        headers: TOKEN,
      },
    ).then((r) => r.json() as Promise<Record<string, unknown>>);
    expect(wire['refundOptions']).toEqual([{ type: 'Full', expiresAt: expect.any(String) }]);
    expect(wire).not.toHaveProperty('refundableQuantity');
    expect(wire).not.toHaveProperty('cancellationAllowedUntilDate');

    e2e.writeContoso(exchangeItem('exchange', 7));
    const down = await e2e.qm('apply', '--auto-approve');
    expect(down.code, down.stdout + down.stderr).toBe(0);
    expect(down.stdout).toMatch(/ok +decrease-quantity exchange .*quantity 10 → 7/);
    expect(down.stdout).not.toMatch(/schedule-decrease/);
    expect(e2e.subscriptionsOf('CFQ7TTC0LH16').map((s) => s.quantity)).toEqual([7]);
  });
});

describe("qm when the agent's clock disagrees with Partner Center's", () => {
  let e2e: E2e;
  afterEach(async () => e2e.close());

  it('refuses decreases and cancellations with the reason while they are 24 h apart', async () => {
    e2e = await E2e.start();
    e2e.writeContoso(exchangeItem('exchange', 10));
    expect((await e2e.qm('apply', '--auto-approve')).code).toBe(0);
    // Partner Center's Date header now runs 24 h ahead of the agent's clock.
    e2e.sandbox.clock.advance(24 * 3_600_000);
    e2e.writeContoso(exchangeItem('exchange', 7));
    const plan = await e2e.qm('plan', '--json');
    expect(plan.code, plan.stderr).toBe(0);
    const json = JSON.parse(plan.stdout) as {
      actions: { kind: string }[];
      blocked: { item: string; code: string; reason: string }[];
    };
    expect(json.actions).toEqual([]);
    const [blocked] = json.blocked;
    expect(blocked).toMatchObject({ item: 'exchange', code: 'clock-skew' });
    expect(blocked?.reason).toMatch(/agent's clock is 24\.0 h behind Partner Center's/);
    expect(blocked?.reason).toMatch(/correct the system clock/);

    e2e.writeContoso(`${exchangeItem('exchange', 10)}\n  ensure: cancelled`);
    const cancel = await e2e.qm('plan', '--json');
    const blockedCancel = (JSON.parse(cancel.stdout) as typeof json).blocked;
    expect(blockedCancel).toContainEqual(
      expect.objectContaining({ item: 'exchange', code: 'clock-skew' }),
    );
    expect(e2e.subscriptionsOf('CFQ7TTC0LH16').map((s) => s.quantity)).toEqual([10]);
  });
});
