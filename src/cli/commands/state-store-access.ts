import { loadConfig, type AgentConfig } from '../../config/index.js';
import {
  createLeaseClaim,
  DEFAULT_LEASE_TTL_MS,
  openStateStore,
  openStateStoreReadOnly,
  StateStoreError,
  type StateStore,
} from '../../state/index.js';
import { formatDiagnostic, hasErrors } from '../../support/index.js';
import type { CliIo } from '../io.js';
import { UserError } from '../user-error.js';
import { applyShardToConfig } from './shard-option.js';

/** The config (narrowed to `--shard`) of a command that works on the state store alone. */
export function loadStateConfig(io: CliIo, configFlag?: string, shard?: string): AgentConfig {
  const loaded = loadConfig({
    ...(configFlag === undefined ? {} : { flagPath: configFlag }),
    env: io.env,
    cwd: io.cwd,
  });
  for (const d of loaded.diagnostics) io.err(formatDiagnostic(d));
  if (hasErrors(loaded.diagnostics)) {
    throw new UserError(
      'invalid-input',
      'the config has errors (listed above); fix them and run again',
    );
  }
  return applyShardToConfig(loaded.config, shard);
}

/**
 * Opens the store for reading only (`qm status`, `qm history`, `qm state list`): nothing is
 * created or migrated. A missing file means "no state yet": a note on stderr and an empty
 * in-memory store, so the command prints its usual (empty) report and exits 0.
 */
export function openStateForReading(io: CliIo, path: string): StateStore {
  try {
    return openStateStoreReadOnly(path);
  } catch (error) {
    if (!(error instanceof StateStoreError) || error.code !== 'state-missing') throw error;
    io.err(`No state yet: ${path} does not exist (nothing planned or applied with this config).`);
    return openStateStore(':memory:');
  }
}

/** What a repair did, for the run record `qm history` shows. */
export interface RepairOutcome {
  readonly detail: string;
  readonly counts?: Readonly<Record<string, number>>;
}

/**
 * Runs one `qm state` repair on the store at `path` under the writer lease, recorded as a run
 * (`state settle`, …) with what it did — or, when it fails, as a failed run with the reason.
 * @throws LeaseHeldError while another writer runs; whatever `fn` throws.
 */
export function repairUnderLease(
  path: string,
  command: string,
  fn: (store: StateStore) => RepairOutcome,
): RepairOutcome {
  const store = openStateStore(path);
  try {
    const claim = createLeaseClaim(command);
    store.lease.acquire(claim, DEFAULT_LEASE_TTL_MS);
    const run = store.runs.start(
      command,
      `${claim.host}:${claim.pid}:${command} lease ${claim.id}`,
    );
    try {
      const outcome = fn(store);
      store.runs.end(run.id, 'succeeded', outcome.counts, outcome.detail);
      return outcome;
    } catch (error) {
      store.runs.end(
        run.id,
        'failed',
        undefined,
        error instanceof Error ? error.message : String(error),
      );
      throw error;
    } finally {
      store.lease.release(claim);
    }
  } finally {
    store.close();
  }
}
