import type { Diagnostic } from '../support/index.js';

/** One setting as found: its value and where it came from (for diagnostics and path bases). */
export interface Setting {
  readonly value: unknown;
  /** Where the value came from, for diagnostics. */
  readonly at: { readonly file: string; readonly line: number; readonly col: number };
  readonly path: string;
  /** Folder a relative path in this value resolves against. */
  readonly base: string;
  /** True for a value from the config file (the schema has already judged its type). */
  readonly fromFile: boolean;
}

/** Looks a setting up by path, with its env var and flag value: flag > env > file. */
export type Get = (
  path: readonly string[],
  envName?: string,
  flag?: unknown,
) => Setting | undefined;
export type Problem = (
  s: Setting | undefined,
  message: string,
  severity?: Diagnostic['severity'],
) => void;
