import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDaemonLogger,
  runDaemonCycle,
  startDaemonRuntime,
  type CycleOutcome,
  type DaemonRuntime,
} from '../../src/agent/index.js';
import { createApp } from '../../src/app/index.js';
import { termEnd } from '../../src/planner/billing-cycle.js';
import {
  createSandboxClock,
  SEED_CUSTOMERS,
  startSandbox,
  type RunningSandbox,
} from '../../src/sandbox/index.js';
import { loadWorkspaceFiles, type LoadedWorkspace } from '../support/in-process-agent.js';
import { openStateStore, type RecordedNotice } from '../../src/state/index.js';
import { ManualClock } from '../../src/support/index.js';
import { desiredSource } from '../../src/model/index.js';

export const CONTOSO = SEED_CUSTOMERS.contoso;
/** Seeded: Business Premium, 20 seats, P1Y monthly, autorenew on, bought 200 days before. */
export const CONTOSO_BP = '3a1f9e8d-7c6b-4a5e-9d4c-3b2a1f0e9d8c';
export const DAY = 86_400_000;

/** A real HTTP receiver for the daemon's webhook: every JSON body it got. */
export interface HookReceiver {
  readonly url: string;
  readonly bodies: Record<string, unknown>[];
  /** Answer 500 to the next `n` POSTs (a webhook that is down). */
  failNext(n: number): void;
  close(): Promise<void>;
}

export async function startHookReceiver(): Promise<HookReceiver> {
  const bodies: Record<string, unknown>[] = [];
  let failing = 0;
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      if (failing > 0) {
        failing -= 1;
        res.writeHead(500).end();
        return;
      }
      bodies.push(JSON.parse(text) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    bodies,
    failNext: (n) => (failing = n),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The daemon in this process over a real sandbox and a real state file, with one injected
 * clock that the sandbox's follows: `restart()` starts a new daemon runtime (fresh in-memory
 * notice memory) over the same state file, as a restarted process would be.
 */
export class DaemonHarness {
  readonly logs: Record<string, unknown>[] = [];
  readonly clock: ManualClock;
  private runtime: DaemonRuntime | undefined;

  private constructor(
    readonly dir: string,
    readonly sandbox: RunningSandbox,
    readonly hook: HookReceiver,
    start: string,
  ) {
    this.clock = new ManualClock(start);
  }

  static async start(start = '2026-03-02T10:00:00Z'): Promise<DaemonHarness> {
    const dir = mkdtempSync(join(tmpdir(), 'qm-renewal-notices-'));
    mkdirSync(join(dir, 'specs'));
    const sandbox = await startSandbox({ clock: createSandboxClock(start) });
    const hook = await startHookReceiver();
    return new DaemonHarness(dir, sandbox, hook, start);
  }

  /** agent.config.yaml: pricing on the sandbox, the webhook, `policy` and `daemon` lines. */
  writeConfig(options: { autoApply?: string; daemon?: readonly string[] } = {}): void {
    writeFileSync(
      join(this.dir, 'agent.config.yaml'),
      [
        'specs: ./specs',
        'state: ./state/qm.db',
        'partnerCenter:',
        `  endpoint: ${this.sandbox.url}`,
        '  auth:',
        '    mode: none',
        '  pricing:',
        `    endpoint: ${this.sandbox.url}`,
        '    auth:',
        '      mode: none',
        'policy:',
        `  autoApply: [${options.autoApply ?? ''}]`,
        'daemon:',
        `  webhookUrl: ${this.hook.url}`,
        ...(options.daemon ?? []).map((line) => `  ${line}`),
        '',
      ].join('\n'),
    );
  }

  /** specs/contoso.yaml adopting the seeded Business Premium subscription as `bp`. */
  writeContoso(quantity = 20): void {
    writeFileSync(
      join(this.dir, 'specs', 'contoso.yaml'),
      [
        'version: 1',
        'customer:',
        `  id: ${CONTOSO}`,
        '  name: Contoso Ltd',
        '  country: US',
        'subscriptions:',
        '  bp:',
        '    product: CFQ7TTC0LCHC',
        '    sku: "0002"',
        '    term: P1Y',
        '    billing: monthly',
        `    quantity: ${quantity}`,
        `    subscriptionId: ${CONTOSO_BP}`,
        '',
      ].join('\n'),
    );
  }

  /** When the seeded subscription renews now (00:00 UTC after its commitmentEndDate). */
  renewsAt(): Date {
    const sub = this.sandbox.state.subscriptions(CONTOSO).find((s) => s.id === CONTOSO_BP);
    const at = termEnd(sub?.commitmentEndDate);
    if (at === undefined) throw new Error('the seeded subscription has no commitmentEndDate');
    return at;
  }

  /** Moves the agent's clock and the sandbox's to `instant` (never backwards). */
  moveTo(instant: Date): void {
    this.clock.set(instant);
    this.sandbox.clock.set(instant.toISOString());
  }

  /** One `qm run` tick as the CLI runs it: config and specs read, a fresh App, the cycle. */
  async tick(): Promise<CycleOutcome> {
    const { config, desired } = this.load();
    this.runtime ??= await startDaemonRuntime({
      config,
      clock: this.clock,
      logger: createDaemonLogger({
        level: 'info',
        destination: { write: (line: string) => void this.logs.push(JSON.parse(line)) },
      }),
    });
    const app = await createApp(config, desired.customers, {
      env: {},
      clock: this.clock,
      onCall: this.runtime.onCall,
    });
    try {
      return await runDaemonCycle(app, { source: desiredSource(desired) }, this.runtime);
    } finally {
      await app.close();
    }
  }

  /** Stops this daemon; the next tick starts a new one over the same state file. */
  async restart(): Promise<void> {
    await this.runtime?.close();
    this.runtime = undefined;
  }

  /** Webhook bodies and log lines of one event. */
  hooked(event: string): Record<string, unknown>[] {
    return this.hook.bodies.filter((b) => b['event'] === event);
  }

  logged(event: string): Record<string, unknown>[] {
    return this.logs.filter((l) => l['event'] === event);
  }

  /** The notices recorded in the state file (opened and closed again). */
  recorded(): RecordedNotice[] {
    const store = openStateStore(join(this.dir, 'state', 'qm.db'));
    try {
      return store.renewalNotices.list();
    } finally {
      store.close();
    }
  }

  async close(): Promise<void> {
    await this.runtime?.close();
    await this.sandbox.close();
    await this.hook.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private load(): LoadedWorkspace {
    return loadWorkspaceFiles({ dir: this.dir, configPath: join(this.dir, 'agent.config.yaml') });
  }
}
