import { runApplyCycle, type CycleOutcome } from '../../src/agent/index.js';
import { createApp, type App, type AppOptions } from '../../src/app/index.js';
import { loadConfig, type AgentConfig } from '../../src/config/index.js';
import type { DesiredState } from '../../src/model/index.js';
import { loadSpecs } from '../../src/spec/index.js';
import { hasErrors } from '../../src/support/index.js';
import type { QmWorkspace } from './qm-workspace.js';

/** A workspace's config and specs, loaded as the CLI loads them. */
export interface LoadedWorkspace {
  readonly config: AgentConfig;
  readonly desired: DesiredState;
}

/** Loads `agent.config.yaml` and `specs/` of a workspace; throws on any diagnostic. */
export function loadWorkspaceFiles(ws: Pick<QmWorkspace, 'dir' | 'configPath'>): LoadedWorkspace {
  const loaded = loadConfig({ flagPath: ws.configPath, env: {}, cwd: ws.dir });
  if (hasErrors(loaded.diagnostics)) throw new Error(JSON.stringify(loaded.diagnostics));
  const specs = loadSpecs(loaded.config.specs, { cwd: ws.dir });
  if (hasErrors(specs.diagnostics)) throw new Error(JSON.stringify(specs.diagnostics));
  return { config: loaded.config, desired: specs.desired };
}

/**
 * Runs `qm apply --auto-approve` cycles in this process (a fresh App each, as a fresh CLI run
 * would have) until a cycle finds nothing to do or `maxCycles` is reached.
 * @returns every cycle's outcome; the last has no actions when the estate converged.
 */
export async function applyUntilConverged(
  ws: QmWorkspace,
  options: Partial<AppOptions> = {},
  maxCycles = 4,
): Promise<CycleOutcome[]> {
  const { config, desired } = loadWorkspaceFiles(ws);
  const outcomes: CycleOutcome[] = [];
  for (let i = 0; i < maxCycles; i++) {
    const app: App = await createApp(config, desired.customers, { env: {}, ...options });
    try {
      const outcome = await runApplyCycle(app, desired, { command: 'apply' });
      outcomes.push(outcome);
      if (outcome.plan.actions.length === 0) break;
    } finally {
      await app.close();
    }
  }
  return outcomes;
}
