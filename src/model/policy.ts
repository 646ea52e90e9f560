import type { DriftPolicy } from './desired.js';
import type { ActionKind } from './plan.js';

/** A limit given as a count or as a share (percent) of the managed items in scope. */
export type CountOrShare =
  | { readonly kind: 'count'; readonly value: number }
  | { readonly kind: 'share'; readonly percent: number };

/** The guard rails of docs/config-reference.md (`policy:` in the config). */
export interface Policy {
  /** Action kinds the daemon may apply unattended. */
  readonly autoApply: readonly ActionKind[];
  readonly limits: {
    /** Per item per run. @default 100 */
    readonly maxSeatIncrease: number;
    /** Per run. @default 10 */
    readonly maxNewPurchases: number;
    /** Per run; 0 refuses every cancellation. @default 0 */
    readonly maxCancellations: number;
    /** Shrink circuit breaker. @default 25% */
    readonly maxShrinkingItems: CountOrShare;
    /**
     * Money guard rails per run, by upper-case currency code (docs/money.md): the monthly run
     * rate a run may add, and the money it may commit. Absent: no money limit.
     */
    readonly maxMonthlyIncrease?: Readonly<Record<string, number>>;
    readonly maxCommitment?: Readonly<Record<string, number>>;
  };
  /**
   * Seats changed outside git, for items whose spec says nothing (`policy.drift`; the item's and
   * the spec document's `drift:` come first). Absent: `revert`. @default 'revert'
   */
  readonly drift?: DriftPolicy;
}

export const DEFAULT_POLICY: Policy = {
  autoApply: [],
  limits: {
    maxSeatIncrease: 100,
    maxNewPurchases: 10,
    maxCancellations: 0,
    maxShrinkingItems: { kind: 'share', percent: 25 },
  },
};
