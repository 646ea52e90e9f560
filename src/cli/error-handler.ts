import { CommanderError } from 'commander';
import { PartnerCenterError, type ErrorKind } from '../partnercenter/index.js';
import { OperationalError } from '../support/index.js';
import { ExitCode } from './exit-codes.js';

/** What to do about a Partner Center failure that ended a command, by error kind. */
const PARTNER_CENTER_HINTS: Readonly<Partial<Record<ErrorKind, string>>> = {
  network:
    'Partner Center did not answer: check partnerCenter.endpoint in the config and the network.',
  timeout:
    'Partner Center did not answer in time: try again; check partnerCenter.endpoint if it persists.',
  unauthorized:
    'the token was refused: check partnerCenter.auth (tenant, client id, secret or token variable).',
  'app-only-not-supported':
    'this call needs an App+User token; use auth mode access-token with a delegated token.',
  throttled:
    'Partner Center is throttling this tenant: wait and run again, or lower partnerCenter.concurrency.',
  'server-error':
    'Partner Center failed on its side: run again later; nothing was assumed to have happened.',
};

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
  if (error instanceof PartnerCenterError) {
    const status = error.status === 0 ? 'no response' : `HTTP ${error.status}`;
    write(`error [${error.code}]: ${error.message} (${status}, MS-RequestId ${error.requestId})`);
    const hint = PARTNER_CENTER_HINTS[error.kind];
    if (hint !== undefined) write(`  ${hint}`);
    return ExitCode.error;
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
