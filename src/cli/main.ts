import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { renderError } from './error-handler.js';
import { ExitCode } from './exit-codes.js';
import { processIo, type CliIo } from './io.js';
import { COMMANDS } from './commands/index.js';

/**
 * cli/ — the `qm` command line: argument parsing, rendering, exit codes.
 *
 * May import: every layer below it (agent, app, …). Nothing imports cli/.
 * Invariant: one top-level handler (`renderError`) maps every failure to an exit code.
 */

/** Each command registers itself on the program; `run` sets the exit code it ends with. */
export interface CommandContext {
  readonly io: CliIo;
  setExitCode(code: ExitCode): void;
}

export type CommandRegistrar = (program: Command, ctx: CommandContext) => void;

function readVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

/** Builds the commander program with every command registered. */
export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('qm')
    .description('Quartermaster: GitOps for Microsoft Partner Center purchases.')
    .version(readVersion(), '-V, --version')
    .option('-c, --config <file>', 'agent config file (env QM_CONFIG)', undefined)
    .showHelpAfterError('(run qm --help for usage)')
    .configureOutput({ writeOut: ctx.io.out, writeErr: ctx.io.err })
    .exitOverride();
  program.enablePositionalOptions(false);
  for (const register of COMMANDS) register(program, ctx);
  return program;
}

/** Runs `qm` with `argv` (without node and script) and resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode: ExitCode = ExitCode.ok;
  const ctx: CommandContext = { io, setExitCode: (code) => (exitCode = code) };
  try {
    await buildProgram(ctx).parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return renderError(error, io.err);
  }
}
