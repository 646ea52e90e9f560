import { OperationalError } from '../support/index.js';

/**
 * The config file named by `--config` or `QM_CONFIG` is missing or unreadable. Thrown (not a
 * diagnostic) because there is no line to point at; the message names the path and what to do.
 * Codes: `config-not-found`, `config-unreadable`.
 */
export class ConfigFileError extends OperationalError {
  constructor(
    code: 'config-not-found' | 'config-unreadable',
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.name = 'ConfigFileError';
  }
}
