/**
 * The real client against the sandbox, both dialects: transition eligibilities, a partial
 * transition and its history, custom term end dates, and a next-term change of SKU, term,
 * billing and seats that the renewal applies — decoded to the same model values whichever
 * spellings the server uses (`Events`/`"Started "`, PascalCase cycles, dates without offset).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  parseCustomerId,
  transitionOutcome,
  transitionVerdict,
  type SubscriptionId,
} from '../../src/model/index.js';
import {
  createPartnerCenterClient,
  createStaticTokenSource,
  type PartnerCenterClient,
} from '../../src/partnercenter/index.js';
import {
  createSandboxClock,
  SANDBOX_TOKENS,
  SEED_CUSTOMERS,
  startSandbox,
  type RunningSandbox,
  type SandboxDialect,
} from '../../src/sandbox/index.js';
import { ManualClock } from '../../src/support/index.js';

const contoso = parseCustomerId(SEED_CUSTOMERS.contoso)!;
const PREMIUM = '3a1f9e8d-7c6b-4a5e-9d4c-3b2a1f0e9d8c' as SubscriptionId;

let sandbox: RunningSandbox | undefined;
let client: PartnerCenterClient | undefined;
afterEach(async () => {
  await client?.close();
  await sandbox?.close();
});

async function start(dialect: SandboxDialect): Promise<PartnerCenterClient> {
  sandbox = await startSandbox({ dialect, clock: createSandboxClock('2026-03-02T10:00:00Z') });
  client = createPartnerCenterClient({
    baseUrl: sandbox.url,
    tokenSource: createStaticTokenSource(SANDBOX_TOKENS.appUser),
    clock: new ManualClock(),
    retry: { maxAttempts: 1 },
  });
  return client;
}

function basic(quantity: number): SubscriptionId {
  return sandbox!.admin.createSubscription(contoso, {
    productId: 'CFQ7TTC0LH18',
    skuId: '0001',
    quantity,
    termDuration: 'P1M',
    billingCycle: 'monthly',
  }).id as SubscriptionId;
}

describe.each(['extended', 'documented'] as const)('lifecycle, %s dialect', (dialect) => {
  it('eligibilities, a partial transition and its history', async () => {
    const c = await start(dialect);
    const id = basic(5);
    const targets = await c.transitions.eligibilities(contoso, id, 'immediate');
    expect(targets.map((t) => `${t.productId}:${t.skuId}`)).toEqual([
      'CFQ7TTC0LDPB:0001',
      'CFQ7TTC0LCHC:0002',
    ]);
    const verdict = transitionVerdict(targets, { productId: 'CFQ7TTC0LCHC', skuId: '0002' });
    if (!verdict.eligible) throw new Error(verdict.reason);
    expect(verdict.target.subscriptionEligibilities).toEqual([
      expect.objectContaining({ subscriptionId: PREMIUM, isEligible: true }),
    ]);
    const started = await c.transitions.create(contoso, id, {
      toCatalogItemId: verdict.target.catalogItemId,
      quantity: 2,
      transitionType: verdict.transitionType,
      billingCycle: 'monthly',
    });
    expect(started).toMatchObject({ quantity: 2, toCatalogItemId: verdict.target.catalogItemId });
    expect(started.events.map((e) => e.status)).toEqual(['Started']);
    expect(transitionOutcome(started)).toBe('in-progress');
    const [done] = await c.transitions.list(contoso, id);
    expect(done && transitionOutcome(done)).toBe('completed');
    expect((await c.subscriptions.get(contoso, id)).quantity).toBe(3);
  });

  it('custom term end dates of a new annual purchase', async () => {
    const c = await start(dialect);
    const premiumEnd = (await c.subscriptions.get(contoso, PREMIUM)).commitmentEndDate;
    expect(await c.customTermEndDates.list(contoso, { termDuration: 'P1Y' })).toEqual([
      { kind: 'subscriptionAligned', endDate: premiumEnd, cotermSubscriptionIds: [PREMIUM] },
      { kind: 'calendarMonthAligned', endDate: '2027-02-28T00:00:00Z', cotermSubscriptionIds: [] },
    ]);
  });

  it('a next-term change of SKU, term, billing and seats, applied at renewal', async () => {
    const c = await start(dialect);
    const id = basic(5);
    const next = {
      productId: 'CFQ7TTC0LDPB',
      skuId: '0001',
      termDuration: 'P1Y',
      billingCycle: 'annual',
      quantity: 12,
    };
    const set = await c.subscriptions.update(contoso, id, {
      kind: 'scheduled-next-term',
      instructions: next,
    });
    expect(set.subscription.scheduledNextTermInstructions).toMatchObject(next);
    sandbox!.clock.set('2026-04-02T00:00:00Z');
    expect(await c.subscriptions.get(contoso, id)).toMatchObject({
      productId: 'CFQ7TTC0LDPB',
      skuId: '0001',
      quantity: 12,
      termDuration: 'P1Y',
      billingCycle: 'annual',
      commitmentEndDate: '2027-04-01T00:00:00Z',
    });
  });
});
