import { selectShard, type Shard } from '../agent/index.js';
import type { DesiredState } from '../model/index.js';
import { loadSpecs } from '../spec/index.js';
import { openStateStoreReadOnly, StateStoreError, type StateStore } from '../state/index.js';
import { formatDiagnostic } from '../support/index.js';
import { buildEstateView } from './build-estate.js';
import type { EstateData } from './estate-view.js';
import { fingerprintFiles } from './fingerprint.js';

/** Where the estate comes from. Plain data: it crosses to the builder's worker thread. */
export interface EstateSourceInput {
  readonly statePath: string;
  readonly specsDir: string;
  /** Spec paths in messages are shown relative to this folder. */
  readonly cwd: string;
  /** `--shard i/n`: only that shard's customers. */
  readonly shard?: Shard;
}

/** The estate view over a state file and a specs folder, rebuilt when either changed. */
export interface EstateSource {
  /**
   * The view at `now` when the files changed since the last one (or `force`), else
   * `undefined`. Never throws for a missing or damaged store or broken specs: the view says so.
   */
  refresh(now: Date, force: boolean): EstateData | undefined;
  close(): void;
}

/**
 * The store is opened read-only once it exists (a missing file is "no state yet", retried on the
 * next refresh); specs are re-read when a file under the folder changed, and when they have
 * errors the last good specs stay in use and the view says so. Full messages go to `log`
 * (stderr); pages get short ones without paths (no config value on a page).
 */
export function createEstateSource(
  input: EstateSourceInput,
  log: (message: string) => void,
  loadDesired: () => DesiredState = () => loadDesiredFrom(input),
): EstateSource {
  let store: StateStore | undefined;
  let storeProblem: string | undefined;
  let desired: DesiredState = { customers: [] };
  let specProblem: string | undefined;
  let built = { state: '', specs: '' };
  let first = true;

  const openStore = (): StateStore | undefined => {
    if (store !== undefined) return store;
    try {
      store = openStateStoreReadOnly(input.statePath);
      storeProblem = undefined;
    } catch (error) {
      const code = error instanceof StateStoreError ? error.code : 'state-unreadable';
      if (code !== 'state-missing') log(`qm dashboard: ${(error as Error).message}`);
      storeProblem =
        code === 'state-missing'
          ? 'No state yet: nothing has been planned or applied with this config (run `qm plan` or `qm run`).'
          : `The state store cannot be read (${code}); the server's log says why. \`qm status\` shows the same error.`;
    }
    return store;
  };

  return {
    refresh(now, force) {
      const seen = {
        state: fingerprintFiles([input.statePath, `${input.statePath}-wal`]),
        specs: fingerprintFiles([input.specsDir], { recursive: true }),
      };
      if (!force && !first && seen.state === built.state && seen.specs === built.specs)
        return undefined;
      if (first || seen.specs !== built.specs) {
        try {
          desired = loadDesired();
          specProblem = undefined;
        } catch (error) {
          log(`qm dashboard: ${(error as Error).message}`);
          specProblem = first
            ? 'The specs have errors (run `qm validate`): no customer can be shown until they load.'
            : 'The specs have errors now (run `qm validate`): the pages show them as last loaded.';
        }
      }
      first = false;
      built = seen;
      const opened = openStore();
      return buildEstateView({
        store: opened,
        desired,
        now,
        problems: [storeProblem, specProblem].filter((p): p is string => p !== undefined),
      });
    },
    close() {
      store?.close();
      store = undefined;
    },
  };
}

/** Every spec under the folder (narrowed to the shard). @throws Error listing the errors */
function loadDesiredFrom(input: EstateSourceInput): DesiredState {
  const loaded = loadSpecs(input.specsDir, { cwd: input.cwd });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    throw new Error(`the specs have errors:\n${errors.map(formatDiagnostic).join('\n')}`);
  return input.shard === undefined ? loaded.desired : selectShard(loaded.desired, input.shard);
}
