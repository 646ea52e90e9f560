import { randomUUID } from 'node:crypto';
import { SANDBOX_TOKENS, type RunningSandbox } from '../../src/sandbox/index.js';
import { randomEstate, type SoakEstate, type SoakItem } from './soak-estate.js';
import { SoakRandom } from './soak-random.js';

/**
 * The soak's negative control: after a round converged, buy one of its purchases a second time
 * and repeat one of its PATCHes under a new MS-RequestId, straight against the sandbox and
 * behind the agent's back. The invariants must report both as duplicates and both writes as
 * unknown to the journal — proof that a clean soak is not a blind one.
 */
export interface Tampering {
  readonly customerId: string;
  readonly purchase: SoakItem;
  readonly patched: SoakItem;
}

/** The first round of `seed` whose estate has a licence or software purchase and a PATCH. */
export function roundForControl(seed: number): { round: number; tampering: Tampering } {
  for (let round = 1; round < 1_000; round++) {
    const estate = randomEstate(SoakRandom.forRound(seed, round));
    for (const c of estate.customers) {
      const purchase = c.items.find((i) => i.kind === 'buy-licence' || i.kind === 'software');
      const patched = c.items.find((i) => !i.purchase && i.patches > 0 && i.kind !== 'tombstone');
      if (purchase !== undefined && patched !== undefined)
        return { round, tampering: { customerId: c.id, purchase, patched } };
    }
  }
  throw new Error(`no round of seed ${seed} suits the negative control`);
}

/** Places the second order and the second PATCH. */
export async function tamper(
  sandbox: RunningSandbox,
  _estate: SoakEstate,
  t: Tampering,
): Promise<void> {
  const c = t.customerId;
  const { purchase } = t;
  const availabilities = (await call(
    sandbox,
    'GET',
    `/v1/customers/${c}/products/${purchase.productId}/skus/${purchase.skuId}/availabilities`,
  )) as { items: { catalogItemId: string }[] };
  const catalogItemId = availabilities.items[0]?.catalogItemId;
  if (catalogItemId === undefined) throw new Error(`no availability for ${purchase.productId}`);
  const cart = (await call(sandbox, 'POST', `/v1/customers/${c}/carts`, {
    partnerOnRecordAttestationAccepted: true,
    lineItems: [
      {
        id: 0,
        catalogItemId,
        quantity: purchase.want.quantity ?? 1,
        billingCycle: purchase.billing,
        ...(purchase.term === undefined ? {} : { termDuration: purchase.term }),
      },
    ],
  })) as { id: string };
  await call(sandbox, 'POST', `/v1/customers/${c}/carts/${cart.id}/checkout`);
  const path = `/v1/customers/${c}/subscriptions/${t.patched.subscriptionId}`;
  const live = (await call(sandbox, 'GET', path)) as { quantity: number };
  await call(sandbox, 'PATCH', path, { quantity: live.quantity });
}

async function call(
  sandbox: RunningSandbox,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const res = await fetch(`${sandbox.url}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${SANDBOX_TOKENS.appUser}`,
      'MS-RequestId': randomUUID(),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}
