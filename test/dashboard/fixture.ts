import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  ActionKey,
  CustomerId,
  ItemKey,
  LiveSubscription,
  SubscriptionId,
} from '../../src/model/index.js';
import { createLeaseClaim, openStateStore } from '../../src/state/index.js';
import {
  createEstateSource,
  createInlineBuilder,
  createReadModel,
  type DashboardReadModel,
} from '../../src/dashboard/index.js';
import type { Clock } from '../../src/support/index.js';

export const EVIL_NAME = '<script>alert(1)</script> & "Co"';
export const CUSTOMER = '11111111-2222-4333-8444-555555555555' as CustomerId;
export const SUBSCRIPTION = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' as SubscriptionId;

/** A live NCE subscription of the fixture customer with `quantity` seats. */
export function aSubscription(quantity: number): LiveSubscription {
  return {
    id: SUBSCRIPTION,
    customerId: CUSTOMER,
    offerId: 'CFQ7TTC0LH16:0001:CFQ7TTC0PW0H',
    productId: 'CFQ7TTC0LH16',
    skuId: '0001',
    friendlyName: 'Exchange <b>Online</b>',
    quantity,
    status: 'active',
    autoRenewEnabled: true,
    termDuration: 'P1M',
    billingCycle: 'monthly',
    creationDate: '2026-01-01T00:00:00Z',
    commitmentEndDate: '2026-01-31T00:00:00Z',
  };
}

/**
 * A temp workspace: one spec whose customer name is HTML, a real state file with its
 * snapshot (10 live seats, the spec wants 12: drifted), a run, and a journal row in doubt.
 */
export class DashboardFixture {
  readonly dir = mkdtempSync(join(tmpdir(), 'qm-dash-'));
  readonly statePath = join(this.dir, 'state', 'qm.db');
  readonly specsDir = join(this.dir, 'specs');

  constructor() {
    mkdirSync(this.specsDir);
    mkdirSync(join(this.dir, 'state'));
    writeFileSync(
      join(this.specsDir, 'evil.yaml'),
      [
        'version: 1',
        'customer:',
        `  id: ${CUSTOMER}`,
        `  name: '${EVIL_NAME}'`,
        '  country: US',
        'subscriptions:',
        '  exchange:',
        '    product: CFQ7TTC0LH16',
        '    sku: "0001"',
        '    term: P1M',
        '    billing: monthly',
        '    quantity: 12',
        `    subscriptionId: ${SUBSCRIPTION}`,
        '',
      ].join('\n'),
    );
    const store = openStateStore(this.statePath);
    try {
      store.snapshots.upsert({
        customerId: CUSTOMER,
        observedAt: '2026-01-10T00:00:00.000Z',
        subscriptions: [aSubscription(10)],
      });
      const claim = createLeaseClaim('test');
      store.lease.acquire(claim, 60_000);
      const run = store.runs.start('apply', 'test');
      store.journal.begin({
        runId: run.id,
        actionKey: 'k1' as ActionKey,
        requestId: 'req-in-doubt-1',
        kind: 'increase-quantity',
        step: 'patch-subscription',
        customerId: CUSTOMER,
        item: 'exchange' as ItemKey,
        subscriptionId: SUBSCRIPTION,
      });
      store.runs.end(run.id, 'partial', { actions: 1 });
      store.lease.release(claim);
    } finally {
      store.close();
    }
  }

  /** Rewrites the snapshot with `quantity` live seats. */
  setLiveSeats(quantity: number): void {
    const store = openStateStore(this.statePath);
    try {
      store.snapshots.upsert({
        customerId: CUSTOMER,
        observedAt: '2026-01-11T00:00:00.000Z',
        subscriptions: [aSubscription(quantity)],
      });
    } finally {
      store.close();
    }
  }

  /** The read model over the fixture, building on this thread; await `ready()` before use. */
  model(clock: Clock, log: (line: string) => void = () => undefined): DashboardReadModel {
    return createReadModel({
      statePath: this.statePath,
      clock,
      builder: createInlineBuilder(
        createEstateSource(
          { statePath: this.statePath, specsDir: this.specsDir, cwd: this.dir },
          log,
        ),
      ),
    });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
