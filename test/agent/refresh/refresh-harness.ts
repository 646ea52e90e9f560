import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computePlan, runCycle, type CycleOutcome } from '../../../src/agent/index.js';
import { createApp, type App } from '../../../src/app/index.js';
import type { AuditRecord, DesiredState, Plan } from '../../../src/model/index.js';
import {
  createSandboxClock,
  defaultCatalog,
  startSandbox,
  type RunningSandbox,
  type SandboxSeed,
} from '../../../src/sandbox/index.js';
import { loadWorkspaceFiles, type LoadedWorkspace } from '../../support/in-process-agent.js';
import { type Clock } from '../../../src/support/index.js';

export const START = '2026-03-02T10:00:00.000Z';
export const MINUTE = 60_000;
export const DAY = 86_400_000;

/** Every change kind unattended, cancellations included (the soak's policy). */
const POLICY = [
  'autoApply: [purchase, register-azure-subscription, increase-quantity, decrease-quantity, schedule-decrease, set-autorenew, cancel]',
  'limits:',
  '  maxSeatIncrease: 100',
  '  maxNewPurchases: 20',
  '  maxCancellations: 20',
  '  maxShrinkingItems: 100%',
];

/**
 * A real sandbox in this process and the agent over it, in-process, sharing one virtual clock
 * (time moves only when a test moves it, or when the agent waits): `planIncremental` runs
 * `qm plan` with `refresh.mode: incremental` (recording snapshots and marks), `planFull` plans
 * the same instant with a full refresh and records nothing, so the two can be compared.
 */
export class RefreshHarness {
  readonly clock: Clock;
  /** The calls each `withApp` made, by `METHOD family`. */
  calls: Record<string, number> = {};
  /** What the last `planIncremental` reported as progress: (customers done, of total). */
  progress: [number, number][] = [];
  /** Audit records the agent does not get to see yet (records that land late). */
  hideAudit: ((record: AuditRecord) => boolean) | undefined;

  private constructor(
    readonly dir: string,
    readonly sandbox: RunningSandbox,
    private readonly refreshLines: readonly string[],
  ) {
    this.clock = {
      now: () => sandbox.clock.now(),
      sleep: (ms) => {
        sandbox.clock.advance(ms);
        return Promise.resolve();
      },
    };
  }

  /** `refresh` holds the YAML lines under `partnerCenter.refresh:`. */
  static async start(
    seed: SandboxSeed,
    specs: ReadonlyMap<string, string>,
    refresh: readonly string[] = ['mode: incremental', 'fullEvery: 60d', 'overlap: 15m'],
  ): Promise<RefreshHarness> {
    const dir = mkdtempSync(join(tmpdir(), 'qm-refresh-'));
    mkdirSync(join(dir, 'specs'));
    const sandbox = await startSandbox({ clock: createSandboxClock(START), seed });
    const harness = new RefreshHarness(dir, sandbox, refresh);
    harness.writeConfig();
    for (const [name, text] of specs) harness.writeSpec(name, text);
    return harness;
  }

  writeConfig(): void {
    writeFileSync(
      join(this.dir, 'agent.config.yaml'),
      [
        'specs: ./specs',
        'state: ./state/qm.db',
        'partnerCenter:',
        `  endpoint: ${this.sandbox.url}`,
        '  auth:',
        '    mode: none',
        '  concurrency: 4',
        // Batches of two: the full refresh it is compared with plans the estate in one batch.
        '  batchSize: 2',
        '  refresh:',
        ...this.refreshLines.map((l) => `    ${l}`),
        'policy:',
        ...POLICY.map((l) => `  ${l}`),
        '',
      ].join('\n'),
    );
  }

  writeSpec(name: string, text: string): void {
    writeFileSync(join(this.dir, 'specs', `${name}.yaml`), text);
  }

  /** A fresh App (as a fresh CLI run has) over the config, `full` turning incremental off. */
  async withApp<T>(fn: (app: App, desired: DesiredState) => Promise<T>, full = false): Promise<T> {
    const { config, desired } = this.load();
    const { refresh: _refresh, batchSize: _batchSize, ...partnerCenter } = config.partnerCenter;
    const app = await createApp(full ? { ...config, partnerCenter } : config, desired.customers, {
      env: {},
      clock: this.clock,
      onCall: (e) => {
        const kind = `${e.method} ${e.family}`;
        this.calls[kind] = (this.calls[kind] ?? 0) + 1;
      },
    });
    const hide = this.hideAudit;
    const pages = app.reads.auditRecordPages;
    const seen: App =
      hide === undefined
        ? app
        : {
            ...app,
            reads: {
              ...app.reads,
              auditRecordPages: async function* (query) {
                for await (const page of pages(query))
                  yield { ...page, records: page.records.filter((r) => !hide(r)) };
              },
            },
          };
    try {
      return await fn(seen, desired);
    } finally {
      await app.close();
    }
  }

  /** `qm plan` with incremental refresh: records snapshots, coverage and the mark. */
  planIncremental(): Promise<Plan> {
    this.progress = [];
    return this.withApp(async (app, desired) => {
      const outcome = await runCycle(app, desired, {
        command: 'plan',
        onProgress: (done, total) => this.progress.push([done, total]),
      });
      if (outcome.notRecorded !== undefined) throw new Error(outcome.notRecorded);
      return outcome.plan;
    });
  }

  /** The same instant planned with a full refresh, writing nothing to the state store. */
  planFull(): Promise<Plan> {
    return this.withApp(
      async (app, desired) => (await computePlan(app, desired, () => undefined)).plan,
      true,
    );
  }

  /** `qm apply --auto-approve` with incremental refresh. */
  apply(): Promise<CycleOutcome> {
    return this.withApp((app, desired) => runCycle(app, desired, { command: 'apply' }));
  }

  advance(ms: number): void {
    this.sandbox.clock.advance(ms);
  }

  async close(): Promise<void> {
    await this.sandbox.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private load(): LoadedWorkspace {
    return loadWorkspaceFiles({ dir: this.dir, configPath: join(this.dir, 'agent.config.yaml') });
  }
}

/**
 * What must not differ between an incremental plan and a full refresh's plan of the same
 * instant: actions (money aside: none is configured), blocked, unmanaged, drift, skipped
 * customers, and each customer's digests (a snapshot stands in only for an identical world).
 */
export function planView(plan: Plan): unknown {
  const digests = Object.fromEntries(
    Object.entries(plan.basis.customers).map(([id, b]) => [
      id,
      { spec: b.specDigest, observed: b.observedDigest, state: b.stateDigest },
    ]),
  );
  return {
    actions: plan.actions,
    blocked: plan.blocked,
    unmanaged: plan.unmanaged,
    drift: plan.drift ?? [],
    skipped: plan.summary.skippedCustomers ?? [],
    digests,
  };
}

export const PRODUCTS = ['CFQ7TTC0LH18', 'CFQ7TTC0LDPB', 'CFQ7TTC0LFLX'];
const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
export const customerIdOf = (c: number): string =>
  `${hex(c + 1, 8)}-0000-4000-8000-${hex(c + 1, 12)}`;
export const subscriptionIdOf = (c: number, i: number): string =>
  `${hex(c + 1, 8)}-${hex(i + 1, 4)}-4000-8000-${hex((c + 1) * 16 + i, 12)}`;

/**
 * `customers` US customers with two P1Y licences each (10 seats, bought 30 days ago: windows
 * closed, renewal months away), each adopted by id in a spec asking for `want(c, i)` seats.
 */
export function simpleEstate(
  customers: number,
  want: (c: number, i: number) => number = () => 10,
): { seed: SandboxSeed; specs: Map<string, string> } {
  const specs = new Map<string, string>();
  const seeded = Array.from({ length: customers }, (_, c) => {
    const items = [0, 1].map(
      (i) =>
        `  item-${i}: { product: ${PRODUCTS[i]}, sku: "0001", term: P1Y, billing: monthly, quantity: ${want(c, i)}, subscriptionId: ${subscriptionIdOf(c, i)} }`,
    );
    specs.set(
      `customer-${c}`,
      `version: 1\ncustomer:\n  id: ${customerIdOf(c)}\n  name: Customer ${c}\n  country: US\nsubscriptions:\n${items.join('\n')}\n`,
    );
    return {
      id: customerIdOf(c),
      name: `Customer ${c}`,
      country: 'US',
      subscriptions: [0, 1].map((i) => ({
        id: subscriptionIdOf(c, i),
        productId: PRODUCTS[i] ?? 'CFQ7TTC0LH18',
        skuId: '0001',
        termDuration: 'P1Y' as const,
        billingCycle: 'monthly',
        quantity: 10,
        purchasedDaysAgo: 30,
      })),
    };
  });
  return { seed: { catalog: defaultCatalog(), customers: seeded }, specs };
}
