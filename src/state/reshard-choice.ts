import { classifyOpenError, openDatabase } from './open-database.js';
import { layoutFlag, readReshardMark, type ReshardMark } from './reshard-mark.js';
import { customersIn } from './reshard-tables.js';
import { StateStoreError } from './state-error.js';
import { inspectStateFile } from './state-file.js';

/** A state file beside the configured one, and the layout its name says (`count` 1 = unsharded). */
export interface StateFileLayout {
  readonly path: string;
  readonly index: number;
  readonly count: number;
}

/** What `qm state reshard` needs to know of one existing state file. */
export interface StateFileReport extends StateFileLayout {
  /** Customers with any row (binding, journal, snapshot, notice) in it. */
  readonly customers: number;
  readonly mark?: ReshardMark;
}

/** What to do: move (or finish moving) the state from `from` to `to`, or nothing. */
export type ReshardChoice =
  | {
      readonly kind: 'move';
      readonly from: number;
      readonly to: number;
      /** The interrupted reshard to finish. */
      readonly resume?: { readonly id: string; readonly at: string };
    }
  | { readonly kind: 'nothing'; readonly reason: string };

/**
 * Reads a state file without changing it; `undefined` when it does not exist.
 * @throws StateStoreError `state-damaged`, `state-corrupt`, `state-unreadable`
 */
export function inspectForReshard(file: StateFileLayout): StateFileReport | undefined {
  if (inspectStateFile(file.path) === 'missing') return undefined;
  const db = openDatabase(file.path, 5000, { readOnly: true });
  try {
    const mark = readReshardMark(db);
    return {
      ...file,
      customers: customersIn(db, file.path).length,
      ...(mark === undefined ? {} : { mark }),
    };
  } catch (error) {
    throw classifyOpenError(file.path, error);
  } finally {
    db.close();
  }
}

/**
 * Decides what `qm state reshard --to N [--from M]` does with the files beside the configured
 * state file:
 * - a reshard left unfinished (a `pending` mark) is finished first — only with its own `--to`;
 * - otherwise the layout that holds customers is the one moved from (`--from`, when given, must
 *   agree); state in two layouts at once is refused, naming the files;
 * - no state anywhere, or already in `to` files, is nothing to do.
 * @throws StateStoreError `state-reshard-refused` with what to do.
 */
export function chooseReshard(
  files: readonly StateFileReport[],
  ask: { readonly to: number; readonly from?: number },
): ReshardChoice {
  const pending = files.filter((f) => f.mark?.phase === 'pending');
  const first = pending[0]?.mark;
  if (first !== undefined) {
    const others = pending.filter((f) => f.mark?.id !== first.id);
    if (others.length > 0) {
      throw refused(
        `${pending[0]?.path} and ${others[0]?.path} carry marks of two different unfinished reshards`,
        'restore the state folder from a backup taken before them',
      );
    }
    if (ask.to !== first.to || (ask.from !== undefined && ask.from !== first.from)) {
      throw refused(
        `a reshard from ${first.from} to ${first.to} shard file(s) started at ${first.at} has not finished (${pending.map((f) => f.path).join(', ')} refuse writers until it does)`,
        `run qm state reshard --to ${first.to} to finish it first; then reshard again if you still want ${ask.to}`,
      );
    }
    return {
      kind: 'move',
      from: first.from,
      to: first.to,
      resume: { id: first.id, at: first.at },
    };
  }
  const holders = files.filter((f) => f.customers > 0);
  const counts = [...new Set(holders.map((f) => f.count))].sort((a, b) => a - b);
  const from = ask.from ?? counts[0];
  const strays = holders.filter((f) => f.count !== from);
  if (strays.length > 0) {
    const list = (of: readonly StateFileReport[]): string =>
      of.map((f) => `${f.path} (${f.customers} customer(s))`).join(', ');
    throw refused(
      ask.from === undefined
        ? `state is kept in ${counts.length} layouts at once: ${counts.map((n) => `${n} shard file(s): ${list(holders.filter((f) => f.count === n))}`).join('; ')}`
        : `--from ${ask.from}, but ${list(strays)} hold(s) state too`,
      'each customer must be in one layout before a reshard: look at each file with qm state list --shard i/n and move or reset the stray state first (docs/scale.md)',
    );
  }
  if (from === undefined) {
    return {
      kind: 'nothing',
      reason: 'no state file beside the configured one holds any customer',
    };
  }
  if (from === ask.to) {
    return {
      kind: 'nothing',
      reason: `the state is already in ${ask.to} shard file(s): run with ${layoutFlag(ask.to)}`,
    };
  }
  return { kind: 'move', from, to: ask.to };
}

function refused(what: string, todo: string): StateStoreError {
  return new StateStoreError('state-reshard-refused', `qm state reshard: ${what}; ${todo}.`);
}
