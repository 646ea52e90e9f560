/** Where a command writes. Injected so tests can capture output without a child process. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /**
   * True when standard output is a terminal: colours and progress. Not for prompts — `qm apply |
   * tee log` on a terminal still asks (see `stdinIsTty`).
   */
  readonly isTty: boolean;
  /** True when standard input is a terminal: a confirmation can be asked and answered there. */
  readonly stdinIsTty: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export const processIo: CliIo = {
  out: (text) => writeLine(process.stdout, text),
  err: (text) => writeLine(process.stderr, text),
  isTty: process.stdout.isTTY,
  stdinIsTty: process.stdin.isTTY,
  env: process.env,
  cwd: process.cwd(),
};

const guarded = new WeakSet<NodeJS.WriteStream>();
const gone = new WeakSet<NodeJS.WriteStream>();

/**
 * Writes one line. When the stream's reader has gone away (EPIPE: `qm status | head -1`), the
 * rest of the output is dropped and the command finishes as it would have, exit code included:
 * a reader that stopped listening is not a failure, and an apply is never cut short by it.
 * Any other stream error still surfaces.
 */
function writeLine(stream: NodeJS.WriteStream, text: string): void {
  if (!guarded.has(stream)) {
    guarded.add(stream);
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      gone.add(stream);
    });
  }
  if (gone.has(stream)) return;
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}
