import { describe, expect, it } from 'vitest';
import { renderPlanHuman, renderPlanMarkdown } from '../../../src/cli/render/index.js';
import type {
  ActionKey,
  CustomerId,
  ItemKey,
  Plan,
  SubscriptionId,
} from '../../../src/model/index.js';
import { EMPTY_PLAN } from './fixture-plan.js';

const ZETA = '11111111-1111-4111-8111-111111111111' as CustomerId;
const ALPHA = '99999999-9999-4999-8999-999999999999' as CustomerId;
const BETA_10 = '55555555-5555-4555-8555-555555555555' as CustomerId;
const BETA_9 = '66666666-6666-4666-8666-666666666666' as CustomerId;
const NO_SPEC = '00000000-0000-4000-8000-000000000000' as CustomerId;

const increase = (customerId: CustomerId, customerName: string) => ({
  key: `increase-quantity:${customerId.slice(0, 8)}` as ActionKey,
  kind: 'increase-quantity' as const,
  customerId,
  customerName,
  item: 'seats' as ItemKey,
  subscriptionId: 'aaaaaaaa-0000-4000-8000-000000000001' as SubscriptionId,
  before: { quantity: 1 },
  after: { quantity: 2 },
  reason: 'spec wants 2 seats',
});

const basis = (name: string) => ({
  customerName: name,
  specDigest: 's',
  observedDigest: 'o',
  stateDigest: 'b',
});

/** Actions in the planner's order (customer id), customers whose names sort the other way. */
const PLAN: Plan = {
  ...EMPTY_PLAN,
  basis: {
    ...EMPTY_PLAN.basis,
    customers: {
      [ZETA]: basis('Zeta Corp'),
      [BETA_10]: basis('Beta 10'),
      [BETA_9]: basis('beta 9'),
      [ALPHA]: basis('Älpha'),
    },
  },
  actions: [
    increase(ZETA, 'Zeta Corp'),
    increase(BETA_10, 'Beta 10'),
    increase(BETA_9, 'beta 9'),
    increase(ALPHA, 'Älpha'),
  ],
  unmanaged: [
    {
      customerId: NO_SPEC,
      subscriptionId: 'bbbbbbbb-0000-4000-8000-000000000002' as SubscriptionId,
      offerId: 'OFFER',
      quantity: 1,
      status: 'active',
    },
  ],
  summary: {
    ...EMPTY_PLAN.summary,
    actions: { 'increase-quantity': 4 },
    totalActions: 4,
    unmanaged: 1,
  },
};

function order(text: string, labels: readonly string[]): string[] {
  return [...labels].sort((a, b) => text.indexOf(a) - text.indexOf(b));
}

describe('plans list customers by name (issue 17)', () => {
  const labels = [
    `Älpha (${ALPHA}`,
    `beta 9 (${BETA_9}`,
    `Beta 10 (${BETA_10}`,
    `Zeta Corp (${ZETA}`,
  ];

  it('in human output: by name regardless of case and accents, numbers in order, unnamed last', () => {
    const text = renderPlanHuman(PLAN, { color: false });
    for (const label of labels) expect(text).toContain(label);
    expect(order(text, labels)).toEqual(labels);
    expect(text.lastIndexOf(NO_SPEC)).toBeGreaterThan(text.indexOf(`Zeta Corp (${ZETA}`));
  });

  it('in the markdown summary table and details', () => {
    const md = renderPlanMarkdown(PLAN);
    const lines = md.split('\n');
    const header = lines.findIndex((line) => line.startsWith('| Customer | Purchases'));
    const table = lines.slice(header + 2, lines.indexOf('', header));
    expect(table.map((row) => row.split(' | ')[0])).toEqual([
      `| Älpha (\`${ALPHA}\`)`,
      `| beta 9 (\`${BETA_9}\`)`,
      `| Beta 10 (\`${BETA_10}\`)`,
      `| Zeta Corp (\`${ZETA}\`)`,
      `| \`${NO_SPEC}\``,
      '| **Total**',
    ]);
    const details = md.split('\n').filter((line) => line.startsWith('<summary>'));
    expect(details.map((line) => line.slice('<summary>'.length, line.indexOf(':')))).toEqual([
      `Älpha (<code>${ALPHA}</code>)`,
      `beta 9 (<code>${BETA_9}</code>)`,
      `Beta 10 (<code>${BETA_10}</code>)`,
      `Zeta Corp (<code>${ZETA}</code>)`,
      `<code>${NO_SPEC}</code>`,
    ]);
  });

  it('a targeted plan says so first, in both renderings', () => {
    const targeted: Plan = {
      ...PLAN,
      basis: { ...PLAN.basis, targets: [{ customerId: ZETA, item: 'seats' as ItemKey }] },
    };
    const warning =
      'Targeted plan (--target): limited to Zeta Corp/seats and what they depend on. Other items of these customers were not planned, and their unmanaged subscriptions are not listed: plan without --target to see everything.';
    const text = renderPlanHuman(targeted, { color: false });
    expect(text.split('\n').slice(0, 3)).toEqual([
      expect.stringMatching(/^Quartermaster plan/),
      '',
      warning,
    ]);
    const md = renderPlanMarkdown(targeted);
    expect(md).toContain('> [!WARNING]\n> Targeted plan (--target): limited to Zeta Corp/seats');
    expect(renderPlanHuman(PLAN, { color: false })).not.toContain('Targeted plan');
  });
});
