import type { Command } from 'commander';
import { readPlanFile, readStoredPlan } from '../../agent/index.js';
import { loadConfig } from '../../config/index.js';
import type { Plan } from '../../model/index.js';
import { hasErrors } from '../../support/index.js';
import type { CliIo } from '../io.js';
import type { CommandContext, CommandRegistrar } from '../main.js';
import { renderPlanHuman, renderPlanJson, renderPlanMarkdown } from '../render/index.js';
import { specFileShown } from '../spec-errors.js';
import { UserError } from '../user-error.js';
import { SHARD_HELP } from './shard-option.js';
import { loadStateConfig, openStateForReading } from './state-store-access.js';

interface ShowOptions {
  config?: string;
  planId?: string;
  json?: boolean;
  markdown?: boolean;
  shard?: string;
}

/**
 * `qm show PLANFILE` / `qm show --plan-id ID`: renders a saved plan — a file from
 * `qm plan --out`, or a plan the daemon saved for review in the state store — as `qm plan`
 * would (human, `--json`, `--markdown`). The argument is always a file; a stored plan is named
 * only by `--plan-id`. Never touches Partner Center; the state store is opened read-only.
 */
export const registerShow: CommandRegistrar = (program: Command, ctx: CommandContext) => {
  program
    .command('show')
    .description('render a saved plan (a file, or --plan-id from the state store), as plan would')
    .argument('[planfile]', 'a plan saved by `qm plan --out`')
    .option('--plan-id <id>', 'a plan awaiting review in the state store (`qm status` lists them)')
    .option('--json', 'print the plan as JSON (formatVersion 2, as `qm plan --json`)')
    .option('--markdown', 'print the plan as a pull-request comment (as `qm plan --markdown`)')
    .option('--shard <i/n>', `with --plan-id: ${SHARD_HELP}`)
    .action((planFile: string | undefined, _o: unknown, command: Command) => {
      const opts = command.optsWithGlobals<ShowOptions>();
      if (opts.json === true && opts.markdown === true) {
        throw new UserError(
          'invalid-argument',
          '--json and --markdown choose different outputs; pick one',
        );
      }
      const { plan, specsDir } = readShownPlan(ctx.io, planFile, opts);
      ctx.io.out(
        opts.json === true
          ? renderPlanJson(plan)
          : opts.markdown === true
            ? renderPlanMarkdown(
                plan,
                specsDir === undefined ? {} : { specFile: specFileShown(specsDir, ctx.io.cwd) },
              )
            : renderPlanHuman(plan, {
                color: ctx.io.isTty && ctx.io.env['NO_COLOR'] === undefined,
                ...(specsDir === undefined
                  ? {}
                  : { specFile: specFileShown(specsDir, ctx.io.cwd) }),
              }),
      );
    });
};

/**
 * The plan to show and the specs folder its spec paths are relative to. A file needs no
 * config: when none loads cleanly, spec paths are shown as the plan records them.
 */
function readShownPlan(
  io: CliIo,
  planFile: string | undefined,
  opts: ShowOptions,
): { plan: Plan; specsDir?: string } {
  if (planFile !== undefined && opts.planId !== undefined)
    throw new UserError('invalid-argument', 'give a plan file or --plan-id, not both');
  if (opts.planId !== undefined) {
    const config = loadStateConfig(io, opts.config, opts.shard);
    return { plan: readAwaitingPlan(io, config.state, opts.planId), specsDir: config.specs };
  }
  if (planFile === undefined)
    throw new UserError(
      'invalid-argument',
      'name a plan: `qm show FILE` (saved by `qm plan --out FILE`) or `qm show --plan-id ID` (`qm status` lists the plans awaiting review)',
    );
  if (opts.shard !== undefined)
    throw new UserError('invalid-argument', '--shard chooses a state file: use it with --plan-id');
  const plan = readPlanFile(planFile);
  const loaded = loadConfig({
    ...(opts.config === undefined ? {} : { flagPath: opts.config }),
    env: io.env,
    cwd: io.cwd,
  });
  return hasErrors(loaded.diagnostics) ? { plan } : { plan, specsDir: loaded.config.specs };
}

/**
 * Reads a plan awaiting review from the state store at `statePath`, opened read-only.
 * @throws OperationalError `plan-not-found` (the message says how to list them), or a shape error
 */
export function readAwaitingPlan(io: CliIo, statePath: string, id: string): Plan {
  const store = openStateForReading(io, statePath);
  try {
    return readStoredPlan(store.plans, id);
  } finally {
    store.close();
  }
}
