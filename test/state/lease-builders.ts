import type { ActionKey, CustomerId } from '../../src/model/index.js';
import { StateStoreError, type JournalIntent, type LeaseEnvironment } from '../../src/state/index.js';

/** A lease environment for a process `pid` on `host`, alive and started at `start`. */
export function aLeaseEnvironment(
  overrides: Partial<Omit<LeaseEnvironment, 'processStart' | 'isProcessAlive'>> & {
    alive?: (pid: number) => boolean;
    startOf?: (pid: number) => string | undefined;
  } = {},
): LeaseEnvironment {
  const host = overrides.hostname ?? 'vm';
  return {
    hostname: host,
    pid: overrides.pid ?? 1,
    machine: overrides.machine ?? `${host}/boot-1`,
    scope: overrides.scope ?? `${host}/boot-1/pid:[4026531836]`,
    isProcessAlive: overrides.alive ?? (() => true),
    processStart: overrides.startOf ?? (() => '1000'),
  };
}

export const anIntent = (n = 1): JournalIntent => ({
  actionKey: `purchase:${n.toString(16).padStart(16, '0')}` as ActionKey,
  requestId: `req-${n}`,
  kind: 'purchase',
  step: 'checkout',
  customerId: '0000000c-0000-4000-8000-000000000001' as CustomerId,
  cartId: `cart-${n}`,
});

/** The StateStoreError `fn` throws (fails the test when it throws nothing or something else). */
export function caught(fn: () => unknown): StateStoreError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StateStoreError) return error;
    throw error;
  }
  throw new Error('expected a StateStoreError');
}
