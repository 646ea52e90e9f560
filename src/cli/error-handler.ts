import { CommanderError } from 'commander';
import { OperationalError } from '../support/index.js';
import { ExitCode } from './exit-codes.js';

/**
 * The single top-level error handler: turns anything a command threw into one message on
 * stderr and an exit code. Operational errors print their code and message (and the cause's
 * message); unexpected errors print the stack, since they are bugs.
 */
export function renderError(error: unknown, write: (line: string) => void): ExitCode {
  if (error instanceof CommanderError) {
    // Commander already printed usage errors; --help and --version exit 0.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.error;
  }
  if (error instanceof OperationalError) {
    write(`error [${error.code}]: ${error.message}`);
    let cause: unknown = error.cause;
    while (cause instanceof Error) {
      write(`  caused by: ${cause.message}`);
      cause = cause.cause;
    }
    return ExitCode.error;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  write(`internal error (please report it): ${text}`);
  return ExitCode.error;
}
