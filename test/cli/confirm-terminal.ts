import { spawn } from 'node:child_process';
import { QM } from '../e2e/harness.js';

export interface ShellResult {
  readonly code: number | null;
  /** What the terminal (or the pipe) showed: stdout, and on a terminal stderr too. */
  readonly out: string;
  readonly err: string;
}

/** The prompt `askYes` writes (src/cli/confirm.ts). */
export const PROMPT = "Only 'yes' will be accepted";

/** `node bin/qm.js ARGS` as a shell word list (the test paths hold no quotes). */
export function qmCommand(...args: string[]): string {
  return [process.execPath, QM, ...args].map((a) => `'${a}'`).join(' ');
}

/** The parent's environment without QM_* settings and without NO_COLOR (colour is under test). */
export function shellEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { SHELL: '/bin/bash' };
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('QM_') && name !== 'NO_COLOR' && name !== 'NODE_OPTIONS')
      env[name] = value;
  }
  return { ...env, ...extra };
}

/**
 * Runs a bash command line (`set -o pipefail` first, so a pipeline exits with qm's code) in
 * `dir`. On a terminal (`terminal: true`) it runs under `script`, which gives it a
 * pseudo-terminal as standard input, output and error; `answer` is then typed once the
 * confirmation prompt shows. Asynchronous: the sandbox serves from this process.
 */
export function runShell(
  dir: string,
  command: string,
  options: {
    readonly terminal?: boolean;
    readonly answer?: string;
    readonly env?: NodeJS.ProcessEnv;
  } = {},
): Promise<ShellResult> {
  const line = `set -o pipefail; ${command}`;
  const child =
    options.terminal === true
      ? spawn('script', ['-qec', line, '/dev/null'], { cwd: dir, env: options.env ?? shellEnv() })
      : spawn('bash', ['-c', line], { cwd: dir, env: options.env ?? shellEnv() });
  let out = '';
  let err = '';
  let answered = false;
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (options.answer !== undefined && !answered && out.includes(PROMPT)) {
      answered = true;
      child.stdin.write(`${options.answer}\n`);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  // A prompt that never shows must not hang the suite: the child is killed, the test fails.
  const watchdog = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(watchdog);
      child.stdin.destroy();
      resolve({ code, out, err });
    });
  });
}

/** The text without ANSI escapes and carriage returns (a terminal's `\r\n`). */
export function plain(text: string): string {
  return text
    .replaceAll(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g'), '')
    .replaceAll('\r', '');
}
