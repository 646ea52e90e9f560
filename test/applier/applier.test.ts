import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/index.js';
import { createJournalPort } from '../../src/app/state-ports.js';
import { applyPlanActions, recoverUnsettled } from '../../src/applier/index.js';
import type { AgentConfig } from '../../src/config/index.js';
import {
  DEFAULT_POLICY,
  type ActionKey,
  type CustomerId,
  type ItemKey,
  type PurchaseAction,
  type QuantityAction,
  type SubscriptionId,
} from '../../src/model/index.js';
import { SEED_CUSTOMERS, startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import type { JournalRepository, StateStore } from '../../src/state/index.js';

const CONTOSO = SEED_CUSTOMERS.contoso as CustomerId;
const BP = '3a1f9e8d-7c6b-4a5e-9d4c-3b2a1f0e9d8c' as SubscriptionId;
const AZURE_PLAN = '8e7c0d2b-5a4f-4e3d-9c1b-2a0f6e5d4c3b';

/** The applier through the real app wiring: client → sandbox HTTP, journal → SQLite file. */
describe('applier against the sandbox', () => {
  let sandbox: RunningSandbox;
  let app: App;
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qm-applier-'));
    sandbox = await startSandbox();
    const config: AgentConfig = {
      specs: join(dir, 'specs'),
      state: join(dir, 'qm.db'),
      partnerCenter: {
        endpoint: { kind: 'url', baseUrl: sandbox.url },
        auth: { mode: 'none' },
        concurrency: 2,
      },
      schedule: '*/30 * * * *',
      policy: DEFAULT_POLICY,
    };
    app = await createApp(config, [], { env: {} });
  });
  afterEach(async () => {
    await app.close();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const reservation = (key: string, dependsOn?: string): PurchaseAction => ({
    key: `purchase:${key}` as ActionKey,
    kind: 'purchase',
    customerId: CONTOSO,
    customerName: 'Contoso',
    item: 'vm' as ItemKey,
    reason: 'test',
    target: 'azure-reservation',
    after: {
      productId: 'DZH318Z0BQ4T',
      skuId: '0059',
      term: 'P1Y',
      billing: 'one_time',
      quantity: 1,
    },
    catalogItemId: 'stale-id-resolved-again-at-apply',
    availabilityId: 'stale',
    country: 'US',
    provisioningContext: { subscriptionId: AZURE_PLAN, scope: 'Shared', duration: '1Year' },
    ...(dependsOn === undefined ? {} : { dependsOn: [dependsOn as ActionKey] }),
  });

  /** Lowers Contoso's Business Premium from 20 to 15 seats: outside its window, so refused. */
  const decreasePremium = (key: string): QuantityAction => ({
    key: `decrease-quantity:${key}` as ActionKey,
    kind: 'decrease-quantity',
    customerId: CONTOSO,
    customerName: 'Contoso',
    item: 'premium' as ItemKey,
    reason: 'test',
    subscriptionId: BP,
    before: { quantity: 20 },
    after: { quantity: 15 },
  });

  it('refuses a cart line error before checkout: nothing is bought and the journal says why', async () => {
    const report = await applyPlanActions(
      [reservation('0000000000000001')],
      app.applierPorts(undefined),
    );
    expect(report.results[0]).toMatchObject({ status: 'failed', code: '10011' });
    expect(sandbox.state.orders(CONTOSO)).toEqual([]);
    const rows = app.store.journal.list();
    expect(rows.map((r) => [r.step, r.status])).toEqual([['create-cart', 'succeeded']]);
  });

  it('skips an action whose prerequisite did not succeed', async () => {
    const first = reservation('0000000000000001');
    const report = await applyPlanActions(
      [first, reservation('0000000000000002', first.key)],
      app.applierPorts(undefined),
    );
    expect(report.counts).toEqual({ succeeded: 0, failed: 1, pending: 0, skipped: 1 });
    expect(report.results[1]?.message).toContain(
      'prerequisite purchase:0000000000000001 did not succeed',
    );
  });

  it('keeps applying when the result observer throws, and reports the observer error', async () => {
    const decrease = decreasePremium('0000000000000004');
    const seen: string[] = [];
    const observerErrors: string[] = [];
    const report = await applyPlanActions(
      [reservation('0000000000000001'), decrease],
      app.applierPorts(undefined),
      {
        onResult: (result) => {
          seen.push(result.key);
          throw new Error('metrics exporter down');
        },
        onObserverError: (error, result) =>
          observerErrors.push(`${result.key}: ${(error as Error).message}`),
      },
    );
    // Both actions ran to their outcome: the throw neither stopped nor orphaned the apply.
    expect(report.results.map((r) => [r.key, r.status])).toEqual([
      ['purchase:0000000000000001', 'failed'],
      ['decrease-quantity:0000000000000004', 'failed'],
    ]);
    expect(
      app.store.journal
        .list()
        .map((r) => r.step)
        .sort(),
    ).toEqual(['create-cart', 'patch-subscription']);
    expect(seen).toEqual(['purchase:0000000000000001', 'decrease-quantity:0000000000000004']);
    expect(observerErrors).toEqual([
      'purchase:0000000000000001: metrics exporter down',
      'decrease-quantity:0000000000000004: metrics exporter down',
    ]);
  });

  it('records a refused decrease (800090) as failed and changes nothing', async () => {
    const decrease = decreasePremium('0000000000000003');
    const report = await applyPlanActions([decrease], app.applierPorts(undefined));
    expect(report.results[0]).toMatchObject({ status: 'failed', code: '800090' });
    expect(app.store.journal.list().map((r) => [r.step, r.status, r.errorCode])).toEqual([
      ['patch-subscription', 'failed', '800090'],
    ]);
    expect(sandbox.state.subscriptions(CONTOSO).find((s) => s.id === BP)?.quantity).toBe(20);
  });

  it('commits the intents begun in one turn together, and none of a group whose commit fails', async () => {
    const groups: number[] = [];
    let failing = false;
    const real = app.store.journal;
    const journal: JournalRepository = {
      ...real,
      beginMany: (intents) => {
        groups.push(intents.length);
        if (failing) throw new Error('SQLITE_FULL: database or disk is full');
        return real.beginMany(intents);
      },
    };
    const port = createJournalPort({ journal } as unknown as StateStore, undefined);
    const intent = (n: number) => ({
      actionKey: `increase-quantity:00000000000000b${n}` as ActionKey,
      actionKind: 'increase-quantity' as const,
      step: 'patch-subscription' as const,
      customerId: CONTOSO,
      item: 'premium' as ItemKey,
      requestId: `req-b${n}`,
      subscriptionId: BP,
      request: { change: { quantity: 20 + n } },
    });
    const ids = await Promise.all([1, 2, 3].map((n) => port.begin(intent(n))));
    expect(groups).toEqual([3]);
    expect(real.listInFlight().map((r) => [r.id, r.requestId])).toEqual(
      ids.map((id, i) => [id, `req-b${i + 1}`]),
    );
    await port.begin(intent(4));
    expect(groups).toEqual([3, 1]);

    failing = true;
    const failed = await Promise.allSettled([port.begin(intent(5)), port.begin(intent(6))]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(groups).toEqual([3, 1, 2]);
    expect(real.listInFlight()).toHaveLength(4);
  });

  it('settles an interrupted PATCH by re-reading the subscription', async () => {
    const ports = app.applierPorts(undefined);
    const begin = (quantity: number, key: string): Promise<number> =>
      ports.journal.begin({
        actionKey: key as ActionKey,
        actionKind: 'increase-quantity',
        step: 'patch-subscription',
        customerId: CONTOSO,
        item: 'premium' as ItemKey,
        requestId: `req-${key}`,
        subscriptionId: BP,
        request: { change: { quantity } },
      });
    await begin(20, 'increase-quantity:00000000000000a1'); // already true: it took effect
    await begin(30, 'increase-quantity:00000000000000a2'); // never reached Partner Center
    const notes = await recoverUnsettled(ports);
    expect(notes.map((n) => n.outcome)).toEqual(['succeeded', 'failed']);
    expect(app.store.journal.listInFlight()).toEqual([]);
    expect(sandbox.state.subscriptions(CONTOSO).find((s) => s.id === BP)?.quantity).toBe(20);
  });
});
