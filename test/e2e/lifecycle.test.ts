import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTOSO, CONTOSO_AZURE_PLAN, CONTOSO_BP, E2e } from './harness.js';

const EXCHANGE = (extra = ''): string => `exchange:
  product: CFQ7TTC0LH16
  sku: "0001"
  term: P1M
  billing: monthly
  quantity: 10${extra}`;

describe('qm lifecycle end to end', () => {
  let e2e: E2e;
  beforeEach(async () => (e2e = await E2e.start()));
  afterEach(async () => e2e.close());

  it('cancels a tombstone only with the policy’s consent', async () => {
    e2e.writeContoso(EXCHANGE());
    expect((await e2e.qm('apply', '--auto-approve')).code).toBe(0);
    const tombstone = `exchange:\n  product: CFQ7TTC0LH16\n  sku: "0001"\n  term: P1M\n  billing: monthly\n  ensure: cancelled`;
    e2e.writeContoso(tombstone);

    const refused = await e2e.qm('apply', '--auto-approve');
    expect(refused.code).toBe(0);
    expect(refused.stdout).toMatch(/blocked exchange .*\[policy-limit\]/);
    expect(e2e.subscriptionsOf('CFQ7TTC0LH16')[0]?.status).toBe('active');

    e2e.writeConfig('limits:\n  maxCancellations: 1');
    const cancelled = await e2e.qm('apply', '--auto-approve');
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(cancelled.stdout).toMatch(/ok +cancel exchange/);
    expect(e2e.subscriptionsOf('CFQ7TTC0LH16')[0]?.status).toBe('deleted');
  });

  it('never cancels an item removed from the spec: it becomes unmanaged', async () => {
    e2e.writeContoso(EXCHANGE());
    expect((await e2e.qm('apply', '--auto-approve')).code).toBe(0);
    e2e.writeContoso('{}');
    const plan = await e2e.qm('plan', '--json');
    const json = JSON.parse(plan.stdout) as {
      actions: unknown[];
      unmanaged: { offerId: string }[];
    };
    expect(json.actions).toEqual([]);
    expect(json.unmanaged.map((u) => u.offerId.split(':')[0])).toContain('CFQ7TTC0LH16');
    expect(e2e.subscriptionsOf('CFQ7TTC0LH16')[0]?.status).toBe('active');
  });

  it('reports an unbound live match instead of buying it; import binds it; the next plan is clean', async () => {
    e2e.writeContoso(
      `premium:\n  product: CFQ7TTC0LCHC\n  sku: "0002"\n  term: P1Y\n  billing: monthly\n  quantity: 20`,
    );
    const before = await e2e.qm('plan', '--json', '--detailed-exitcode');
    const plan = JSON.parse(before.stdout) as { actions: unknown[]; blocked: { code: string }[] };
    expect(plan.actions).toEqual([]);
    expect(plan.blocked.map((b) => b.code)).toEqual(['adopt-required']);

    const imported = await e2e.qm('import', CONTOSO);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`bound premium → ${CONTOSO_BP}`);
    expect(imported.stdout).toContain(`subscriptionId: ${CONTOSO_AZURE_PLAN}`); // the Azure plan: YAML to add

    const after = await e2e.qm('plan', '--detailed-exitcode');
    expect(after.code, after.stdout).toBe(0);
    expect(after.stdout).toContain('No changes.');
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(0);
  });

  it('registers the Azure subscription, checks inventory, then buys the reservation', async () => {
    e2e.writeContoso(
      '{}',
      `vm:\n  kind: azure-reservation\n  product: DZH318Z0BQ4T\n  sku: "0059"\n  quantity: 2\n  term: P1Y\n  billing: one_time\n  azureSubscriptionId: ${CONTOSO_AZURE_PLAN}\n  scope: shared\n  region: eastus`,
    );
    const apply = await e2e.qm('apply', '--auto-approve');
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toMatch(/ok +register-azure-subscription vm/);
    expect(apply.stdout).toMatch(/ok +purchase vm .*ordered 2 × DZH318Z0BQ4T\/0059/);
    expect(e2e.sandbox.state.registrations(CONTOSO).map((r) => r.subscriptionId)).toEqual([
      CONTOSO_AZURE_PLAN,
    ]);
    const paths = e2e.sandbox.state.requests().map((r) => `${r.method} ${r.path}`);
    const inventory = paths.findIndex((p) => p.toLowerCase().includes('checkinventory'));
    const cart = paths.findIndex((p) => /POST \/v1\/customers\/[^/]+\/carts$/.test(p));
    expect(inventory).toBeGreaterThan(-1);
    expect(cart).toBeGreaterThan(inventory);
    const [order] = e2e.sandbox.state.orders(CONTOSO);
    expect(order?.lineItems[0]?.quantity).toBe(2);
    expect((await e2e.qm('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('shows the SaaS activation link on apply and in qm status', async () => {
    e2e.writeContoso(
      `tracker:\n  product: DZH318Z0C5KD\n  sku: "0001"\n  term: P1Y\n  billing: monthly\n  quantity: 5`,
    );
    const apply = await e2e.qm('apply', '--auto-approve');
    expect(apply.code, apply.stderr).toBe(0);
    const link = /activate: (\S+)/.exec(apply.stdout)?.[1];
    expect(link).toBeDefined();
    const status = await e2e.qm('status');
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain('Activation links (1):');
    expect(status.stdout).toContain(link!);
  });

  it('refuses a saved plan once the live state moved, and applies a current one exactly', async () => {
    e2e.writeContoso(EXCHANGE());
    const planFile = join(e2e.dir, 'plan.json');
    expect((await e2e.qm('plan', '--out', planFile)).code).toBe(0);
    e2e.sandbox.admin.createSubscription(CONTOSO, {
      productId: 'CFQ7TTC0LH18',
      skuId: '0001',
      quantity: 3,
      termDuration: 'P1M',
      billingCycle: 'monthly',
    });

    const stale = await e2e.qm('apply', planFile);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(
      /plan is stale: customer Contoso Ltd \(.+\): its live state in Partner Center changed/,
    );
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(1); // only the out-of-band one

    expect((await e2e.qm('plan', '--out', planFile)).code).toBe(0);
    const edited = JSON.parse(readFileSync(planFile, 'utf8')) as {
      actions: { after: { quantity: number } }[];
    };
    edited.actions[0]!.after.quantity = 500;
    writeFileSync(planFile.replace('plan.json', 'edited.json'), JSON.stringify(edited));
    const tampered = await e2e.qm('apply', planFile.replace('plan.json', 'edited.json'));
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/its actions differ from what the planner computes now/);

    const applied = await e2e.qm('apply', planFile);
    expect(applied.code, applied.stderr).toBe(0);
    expect(e2e.subscriptionsOf('CFQ7TTC0LH16').map((s) => s.quantity)).toEqual([10]);
  });

  it('refuses a second writer, naming the lease owner', async () => {
    e2e.writeContoso(EXCHANGE());
    expect((await e2e.qm('plan')).code).toBe(0); // creates the state file
    const store = e2e.state();
    store.lease.acquire('build-agent-7:4242:run', 60_000);
    store.close();
    const second = await e2e.qm('apply', '--auto-approve');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('build-agent-7:4242:run');
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(0);
  });
});

describe('qm run --once and policy.autoApply', () => {
  let e2e: E2e;
  beforeEach(async () => (e2e = await E2e.start()));
  afterEach(async () => e2e.close());

  it('applies only the allowed kinds and records the rest as a plan awaiting review', async () => {
    e2e.writeConfig('autoApply: [increase-quantity]');
    e2e.writeContoso(
      `${EXCHANGE()}\npremium:\n  product: CFQ7TTC0LCHC\n  sku: "0002"\n  term: P1Y\n  billing: monthly\n  quantity: 22\n  subscriptionId: ${CONTOSO_BP}`,
    );
    const run = await e2e.qm('run', '--once');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/ok +increase-quantity premium .*quantity 20 → 22/);
    expect(run.stdout).toMatch(/review +purchase exchange/);
    expect(run.stdout).toMatch(/1 action\(s\) wait for review .*saved as plan [0-9a-f]{32}/);
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(0); // purchases are not auto-applied
    const store = e2e.state();
    try {
      expect(store.plans.latest()?.plan.actions.map((a) => a.kind)).toEqual([
        'purchase',
        'increase-quantity',
      ]);
    } finally {
      store.close();
    }
  });
});
