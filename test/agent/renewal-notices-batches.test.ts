/**
 * The daemon's notice pass goes through the specs in batches (docs/scale.md "Flat memory"):
 * over a real state file, the notices recorded and sent are the same, in the same order
 * (soonest renewal first), whatever the batch size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDaemonLogger, runRenewalNotices } from '../../src/agent/index.js';
import { createAgentStatePort } from '../../src/app/index.js';
import {
  desiredSource,
  type CustomerId,
  type DesiredCustomer,
  type ItemKey,
  type Plan,
  type SubscriptionId,
} from '../../src/model/index.js';
import { openStateStore } from '../../src/state/index.js';

const DAY = 86_400_000;
const NOW = new Date('2026-03-01T12:00:00.000Z');
const CUSTOMERS = 7;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const customerId = (i: number): CustomerId =>
  `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` as CustomerId;
const subscriptionId = (i: number): SubscriptionId =>
  `10000000-0000-4000-8000-${String(i).padStart(12, '0')}` as SubscriptionId;

/** Customer i renews in (CUSTOMERS - i) × 3 days: the later a customer is listed, the sooner. */
function commitmentEnd(i: number): string {
  const renews = new Date(Date.UTC(2026, 2, 1) + (CUSTOMERS - i) * 3 * DAY);
  return new Date(renews.getTime() - DAY).toISOString().replace('.000', '');
}

function customer(i: number): DesiredCustomer {
  return {
    id: customerId(i),
    name: `Customer ${i}`,
    country: 'US',
    file: `specs/c${i}.yaml`,
    subscriptions: [
      {
        key: 'bp' as ItemKey,
        product: 'CFQ7TTC0LCHC',
        sku: '0002',
        term: 'P1Y',
        billing: 'monthly',
        ensure: 'present',
        quantity: 10 + i,
        autoRenew: true,
        subscriptionId: subscriptionId(i),
        source: { file: `specs/c${i}.yaml`, line: 6, col: 3 },
      },
    ],
    purchases: [],
  };
}

async function notices(batchSize: number): Promise<readonly unknown[]> {
  const dir = mkdtempSync(join(tmpdir(), 'qm-notice-batches-'));
  dirs.push(dir);
  const state = openStateStore(join(dir, 'qm.db'));
  try {
    state.snapshots.upsertMany(
      Array.from({ length: CUSTOMERS }, (_, i) => ({
        customerId: customerId(i),
        observedAt: NOW.toISOString(),
        subscriptions: [
          {
            id: subscriptionId(i),
            customerId: customerId(i),
            offerId: 'CFQ7TTC0LCHC:0002:CFQ7TTC0LCHC',
            productId: 'CFQ7TTC0LCHC',
            skuId: '0002',
            friendlyName: 'Microsoft 365 Business Premium',
            quantity: 10 + i,
            status: 'active',
            autoRenewEnabled: true,
            termDuration: 'P1Y',
            billingCycle: 'monthly',
            creationDate: '2025-03-01T00:00:00Z',
            commitmentEndDate: commitmentEnd(i),
          },
        ],
      })),
    );
    const desired = { customers: Array.from({ length: CUSTOMERS }, (_, i) => customer(i)) };
    const plan = { actions: [], blocked: [], summary: {} } as unknown as Plan;
    const report = await runRenewalNotices(
      {
        state: createAgentStatePort(state),
        now: NOW,
        thresholds: [30, 7, 1],
        batchSize,
        logger: createDaemonLogger({ level: 'silent', destination: { write: () => true } }),
      },
      desiredSource(desired),
      { runId: 1, plan, deferred: [] },
    );
    expect(state.renewalNotices.list().length).toBeGreaterThan(0);
    return report.sent;
  } finally {
    state.close();
  }
}

describe('renewal notices in batches', () => {
  it('sends the same notices in the same order for any batch size', async () => {
    const whole = await notices(1000);
    // Renewals in 3..21 days: every customer crossed 30 days, the first two 7 days too.
    expect(whole).toHaveLength(CUSTOMERS);
    const at = whole.map((n) => (n as { renewsAt: string }).renewsAt);
    expect(at).toEqual([...at].sort());
    expect((whole[0] as { customerId: string }).customerId).toBe(customerId(CUSTOMERS - 1));
    expect(await notices(2)).toEqual(whole);
    expect(await notices(1)).toEqual(whole);
  });
});
