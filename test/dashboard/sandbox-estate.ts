import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStateStore } from '../../src/state/index.js';
import { untilReady } from './chromium.js';

const ROOT = resolve(import.meta.dirname, '../..');
const QM = join(ROOT, 'bin', 'qm.js');
export const CONTOSO_ID = '6f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11';

export interface QmRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The shipped example estate after `npm start` (`qm run --once` on the embedded sandbox), then
 * one change held for review: Contoso's Business Premium raised 25 → 30 in git while the config
 * no longer lets the daemon apply seat increases, so a second `qm run --once` saves a plan
 * awaiting review. Then `qm run` — the daemon, with `daemon.dashboardPort: 0` and a schedule
 * that does not tick during a test — serves the dashboard.
 */
export class SandboxEstate {
  readonly dir = mkdtempSync(join(tmpdir(), 'qm-dash-estate-'));
  private daemon: ChildProcess | undefined;

  constructor() {
    cpSync(join(ROOT, 'specs'), join(this.dir, 'specs'), { recursive: true });
    cpSync(join(ROOT, 'agent.config.yaml'), join(this.dir, 'agent.config.yaml'));
  }

  run(...args: string[]): Promise<QmRun> {
    const child = this.spawn(args);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    return new Promise((done, reject) => {
      child.on('error', reject);
      child.on('close', (code) => done({ code, stdout, stderr }));
    });
  }

  /** `npm start`, the change held for review, and its plan saved. Returns the plan's id. */
  async prepare(): Promise<string> {
    const first = await this.run('run', '--once');
    if (first.code !== 0) throw new Error(`npm start failed: ${first.stderr}`);
    this.edit('specs/contoso.yaml', (t) => t.replace('quantity: 25', 'quantity: 30'));
    this.edit('agent.config.yaml', (t) =>
      t
        .replace('    - increase-quantity\n', '')
        .replace('schedule: "*/30 * * * *"', 'schedule: "0 0 1 1 *"')
        .concat('daemon:\n  dashboardPort: 0\n'),
    );
    const second = await this.run('run', '--once');
    if (second.code !== 0) throw new Error(`the review run failed: ${second.stderr}`);
    const store = openStateStore(join(this.dir, 'state', 'quartermaster.db'));
    try {
      const plan = store.plans.latest();
      if (plan === undefined) throw new Error('no plan was saved for review');
      return plan.id;
    } finally {
      store.close();
    }
  }

  /** Starts `qm run` and resolves with the dashboard's URL once its first view is built. */
  startDaemon(): Promise<string> {
    const child = this.spawn(['run']);
    this.daemon = child;
    let stderr = '';
    let listening = false;
    return new Promise((done, reject) => {
      child.stderr?.on('data', (c: Buffer) => {
        stderr += c.toString();
        const url = /serving the dashboard on (http:\/\/\S+)/.exec(stderr)?.[1];
        if (url !== undefined && !listening) {
          listening = true;
          untilReady(url).then(() => done(url), reject);
        }
      });
      child.on('close', (code) => reject(new Error(`qm run exited ${code}: ${stderr}`)));
    });
  }

  async close(): Promise<void> {
    const daemon = this.daemon;
    if (daemon !== undefined && daemon.exitCode === null) {
      const closed = new Promise((done) => daemon.once('close', done));
      daemon.kill('SIGTERM');
      await closed;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private edit(file: string, change: (text: string) => string): void {
    const path = join(this.dir, file);
    const before = readFileSync(path, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`${file}: the edit changed nothing`);
    writeFileSync(path, after);
  }

  private spawn(args: readonly string[]): ChildProcess {
    const env: NodeJS.ProcessEnv = { NO_COLOR: '1' };
    for (const [name, value] of Object.entries(process.env))
      if (!name.startsWith('QM_')) env[name] = value;
    return spawn(process.execPath, [QM, ...args], {
      cwd: this.dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
}
