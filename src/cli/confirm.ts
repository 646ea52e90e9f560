import { createInterface } from 'node:readline/promises';
import type { CliIo } from './io.js';

/**
 * Asks `question` and resolves true only for an explicit "yes" (Terraform's rule: anything else,
 * including an empty line or the end of input, is no). Reads standard input and writes the
 * question on standard error, so `qm apply | tee log` asks on the terminal while the plan goes
 * to the pipe; callers check `io.stdinIsTty` first.
 */
export async function askYes(io: CliIo, question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  // The end of input (Ctrl-D, a closed pipe) closes the interface without an answer.
  const closed = new Promise<undefined>((resolve) => rl.once('close', () => resolve(undefined)));
  try {
    const answer = await Promise.race([
      rl.question(`${question} Only 'yes' will be accepted: `),
      closed,
    ]);
    if (answer === undefined) {
      io.err('no answer on standard input');
      return false;
    }
    return answer.trim().toLowerCase() === 'yes';
  } catch {
    io.err('no answer on standard input');
    return false;
  } finally {
    rl.close();
  }
}
