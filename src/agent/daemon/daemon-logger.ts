import pino, { type DestinationStream, type Logger } from 'pino';
import type { CallEvent } from '../../partnercenter/index.js';

export type DaemonLogger = Logger;

/** pino levels accepted by `QM_LOG_LEVEL`. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/**
 * Structured JSON logs for `qm run` (one object per line, ISO time, `name: quartermaster`).
 * They go to stderr by default so stdout keeps the human report; a log shipper reads either.
 * Writes are synchronous so nothing is lost when the process exits on a signal.
 * @param level one of LOG_LEVELS; anything else falls back to `info`
 */
export function createDaemonLogger(
  options: { readonly level?: string; readonly destination?: DestinationStream } = {},
): DaemonLogger {
  const level = (LOG_LEVELS as readonly string[]).includes(options.level ?? '')
    ? (options.level as string)
    : 'info';
  return pino(
    {
      name: 'quartermaster',
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
}

/**
 * Logs one Partner Center HTTP attempt with the ids support asks for: `MS-RequestId` (the same
 * on every retry of a call) and `MS-CorrelationId` (one per attempt). Successes log at debug,
 * failures at warn (429s included, with the route family, so throttling is visible).
 */
export function logCall(logger: DaemonLogger, event: CallEvent): void {
  const fields = {
    event: 'api-call',
    method: event.method,
    family: event.family,
    path: event.path,
    status: event.status,
    ...(event.code === undefined ? {} : { code: event.code }),
    requestId: event.requestId,
    correlationId: event.correlationId,
    attempt: event.attempt,
    ms: event.ms,
  };
  if (event.status >= 200 && event.status < 300)
    logger.debug(fields, `${event.method} ${event.path} ${event.status}`);
  else
    logger.warn(
      fields,
      `${event.method} ${event.path} failed: ${event.status}${event.code === undefined ? '' : ` ${event.code}`}`,
    );
}
