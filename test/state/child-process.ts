import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A TypeScript child under `node --import tsx`, with its stdout split into lines. */
export interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  readonly lines: string[];
  /** Resolves with the first line (from the start) matching `test`. */
  waitForLine(test: (line: string) => boolean): Promise<string>;
  /** Resolves when the process has exited (code or signal). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** Spawns `test/state/children/<script>` with `args`. No dist/ build needed. */
export function spawnChild(script: string, args: readonly string[]): Child {
  const file = fileURLToPath(new URL(`./children/${script}`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: 'pipe' });
  const lines: string[] = [];
  let partial = '';
  let errText = '';
  const waiters: { test: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((x) => x.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errText += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    lines,
    exited,
    stderr: () => errText,
    waitForLine: (test) => {
      const seen = lines.find(test);
      if (seen !== undefined) return Promise.resolve(seen);
      return Promise.race([
        new Promise<string>((resolve) => waiters.push({ test, resolve })),
        exited.then(({ code, signal }) => {
          throw new Error(`child exited (${code ?? signal}) before the expected line; stderr:\n${errText}`);
        }),
      ]);
    },
  };
}
