import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, SEED_CUSTOMERS, type RunningSandbox } from '../../src/sandbox/index.js';
import { startHookReceiver, type HookReceiver } from '../agent/renewal-notices-harness.js';
import { cliEnv, makeWorkspace, spawnQm, waitFor, type QmChild } from '../agent/daemon/qm-child.js';

/**
 * Acceptance (issue 16): `qm run` as child processes against a test-started sandbox (wall
 * clock, as the CLI's). A managed subscription renewing in about five days gets one renewal
 * notice — the 7-day one; the 30-day threshold is recorded without its own — in the JSON log
 * and at a real webhook; neither more ticks of the daemon nor a new process over the same state
 * file send it again.
 */
const CONTOSO = SEED_CUSTOMERS.contoso;
const EXCHANGE = '0c0ffee0-1111-4222-8333-444455556666';
const DAY = 86_400_000;

describe('qm run: renewal notices survive restarts', () => {
  let sandbox: RunningSandbox;
  let hook: HookReceiver;
  const ws = makeWorkspace('qm-renewal-notices-');
  const running: QmChild[] = [];
  const renewals = (): Record<string, unknown>[] =>
    hook.bodies.filter((b) => b['event'] === 'renewal-upcoming');

  beforeAll(async () => {
    sandbox = await startSandbox();
    hook = await startHookReceiver();
    // Bought 360 days ago for a year: it renews in about five days.
    sandbox.admin.createSubscription(CONTOSO, {
      id: EXCHANGE,
      productId: 'CFQ7TTC0LH16',
      skuId: '0001',
      quantity: 10,
      termDuration: 'P1Y',
      billingCycle: 'monthly',
      purchasedAt: new Date(sandbox.clock.now().getTime() - 360 * DAY).toISOString(),
    });
    ws.write(
      'agent.config.yaml',
      [
        'specs: ./specs',
        'state: ./state/qm.db',
        'partnerCenter:',
        `  endpoint: ${sandbox.url}`,
        '  auth:',
        '    mode: none',
        '  pricing:',
        `    endpoint: ${sandbox.url}`,
        '    auth:',
        '      mode: none',
        'schedule: "* * * * * *"',
        'policy:',
        '  autoApply: []',
        'daemon:',
        `  webhookUrl: ${hook.url}`,
        '',
      ].join('\n'),
    );
    ws.write(
      'specs/contoso.yaml',
      [
        'version: 1',
        'customer:',
        `  id: ${CONTOSO}`,
        '  name: Contoso Ltd',
        '  country: US',
        'subscriptions:',
        '  exchange:',
        '    product: CFQ7TTC0LH16',
        '    sku: "0001"',
        '    term: P1Y',
        '    billing: monthly',
        '    quantity: 10',
        `    subscriptionId: ${EXCHANGE}`,
        '',
      ].join('\n'),
    );
  }, 30_000);

  afterAll(async () => {
    for (const qm of running) if (qm.child.exitCode === null) qm.child.kill('SIGKILL');
    await Promise.all(running.map((qm) => qm.exited));
    await sandbox.close();
    await hook.close();
    ws.remove();
  });

  it('sends the notice once from the daemon, then never again after a restart', async () => {
    const daemon = spawnQm(ws.dir, ['run'], cliEnv({ QM_LOG_LEVEL: 'info' }));
    running.push(daemon);
    const ticks = (): number => daemon.logs.filter((l) => l['event'] === 'tick-finished').length;
    await waitFor('three ticks', () => (ticks() >= 3 ? true : undefined));
    daemon.child.kill('SIGTERM');
    expect((await daemon.exited).code).toBe(0);

    expect(renewals()).toEqual([
      expect.objectContaining({
        source: 'quartermaster',
        event: 'renewal-upcoming',
        customerId: CONTOSO,
        customerName: 'Contoso Ltd',
        item: 'exchange',
        subscriptionId: EXCHANGE,
        thresholdDays: 7,
        outcome: 'renews',
        atRenewal: expect.objectContaining({ quantity: 10, scheduled: false }) as object,
        price: expect.objectContaining({ currency: 'USD' }) as object,
      }),
    ]);
    const renewsAt = String(renewals()[0]?.['renewsAt']);
    expect(renewals()[0]?.['changeBefore']).toBe(renewsAt);
    expect(Date.parse(renewsAt) - Date.now()).toBeLessThan(7 * DAY);
    expect(daemon.logs.filter((l) => l['event'] === 'renewal-upcoming')).toEqual([
      expect.objectContaining({ level: 'info', subscriptionId: EXCHANGE, thresholdDays: 7 }),
    ]);

    const again = spawnQm(ws.dir, ['run', '--once'], cliEnv({ QM_LOG_LEVEL: 'info' }));
    running.push(again);
    expect((await again.exited).code).toBe(0);
    expect(again.logs.some((l) => l['event'] === 'tick-finished')).toBe(true);
    expect(again.logs.filter((l) => l['event'] === 'renewal-upcoming')).toEqual([]);
    expect(renewals()).toHaveLength(1);
  }, 60_000);
});
