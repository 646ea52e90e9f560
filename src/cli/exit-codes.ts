/** Process exit codes of README.md. */
export const ExitCode = {
  /** Success, or no changes. */
  ok: 0,
  /** Error: bad input, unreachable endpoint, stale plan refused, lease held. */
  error: 1,
  /** `plan --detailed-exitcode`: at least one action (blocked items alone do not count). */
  changes: 2,
  /** `apply` finished with at least one failed action. */
  applyFailed: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
