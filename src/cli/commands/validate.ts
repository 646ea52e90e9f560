import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import type { DesiredCustomer } from '../../model/index.js';
import { loadSpecs } from '../../spec/index.js';
import {
  formatDiagnostic,
  hasErrors,
  sortDiagnostics,
  type Diagnostic,
} from '../../support/index.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandContext, CommandRegistrar } from '../main.js';

/** `--json` output of `qm validate`. */
export interface ValidateReport {
  readonly formatVersion: 1;
  readonly ok: boolean;
  readonly config: string | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly customers: readonly {
    readonly id: string;
    readonly name: string;
    readonly country: string;
    readonly subscriptions: number;
    readonly purchases: number;
    readonly file: string;
  }[];
}

/**
 * `qm validate`: loads the config and every spec, with no network. Prints every diagnostic
 * (`file:line:col: message (at path)`, paths relative to cwd) on stderr; when clean, one line
 * per customer on stdout and exit 0; any error → exit 1.
 */
export const registerValidate: CommandRegistrar = (program: Command, ctx: CommandContext) => {
  program
    .command('validate')
    .description('check the config and every spec file (no network)')
    .option('--json', 'print a JSON report (formatVersion 1) on stdout')
    .action((_options: unknown, command: Command) => {
      const opts = command.optsWithGlobals<{ config?: string; json?: boolean }>();
      runValidate(ctx, opts);
    });
};

function runValidate(ctx: CommandContext, opts: { config?: string; json?: boolean }): void {
  const { io } = ctx;
  const loaded = loadConfig({
    ...(opts.config === undefined ? {} : { flagPath: opts.config }),
    env: io.env,
    cwd: io.cwd,
  });
  const specs = loadSpecs(loaded.config.specs, { cwd: io.cwd });
  const shown = (file: string): string =>
    file.startsWith('$') || file.startsWith('--') ? file : relative(io.cwd, file) || '.';
  const diagnostics = sortDiagnostics(
    [...loaded.diagnostics, ...specs.diagnostics].map((d) => ({ ...d, file: shown(d.file) })),
  );
  const failed = hasErrors(diagnostics);
  const customers = failed
    ? []
    : specs.desired.customers.map((c) => summarise(c, loaded.config.specs, shown));
  ctx.setExitCode(failed ? ExitCode.error : ExitCode.ok);

  if (opts.json === true) {
    const report: ValidateReport = {
      formatVersion: 1,
      ok: !failed,
      config: loaded.config.file === undefined ? null : shown(loaded.config.file),
      diagnostics,
      customers,
    };
    io.out(JSON.stringify(report, null, 2));
    return;
  }
  for (const d of diagnostics) io.err(formatDiagnostic(d));
  if (failed) {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    io.err(`validation failed: ${errors} error${errors === 1 ? '' : 's'}`);
    return;
  }
  for (const c of customers) {
    io.out(
      `${c.name} (${c.id}, ${c.country}): ${plural(c.subscriptions, 'subscription')}, ${plural(c.purchases, 'purchase')} in ${c.file}`,
    );
  }
}

function summarise(
  c: DesiredCustomer,
  specsDir: string,
  shown: (file: string) => string,
): ValidateReport['customers'][number] {
  return {
    id: c.id,
    name: c.name,
    country: c.country,
    subscriptions: c.subscriptions.length,
    purchases: c.purchases.length,
    file: shown(join(specsDir, c.file)),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
