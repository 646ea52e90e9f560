import { relative } from 'node:path';
import { createApp, type App, type AppOptions } from '../app/index.js';
import { loadConfig, type AgentConfig } from '../config/index.js';
import type { DesiredState } from '../model/index.js';
import { loadSpecs } from '../spec/index.js';
import { formatDiagnostic, hasErrors, sortDiagnostics } from '../support/index.js';
import type { CliIo } from './io.js';
import { UserError } from './user-error.js';

export interface Workspace {
  readonly config: AgentConfig;
  readonly desired: DesiredState;
}

/**
 * Loads the config and every spec, as `qm validate` does. Any error diagnostic is printed
 * (`file:line:col: message`) and the command stops with exit 1 before any network call: bad
 * input never reaches Partner Center (fail closed).
 * @throws UserError `invalid-input`
 */
export function loadWorkspace(io: CliIo, configFlag: string | undefined): Workspace {
  const loaded = loadConfig({
    ...(configFlag === undefined ? {} : { flagPath: configFlag }),
    env: io.env,
    cwd: io.cwd,
  });
  const specs = hasErrors(loaded.diagnostics)
    ? undefined
    : loadSpecs(loaded.config.specs, { cwd: io.cwd });
  const diagnostics = sortDiagnostics([...loaded.diagnostics, ...(specs?.diagnostics ?? [])]);
  for (const d of diagnostics) {
    const file =
      d.file.startsWith('$') || d.file.startsWith('--')
        ? d.file
        : relative(io.cwd, d.file) || d.file;
    io.err(formatDiagnostic({ ...d, file }));
  }
  if (specs === undefined || hasErrors(diagnostics)) {
    throw new UserError(
      'invalid-input',
      'the config or the specs have errors (listed above); nothing was sent to Partner Center. Fix them (see `qm validate`) and run again',
    );
  }
  return { config: loaded.config, desired: specs.desired };
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
  const app = await createApp(workspace.config, workspace.desired.customers, {
    ...options,
    env: io.env,
  });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

/** Progress on stderr while refreshing, only when stderr is a terminal. */
export function progressReporter(io: CliIo): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY || !io.isTty) return undefined;
  return (done, total) => {
    process.stderr.write(`\rrefreshing customers ${done}/${total}${done === total ? '\n' : ''}`);
  };
}
