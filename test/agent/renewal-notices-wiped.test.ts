/**
 * Acceptance (issue 16): a scheduled change the agent set and an immediate change in Partner
 * Center wiped (autorenew off and on again, in the portal) is noticed once per journal row — to
 * the webhook and as a warning in the log — whether the daemon sets it again at once or leaves
 * it for review; and never after the renewal it was for.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_TOKENS } from '../../src/sandbox/index.js';
import { CONTOSO, CONTOSO_BP, DAY, DaemonHarness } from './renewal-notices-harness.js';

let h: DaemonHarness;
afterEach(async () => h.close());

/** A PATCH as the portal would send it (outside the agent). */
async function patchInPortal(body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${h.sandbox.url}/v1/customers/${CONTOSO}/subscriptions/${CONTOSO_BP}`, {
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${SANDBOX_TOKENS.appUser}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
}

/** Autorenew off and on again: Partner Center deletes the scheduled instructions. */
async function wipeInPortal(): Promise<void> {
  await patchInPortal({ autoRenewEnabled: false });
  await patchInPortal({ autoRenewEnabled: true });
  expect(scheduled()).toBeUndefined();
}

/** The subscription's scheduled instructions as the sandbox holds them (undefined: none). */
function scheduled(): unknown {
  return (
    h.sandbox.state.subscriptions(CONTOSO).find((s) => s.id === CONTOSO_BP)?.scheduled ?? undefined
  );
}

describe('wiped scheduled changes', () => {
  it('are noticed once per journal row, and the renewal notice shows what is scheduled', async () => {
    h = await DaemonHarness.start();
    h.writeConfig({ autoApply: 'schedule-decrease' });
    h.writeContoso(15); // 20 seats live, windows closed: a seat decrease at renewal
    const renewsAt = h.renewsAt();
    h.moveTo(new Date(renewsAt.getTime() - 60 * DAY));

    const first = await h.tick();
    expect(first.report?.results.map((r) => [r.kind, r.status])).toEqual([
      ['schedule-decrease', 'succeeded'],
    ]);
    expect(scheduled()).toMatchObject({ quantity: 15 });
    expect(h.hooked('scheduled-change-wiped')).toEqual([]);

    // Wiped in the portal; the daemon may not set it again by itself now.
    await wipeInPortal();
    h.writeConfig({ autoApply: '' });
    await h.tick();
    const wiped = h.hooked('scheduled-change-wiped');
    expect(wiped).toEqual([
      expect.objectContaining({
        event: 'scheduled-change-wiped',
        customerId: CONTOSO,
        customerName: 'Contoso Ltd',
        item: 'bp',
        subscriptionId: CONTOSO_BP,
        renewsAt: renewsAt.toISOString(),
        journalRow: expect.any(Number) as number,
        scheduled: expect.objectContaining({ quantity: 15 }) as object,
        setAgain: false,
        text: expect.stringContaining(
          'the next plan sets it again if the spec still wants it',
        ) as string,
      }),
    ]);
    expect(h.logged('scheduled-change-wiped')).toEqual([
      expect.objectContaining({ level: 'warn', journalRow: wiped[0]?.['journalRow'] }),
    ]);
    expect(h.hooked('plan-awaits-review')).toEqual([
      expect.objectContaining({
        actions: [expect.objectContaining({ kind: 'schedule-decrease' })],
      }),
    ]);

    // Still wiped: said once, also by a restarted daemon.
    await h.tick();
    await h.restart();
    await h.tick();
    expect(h.hooked('scheduled-change-wiped')).toHaveLength(1);

    // Set again: the wipe of the old row is not news.
    h.writeConfig({ autoApply: 'schedule-decrease' });
    await h.tick();
    expect(scheduled()).toMatchObject({ quantity: 15 });
    await h.tick();
    expect(h.hooked('scheduled-change-wiped')).toHaveLength(1);

    // Wiped again: a new row, a new notice; the daemon sets it again in the same tick.
    await wipeInPortal();
    await h.tick();
    const again = h.hooked('scheduled-change-wiped');
    expect(again).toHaveLength(2);
    expect(again[1]).toMatchObject({
      setAgain: true,
      text: expect.stringContaining('this run has set it again'),
    });
    expect(Number(again[1]?.['journalRow'])).toBeGreaterThan(Number(wiped[0]?.['journalRow']));
    expect(scheduled()).toMatchObject({ quantity: 15 });

    // The renewal notice says what is scheduled.
    h.moveTo(new Date(renewsAt.getTime() - 6 * DAY));
    await h.tick();
    expect(h.hooked('renewal-upcoming')).toEqual([
      expect.objectContaining({
        thresholdDays: 7,
        current: expect.objectContaining({ quantity: 20 }) as object,
        atRenewal: expect.objectContaining({ quantity: 15, scheduled: true }) as object,
        price: expect.objectContaining({ currency: 'USD', charge: 330, monthly: 330 }) as object,
      }),
    ]);

    // Renewed with 15 seats and no instructions left: that is no wipe.
    h.moveTo(new Date(renewsAt.getTime() + 3_600_000));
    await h.tick();
    expect(h.sandbox.state.subscriptions(CONTOSO).find((s) => s.id === CONTOSO_BP)?.quantity).toBe(
      15,
    );
    expect(scheduled()).toBeUndefined();
    expect(h.hooked('scheduled-change-wiped')).toHaveLength(2);
  }, 60_000);

  it('notices a change this very tick set again from the refresh it planned with', async () => {
    h = await DaemonHarness.start();
    h.writeConfig({ autoApply: 'schedule-decrease' });
    h.writeContoso(15);
    const renewsAt = h.renewsAt();
    h.moveTo(new Date(renewsAt.getTime() - 60 * DAY));
    await h.tick();
    await wipeInPortal();
    const outcome = await h.tick();
    expect(outcome.report?.results.map((r) => r.kind)).toEqual(['schedule-decrease']);
    expect(h.hooked('scheduled-change-wiped').map((b) => b['setAgain'])).toEqual([true]);
  }, 60_000);
});
