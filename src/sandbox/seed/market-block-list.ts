import { BLOCKED_MARKETS } from '../../model/index.js';

/**
 * Markets where software subscriptions and Azure reservations are not sold: the one list in
 * `model/markets.ts` (docs/partner-center-api.md §8), shared with spec validation so the agent and
 * the emulator can never disagree. The catalog shows no availability there and a cart line for
 * such a product answers 400 `800070`.
 */
export { BLOCKED_MARKETS };

/** Product kinds the block list applies to. */
export function isMarketRestrictedKind(kind: string): boolean {
  return kind === 'software' || kind === 'azure-reservation';
}
