/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- conformance tests read wire JSON loosely and assert its shape. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxClock, startSandbox } from '../../src/sandbox/index.js';
import { Api, CONTOSO, CONTOSO_PREMIUM, MINUTE, START } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qm-sandbox-'));
  dirs.push(dir);
  return join(dir, 'sandbox.db');
}

describe('persistence', () => {
  it('the state survives a restart: purchases, changes, carts, replays; the seed is not re-applied', async () => {
    const dbPath = tempDb();
    const first = await startSandbox({ dbPath, clock: createSandboxClock(START) });
    const api = new Api(first);
    const bought = await api.buyLicense(CONTOSO, 'CFQ7TTC0LH16', '0001', 10, 'P1M');
    const patched = await api.patch(
      `/v1/customers/${CONTOSO}/subscriptions/${CONTOSO_PREMIUM}`,
      { quantity: 25 },
      { requestId: 'persist-1' },
    );
    await first.close();

    const second = await startSandbox({
      dbPath,
      clock: createSandboxClock(START),
      seed: { customers: [] },
    });
    try {
      const again = new Api(second);
      const subs = await again.get(`/v1/customers/${CONTOSO}/subscriptions`);
      expect(subs.body.items.map((s: any) => [s.id, s.quantity])).toEqual(
        expect.arrayContaining([
          [CONTOSO_PREMIUM, 25],
          [bought.id, 10],
        ]),
      );
      expect((await again.get(`/v1/customers/${CONTOSO}/orders/${bought.orderId}`)).status).toBe(
        200,
      );
      const replay = await again.patch(
        `/v1/customers/${CONTOSO}/subscriptions/${CONTOSO_PREMIUM}`,
        { quantity: 25 },
        { requestId: 'persist-1' },
      );
      expect(replay.text).toBe(patched.text);
      expect(second.state.customers()).toHaveLength(5);
    } finally {
      await second.close();
    }
  });

  it('keeps the advanced wall-clock offset across a restart', async () => {
    const dbPath = tempDb();
    const first = await startSandbox({ dbPath });
    first.clock.advance(60 * MINUTE);
    const advanced = first.clock.now().getTime();
    await first.close();
    const second = await startSandbox({ dbPath });
    try {
      expect(second.clock.now().getTime()).toBeGreaterThanOrEqual(advanced);
      expect(second.clock.now().getTime() - Date.now()).toBeGreaterThan(59 * MINUTE);
    } finally {
      await second.close();
    }
  });
});
