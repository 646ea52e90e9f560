import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStateStore, type StateStore } from '../../src/state/index.js';

/** The built CLI (`npm run test:chaos` builds dist/ first). */
export const QM_BIN = resolve(import.meta.dirname, '../../bin/qm.js');

export interface QmResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A started `qm` child: its output so far, and a promise of its end. */
export interface QmChild {
  readonly child: ChildProcess;
  readonly done: Promise<QmResult>;
}

export interface WorkspaceConfig {
  /** `partnerCenter.endpoint`: a sandbox (or proxy) URL. */
  readonly endpoint: string;
  /** YAML lines under `partnerCenter.auth:`. @default ['mode: none'] */
  readonly auth?: readonly string[];
  /** @default 4 */
  readonly concurrency?: number;
  /** YAML lines under `policy:`. @default every kind auto-applied, generous limits */
  readonly policy?: readonly string[];
}

const EVERY_KIND = [
  'autoApply: [purchase, register-azure-subscription, increase-quantity, decrease-quantity, schedule-decrease, set-autorenew]',
  'limits:',
  '  maxSeatIncrease: 100',
  '  maxNewPurchases: 10',
  '  maxShrinkingItems: 100%',
];

/**
 * A temp folder holding `agent.config.yaml`, `specs/` and `state/`, driven by the built CLI as
 * a child process: the agent under test is a real process the suite can SIGKILL.
 */
export class QmWorkspace {
  readonly dir: string;
  readonly statePath: string;

  constructor(prefix = 'qm-chaos-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    mkdirSync(join(this.dir, 'specs'));
    this.statePath = join(this.dir, 'state', 'qm.db');
  }

  get configPath(): string {
    return join(this.dir, 'agent.config.yaml');
  }

  writeConfig(config: WorkspaceConfig, file = 'agent.config.yaml'): string {
    const path = join(this.dir, file);
    writeFileSync(
      path,
      [
        'specs: ./specs',
        'state: ./state/qm.db',
        'partnerCenter:',
        `  endpoint: ${config.endpoint}`,
        '  auth:',
        ...(config.auth ?? ['mode: none']).map((l) => `    ${l}`),
        `  concurrency: ${config.concurrency ?? 4}`,
        'policy:',
        ...(config.policy ?? EVERY_KIND).map((l) => `  ${l}`),
        '',
      ].join('\n'),
    );
    return path;
  }

  writeSpec(name: string, yaml: string): void {
    writeFileSync(join(this.dir, 'specs', `${name}.yaml`), yaml);
  }

  /** Starts `qm ...args` in the workspace with a clean environment plus `env`. */
  start(args: readonly string[], env: Readonly<Record<string, string>> = {}): QmChild {
    const child = spawn(process.execPath, [QM_BIN, ...args], {
      cwd: this.dir,
      env: { ...cleanEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const done = new Promise<QmResult>((resolvePromise, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
    });
    return { child, done };
  }

  /** Runs `qm ...args` to completion. */
  run(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<QmResult> {
    return this.start(args, env).done;
  }

  /** Opens the agent's state store (close it before the next CLI run). */
  openState(): StateStore {
    return openStateStore(this.statePath);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The parent's environment without QM_* settings, so only the workspace config applies. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('QM_') && key !== 'NODE_OPTIONS') env[key] = value;
  }
  env['NO_COLOR'] = '1';
  env['CI'] = 'true';
  return env;
}
