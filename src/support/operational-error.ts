/**
 * Base of every thrown (operational) error: a stable machine `code` that callers branch on,
 * a human message that says what to do, and the `cause` it wraps. User-input problems are
 * not thrown; they are `Diagnostic`s.
 */
export class OperationalError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OperationalError';
  }
}
