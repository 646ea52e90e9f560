import { OperationalError } from '../support/index.js';

/**
 * An error the CLI reports as a single clear message (no stack trace) with exit code 1.
 * Thrown by commands for bad arguments and refused operations.
 */
export class UserError extends OperationalError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'UserError';
  }
}
