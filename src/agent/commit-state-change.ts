import type { AgentStatePort } from './ports.js';

/**
 * Commits `change` and moves the state serial on, in one transaction. This is the one place
 * the reconcile loop bumps the serial: a plan records it (`basis.stateSerial`) for display. A
 * saved plan is judged on each touched customer's `stateDigest` (its bindings and purchases in
 * flight), not on the serial. `change` must not await.
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
