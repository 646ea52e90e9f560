import type { SandboxContext } from './context.js';

/**
 * Registration of an Azure subscription for reserved instances (docs/partner-center-api.md §6.1):
 * `Registering` until `registeredAt`, then `Registered`; `NotRegistered` when never requested.
 */
export function registrationStatus(
  ctx: SandboxContext,
  customerId: string,
  subscriptionId: string,
): 'Registered' | 'Registering' | 'NotRegistered' {
  const record = ctx.store.get('registration', customerId, subscriptionId.toLowerCase());
  if (record === undefined) return 'NotRegistered';
  return new Date(record.registeredAt) <= ctx.clock.now() ? 'Registered' : 'Registering';
}
