import { createInterface } from 'node:readline/promises';
import type { CliIo } from './io.js';

/**
 * Asks `question` on the terminal and resolves true only for an explicit "yes" (Terraform's
 * rule: anything else, including an empty line, is no).
 */
export async function askYes(io: CliIo, question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} Only 'yes' will be accepted: `);
    return answer.trim().toLowerCase() === 'yes';
  } catch {
    io.err('no answer on standard input');
    return false;
  } finally {
    rl.close();
  }
}
