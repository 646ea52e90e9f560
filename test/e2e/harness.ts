import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  startSandbox,
  SEED_CUSTOMERS,
  type RunningSandbox,
  type SandboxOptions,
} from '../../src/sandbox/index.js';
import { openStateStore, type StateStore } from '../../src/state/index.js';

/** The built CLI: `npm test` builds dist/ first. */
export const QM = resolve(import.meta.dirname, '../../bin/qm.js');
export const CONTOSO = SEED_CUSTOMERS.contoso;
/** Seeded: Business Premium, 20 seats, P1Y monthly, bought 200 days ago (windows closed). */
export const CONTOSO_BP = '3a1f9e8d-7c6b-4a5e-9d4c-3b2a1f0e9d8c';
export const CONTOSO_AZURE_PLAN = '8e7c0d2b-5a4f-4e3d-9c1b-2a0f6e5d4c3b';

/** A spec item for Exchange Online Plan 1 (P1M, monthly): the e2e tests' plain NCE licence. */
export function exchangeItem(key = 'exchange', quantity = 10): string {
  return `${key}:\n  product: CFQ7TTC0LH16\n  sku: "0001"\n  term: P1M\n  billing: monthly\n  quantity: ${quantity}`;
}

export interface QmResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * One end-to-end workspace: a real sandbox HTTP server in this process (time = wall clock, as
 * the CLI's), a temp folder with specs/ and agent.config.yaml pointing at it, and the built CLI
 * run as a child process there.
 */
export class E2e {
  private constructor(
    readonly dir: string,
    readonly sandbox: RunningSandbox,
  ) {}

  static async start(options: SandboxOptions = {}): Promise<E2e> {
    const dir = mkdtempSync(join(tmpdir(), 'qm-e2e-'));
    mkdirSync(join(dir, 'specs'));
    const sandbox = await startSandbox({ dbPath: ':memory:', ...options });
    const e2e = new E2e(dir, sandbox);
    e2e.writeConfig();
    return e2e;
  }

  /**
   * Writes agent.config.yaml; `policy` is YAML placed under `policy:`; `priced` adds
   * `partnerCenter.pricing` on the same sandbox (docs/pricing.md).
   */
  writeConfig(
    policy = 'autoApply: [purchase, register-azure-subscription, increase-quantity, decrease-quantity, schedule-decrease, set-autorenew]',
    priced = false,
  ): void {
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
        ...(priced
          ? ['  pricing:', `    endpoint: ${this.sandbox.url}`, '    auth:', '      mode: none']
          : []),
        'policy:',
        ...policy.split('\n').map((line) => `  ${line}`),
        '',
      ].join('\n'),
    );
  }

  /** Writes specs/<name>.yaml for the seeded Contoso customer with these items (YAML). */
  writeContoso(subscriptions: string, purchases = '{}'): void {
    this.writeSpec(
      'contoso',
      `version: 1\ncustomer:\n  id: ${CONTOSO}\n  name: Contoso Ltd\n  country: US\nsubscriptions:${indentBlock(subscriptions)}\npurchases:${indentBlock(purchases)}\n`,
    );
  }

  writeSpec(name: string, yaml: string): void {
    writeFileSync(join(this.dir, 'specs', `${name}.yaml`), yaml);
  }

  /** Runs `qm ...args` to completion. */
  qm(...args: string[]): Promise<QmResult> {
    const child = this.spawnQm(args);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolvePromise, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    });
  }

  /** Starts `qm ...args` without waiting (crash tests kill it). */
  spawnQm(args: readonly string[]): ChildProcess {
    return spawn(process.execPath, [QM, ...args], {
      cwd: this.dir,
      env: cliEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /** Opens the CLI's state store (close it before the next CLI run writes). */
  state(): StateStore {
    return openStateStore(join(this.dir, 'state', 'qm.db'));
  }

  /** Live (non-deleted) subscriptions of Contoso for a product, as the sandbox holds them. */
  subscriptionsOf(productId: string): ReturnType<RunningSandbox['state']['subscriptions']> {
    return this.sandbox.state.subscriptions(CONTOSO).filter((s) => s.productId === productId);
  }

  async close(): Promise<void> {
    await this.sandbox.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function indentBlock(yaml: string): string {
  const trimmed = yaml.trim();
  if (trimmed === '{}' || trimmed === '') return ' {}';
  return `\n${trimmed
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n')}`;
}

/** The parent's environment without QM_* settings, so only the workspace config applies. */
function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1' };
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('QM_')) env[name] = value;
  }
  return env;
}
