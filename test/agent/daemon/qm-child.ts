import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The built CLI: `npm test` builds dist/ first. */
export const QM = resolve(import.meta.dirname, '../../../bin/qm.js');

/** A temp workspace (config, specs/, state/) for the built CLI. Remove with `remove()`. */
export function makeWorkspace(prefix: string): {
  dir: string;
  write(path: string, text: string): void;
  remove(): void;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'specs'));
  return {
    dir,
    write: (path, text) => writeFileSync(join(dir, path), text),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The parent's environment without QM_* settings, so only the workspace config applies. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1' };
  for (const [name, value] of Object.entries(process.env))
    if (!name.startsWith('QM_')) env[name] = value;
  return { ...env, ...extra };
}

/** A running `qm` child with its output so far and its JSON log lines (stderr). */
export interface QmChild {
  readonly child: ChildProcess;
  stdout: string;
  stderr: string;
  /** Parsed JSON lines from stderr (pino). */
  readonly logs: Record<string, unknown>[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnQm(
  cwd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = cliEnv(),
): QmChild {
  const child = spawn(process.execPath, [QM, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const result: QmChild = {
    child,
    stdout: '',
    stderr: '',
    logs: [],
    exited: new Promise((resolvePromise) =>
      child.on('close', (code, signal) => resolvePromise({ code, signal })),
    ),
  };
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => (result.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    result.stderr += text;
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      try {
        result.logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
  });
  return result;
}

/** Runs `qm` to completion. */
export async function runQm(
  cwd: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnQm(cwd, args, env);
  const { code } = await child.exited;
  return { code, stdout: child.stdout, stderr: child.stderr };
}

/**
 * Polls `check` until it returns a value (not undefined) or `timeoutMs` of wall time pass. This
 * waits for a child process to reach a state, never for logic inside the test.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${what}${lastError === undefined ? '' : `: ${lastError instanceof Error ? lastError.message : JSON.stringify(lastError)}`}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Reads one sample of a Prometheus text exposition: `name{labels} value`, labels in any order. */
export function sample(
  metrics: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of metrics.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (match?.[1] !== name) continue;
    const found: Record<string, string> = {};
    for (const m of (match[2] ?? '').matchAll(/([a-zA-Z_]+)="([^"]*)"/g))
      found[m[1] ?? ''] = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}
