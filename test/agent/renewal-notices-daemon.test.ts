/**
 * Acceptance (issue 16): renewal-decision notices from the daemon, in this process over a real
 * sandbox, a real state file and a real webhook receiver, with an injected clock. A subscription
 * crossing 30/7/1 days gets exactly three notices over time; a restarted daemon does not send
 * one again; a daemon that was down sends only the smallest threshold crossed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CONTOSO, CONTOSO_BP, DAY, DaemonHarness } from './renewal-notices-harness.js';

let h: DaemonHarness;
afterEach(async () => h.close());

describe('renewal notices from the daemon', () => {
  it('sends the 30, 7 and 1 day notices once each, across a restart, to the log and the webhook', async () => {
    h = await DaemonHarness.start();
    h.writeConfig();
    h.writeContoso();
    const renewsAt = h.renewsAt();
    const renewal = renewsAt.toISOString();
    const thresholdsSent = (): unknown[] =>
      h.hooked('renewal-upcoming').map((b) => b['thresholdDays']);

    h.moveTo(new Date(renewsAt.getTime() - 31 * DAY));
    await h.tick();
    expect(thresholdsSent()).toEqual([]);

    h.moveTo(new Date(renewsAt.getTime() - 29 * DAY));
    await h.tick();
    expect(thresholdsSent()).toEqual([30]);
    const [first] = h.hooked('renewal-upcoming');
    expect(first).toEqual({
      source: 'quartermaster',
      at: new Date(renewsAt.getTime() - 29 * DAY).toISOString(),
      text: expect.stringContaining(
        `Contoso Ltd / bp (Microsoft 365 Business Premium, subscription ${CONTOSO_BP}) renews at ${renewal} (in 29 day(s)) unchanged: 20 × CFQ7TTC0LCHC:0002 P1Y/monthly, USD 440.00 per month; to change it, set the change before ${renewal}.`,
      ) as string,
      event: 'renewal-upcoming',
      customerId: CONTOSO,
      customerName: 'Contoso Ltd',
      item: 'bp',
      subscriptionId: CONTOSO_BP,
      productName: 'Microsoft 365 Business Premium',
      renewsAt: renewal,
      thresholdDays: 30,
      daysLeft: 29,
      autoRenew: true,
      outcome: 'renews',
      current: {
        productId: 'CFQ7TTC0LCHC',
        skuId: '0002',
        termDuration: 'P1Y',
        billingCycle: 'monthly',
        quantity: 20,
      },
      atRenewal: {
        productId: 'CFQ7TTC0LCHC',
        skuId: '0002',
        termDuration: 'P1Y',
        billingCycle: 'monthly',
        quantity: 20,
        scheduled: false,
      },
      price: {
        currency: 'USD',
        unitPrice: 22,
        per: 'P1M',
        charge: 440,
        monthly: 440,
        source: expect.objectContaining({ market: 'US', view: 'updatedlicensebased' }) as object,
      },
      changeBefore: renewal,
    });
    // The log line says the same, once, inside the run.
    expect(h.logged('renewal-upcoming')).toEqual([
      expect.objectContaining({
        level: 'info',
        runId: expect.any(Number) as number,
        subscriptionId: CONTOSO_BP,
        thresholdDays: 30,
        msg: first?.['text'],
      }),
    ]);

    h.moveTo(new Date(renewsAt.getTime() - 28 * DAY));
    await h.tick();
    expect(thresholdsSent()).toEqual([30]);

    // A new daemon over the same state file remembers what was sent.
    await h.restart();
    h.moveTo(new Date(renewsAt.getTime() - 8 * DAY));
    await h.tick();
    expect(thresholdsSent()).toEqual([30]);

    h.moveTo(new Date(renewsAt.getTime() - 6 * DAY));
    await h.tick();
    await h.restart();
    await h.tick();
    expect(thresholdsSent()).toEqual([30, 7]);

    h.moveTo(new Date(renewsAt.getTime() - DAY / 2));
    await h.tick();
    h.moveTo(new Date(renewsAt.getTime() - 3_600_000));
    await h.tick();
    expect(thresholdsSent()).toEqual([30, 7, 1]);
    expect(h.logged('renewal-upcoming').map((l) => l['thresholdDays'])).toEqual([30, 7, 1]);

    // Renewed: the next renewal is a year away.
    h.moveTo(new Date(renewsAt.getTime() + 3_600_000));
    await h.tick();
    expect(h.renewsAt().getTime()).toBeGreaterThan(renewsAt.getTime() + 300 * DAY);
    expect(thresholdsSent()).toEqual([30, 7, 1]);
    expect(
      h
        .recorded()
        .map((r) => [
          r.mark.kind === 'renewal' && r.mark.thresholdDays,
          r.deliveredAt !== undefined,
        ]),
    ).toEqual([
      [30, true],
      [7, true],
      [1, true],
    ]);
  }, 60_000);

  it('sends only the smallest threshold crossed while the daemon was down, and records the rest', async () => {
    h = await DaemonHarness.start();
    h.writeConfig({ daemon: ['renewalNoticeDays: [1, 30, 7]'] });
    h.writeContoso();
    const renewsAt = h.renewsAt();
    h.moveTo(new Date(renewsAt.getTime() - 5 * DAY));
    await h.tick();
    await h.tick();
    expect(h.hooked('renewal-upcoming').map((b) => b['thresholdDays'])).toEqual([7]);
    expect(
      h
        .recorded()
        .map((r) => [r.mark.kind === 'renewal' && r.mark.thresholdDays, r.notice !== undefined]),
    ).toEqual([
      [7, true],
      [30, false],
    ]);
  }, 60_000);

  it('retries a notice the webhook did not take on the next tick, without a second log line', async () => {
    h = await DaemonHarness.start();
    h.writeConfig();
    h.writeContoso();
    const renewsAt = h.renewsAt();
    h.moveTo(new Date(renewsAt.getTime() - 6 * DAY));
    h.hook.failNext(1);
    await h.tick();
    expect(h.hooked('renewal-upcoming')).toEqual([]);
    expect(h.logged('webhook-failed')).toEqual([
      expect.objectContaining({ notice: 'renewal-upcoming' }),
    ]);
    await h.restart();
    await h.tick();
    expect(h.hooked('renewal-upcoming').map((b) => b['thresholdDays'])).toEqual([7]);
    await h.tick();
    expect(h.hooked('renewal-upcoming')).toHaveLength(1);
    expect(h.logged('renewal-upcoming')).toHaveLength(1);
  }, 60_000);

  it('sends none with renewalNoticeDays: []', async () => {
    h = await DaemonHarness.start();
    h.writeConfig({ daemon: ['renewalNoticeDays: []'] });
    h.writeContoso();
    h.moveTo(new Date(h.renewsAt().getTime() - DAY / 2));
    await h.tick();
    expect(h.hooked('renewal-upcoming')).toEqual([]);
    expect(h.recorded()).toEqual([]);
  }, 60_000);
});
