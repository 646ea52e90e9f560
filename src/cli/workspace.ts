import { relative } from 'node:path';
import { assertShardLayout, type Shard } from '../agent/index.js';
import { createApp, type App, type AppOptions } from '../app/index.js';
import { loadConfig, type AgentConfig } from '../config/index.js';
import { desiredSource, type DesiredSource, type DesiredState } from '../model/index.js';
import { loadSpecs, openSpecSource } from '../spec/index.js';
import { formatDiagnostic, hasErrors, sortDiagnostics, type Diagnostic } from '../support/index.js';
import type { CliIo } from './io.js';
import { UserError } from './user-error.js';

export interface Workspace {
  readonly config: AgentConfig;
  /**
   * Every valid customer's spec. In a streamed workspace it is inflated from `source` on first
   * use only: a whole-estate plan, apply or run never needs it (docs/scale.md "Flat memory").
   */
  readonly desired: DesiredState;
  /** The same customers as a source the cycle reads in batches. */
  readonly source: DesiredSource;
}

/**
 * Loads the config and every spec, as `qm validate` does. Any error diagnostic is printed
 * (`file:line:col: message`) and the command stops with exit 1 before any network call: bad
 * input never reaches Partner Center (fail closed).
 * @throws UserError `invalid-input`
 */
export function loadWorkspace(
  io: CliIo,
  configFlag: string | undefined,
  options: { readonly streamed?: boolean } = {},
): Workspace {
  const loaded = loadConfig({
    ...(configFlag === undefined ? {} : { flagPath: configFlag }),
    env: io.env,
    cwd: io.cwd,
  });
  const specs = hasErrors(loaded.diagnostics)
    ? undefined
    : options.streamed === true
      ? streamedSpecs(loaded.config.specs, io.cwd)
      : wholeSpecs(loaded.config.specs, io.cwd);
  const diagnostics = sortDiagnostics([...loaded.diagnostics, ...(specs?.diagnostics ?? [])]);
  printDiagnostics(io, diagnostics);
  if (specs === undefined || hasErrors(diagnostics)) {
    throw new UserError(
      'invalid-input',
      'the config or the specs have errors (listed above); nothing was sent to Partner Center. Fix them (see `qm validate`) and run again',
    );
  }
  return specs.workspace(loaded.config);
}

interface LoadedSpecs {
  readonly diagnostics: readonly Diagnostic[];
  workspace(config: AgentConfig): Workspace;
}

function wholeSpecs(dir: string, cwd: string): LoadedSpecs {
  const { desired, diagnostics } = loadSpecs(dir, { cwd });
  return {
    diagnostics,
    workspace: (config) => ({ config, desired, source: desiredSource(desired) }),
  };
}

/** One validation pass keeping only the index; each customer's content is read when needed. */
function streamedSpecs(dir: string, cwd: string): LoadedSpecs {
  const { source, diagnostics } = openSpecSource(dir, { cwd });
  return { diagnostics, workspace: (config) => lazyWorkspace({ config }, source) };
}

/**
 * `fields` with `source`, and a `desired` read through `whole` on first use, once. Never spread
 * the result (spreading reads `desired`): pass it on, or build another with this.
 */
export function lazyWorkspace<F extends object>(
  fields: F,
  source: DesiredSource,
  whole: () => DesiredState = () => ({ customers: source.load(source.index.map((c) => c.id)) }),
): F & Pick<Workspace, 'desired' | 'source'> {
  let desired: DesiredState | undefined;
  return Object.defineProperty({ ...fields, source }, 'desired', {
    enumerable: true,
    get: () => (desired ??= whole()),
  }) as F & Pick<Workspace, 'desired' | 'source'>;
}

/**
 * Loads the config alone, for commands that read only the state (`qm history`). Stops like
 * {@link loadWorkspace} on any error: a config with errors is never half-used.
 * @throws UserError `invalid-input`
 */
export function loadConfigOrStop(io: CliIo, configFlag: string | undefined): AgentConfig {
  const loaded = loadConfig({
    ...(configFlag === undefined ? {} : { flagPath: configFlag }),
    env: io.env,
    cwd: io.cwd,
  });
  printDiagnostics(io, loaded.diagnostics);
  if (hasErrors(loaded.diagnostics)) {
    throw new UserError(
      'invalid-input',
      'the config has errors (listed above). Fix them (see `qm validate`) and run again',
    );
  }
  return loaded.config;
}

/** `file:line:col: message` on stderr, file paths relative to the working directory. */
function printDiagnostics(io: CliIo, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    const file =
      d.file.startsWith('$') || d.file.startsWith('--')
        ? d.file
        : relative(io.cwd, d.file) || d.file;
    io.err(formatDiagnostic({ ...d, file }));
  }
}

/**
 * Runs `fn` with the real adapters built from the workspace, closing them afterwards.
 * `options` adds to the app options (the daemon's `onCall` for metrics and logs).
 */
export async function withApp<T>(
  io: CliIo,
  workspace: Workspace,
  fn: (app: App) => Promise<T>,
  options: Omit<AppOptions, 'env'> = {},
): Promise<T> {
  const app = await createApp(workspace.config, workspace.source.index, {
    ...options,
    env: io.env,
  });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

/**
 * {@link withApp} for a command that reconciles (plan, apply, run, import): once the state file
 * is open, its shard layout is checked against the state files beside it and recorded
 * (`assertShardLayout`), so an unsharded and a `--shard` run never both manage a customer.
 * @throws OperationalError `shard-layout-mismatch`
 */
export function withReconcileApp<T>(
  io: CliIo,
  workspace: Workspace & { readonly shard?: Shard; readonly baseStatePath: string },
  fn: (app: App) => Promise<T>,
  options: Omit<AppOptions, 'env'> = {},
): Promise<T> {
  return withApp(
    io,
    workspace,
    (app) => {
      assertShardLayout(app.shardLayout, {
        baseStatePath: workspace.baseStatePath,
        ...(workspace.shard === undefined ? {} : { shard: workspace.shard }),
      });
      return fn(app);
    },
    options,
  );
}

/** Progress on stderr while refreshing, only when stderr is a terminal. */
export function progressReporter(io: CliIo): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY || !io.isTty) return undefined;
  return (done, total) => {
    process.stderr.write(`\rrefreshing customers ${done}/${total}${done === total ? '\n' : ''}`);
  };
}
