import type { AgentStatePort } from './ports.js';

/**
 * Commits `change` and moves the state serial on, in one transaction. This is the one place
 * the reconcile loop bumps the serial: a plan records it (`basis.stateSerial`), so a saved plan
 * made before bindings or journal outcomes changed is refused as stale. `change` must not await.
 */
export function commitStateChange<T>(
  state: Pick<AgentStatePort, 'transaction' | 'bumpSerial'>,
  change: () => T,
): T {
  return state.transaction(() => {
    const value = change();
    state.bumpSerial();
    return value;
  });
}
