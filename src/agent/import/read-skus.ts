import type { CatalogSku, LiveSubscription } from '../../model/index.js';
import type { AgentPorts, ReadFailure } from '../ports.js';

/** A customer's country and the live subscriptions to draft. */
export interface SkuQuery {
  readonly country: string;
  readonly live: readonly LiveSubscription[];
}

/**
 * The catalog SKUs of these subscriptions, for the drafts' keys (SKU titles) and trials
 * (`isTrial`): each product and SKU is read once, in the country of the first customer that
 * has it. A failed read comes back as `problem`; the drafts then go by what the subscriptions
 * say (their names, their own `isTrial`).
 */
export async function readSkus(
  app: Pick<AgentPorts, 'reads'>,
  queries: readonly SkuQuery[],
): Promise<{ readonly skus: readonly CatalogSku[]; readonly problem?: ReadFailure }> {
  const refs = new Map<string, { country: string; productId: string; skuId: string }>();
  for (const { country, live } of queries) {
    for (const s of live) {
      const key = `${s.productId}:${s.skuId}`.toLowerCase();
      if (!refs.has(key) && /^[A-Za-z0-9]+$/.test(s.productId) && /^[A-Za-z0-9]+$/.test(s.skuId))
        refs.set(key, { country, productId: s.productId, skuId: s.skuId });
    }
  }
  if (refs.size === 0) return { skus: [] };
  try {
    return { skus: (await app.reads.readCatalog([...refs.values()])).skus };
  } catch (error) {
    return { skus: [], problem: app.reads.describeReadFailure(error) };
  }
}
