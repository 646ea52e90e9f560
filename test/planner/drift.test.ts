import { describe, expect, it } from 'vitest';
import type { DriftPolicy, Policy } from '../../src/model/index.js';
import { buildPlan, type PlanInput } from '../../src/planner/index.js';
import { canonicalJson } from '../../src/support/index.js';
import {
  aBinding,
  aCustomer,
  aLiveSubscription,
  anObservedCustomer,
  aPlanInput,
  aSubscriptionItem,
  CUSTOMER,
  hoursFromNow,
  key,
  PERMISSIVE_POLICY,
  SUB_A,
  SUB_B,
} from './builders.js';
import { projectPlan, type ProjectedPlan } from './project-plan.js';
import { none, withSub } from './scenarios.js';

/** The item's quantity is written at line 14 of specs/contoso.yaml. */
const source = {
  file: 'specs/contoso.yaml',
  line: 9,
  col: 3,
  fields: { quantity: { line: 14, col: 15 } },
};
const policy = (drift?: DriftPolicy): Policy =>
  drift === undefined ? PERMISSIVE_POLICY : { ...PERMISSIVE_POLICY, drift };
const refundable = (quantity: number) => ({
  totalQuantity: quantity,
  details: [{ quantity, allowedUntilDateTime: hoursFromNow(48) }],
});
/** Spec wants `spec` seats under item policy `drift`, Partner Center has `live` (all refundable). */
const world = (
  spec: number,
  live: number,
  drift?: DriftPolicy,
  configDrift?: DriftPolicy,
): PlanInput =>
  withSub(
    { quantity: spec, source, ...(drift === undefined ? {} : { drift }) },
    { quantity: live, refundableQuantity: refundable(live) },
    { policy: policy(configDrift) },
  );

const cases: [string, PlanInput, ProjectedPlan, number | undefined][] = [
  [
    'revert, live > spec → decrease',
    world(25, 30),
    { ...none, actions: ['decrease-quantity m365 30->25'] },
    undefined,
  ],
  ['keep-higher, live > spec → no decrease, drift', world(25, 30, 'keep-higher'), none, 30],
  [
    'keep-higher, spec > live → increase',
    world(30, 25, 'keep-higher'),
    { ...none, actions: ['increase-quantity m365 25->30'] },
    undefined,
  ],
  ['keep-higher, in sync → nothing', world(25, 25, 'keep-higher'), none, undefined],
  ['report, live > spec → nothing, drift', world(25, 30, 'report'), none, 30],
  ['report, spec > live → nothing, drift', world(30, 25, 'report'), none, 25],
  ['report, in sync → nothing, no drift', world(25, 25, 'report'), none, undefined],
  [
    'config keep-higher applies to an item without drift:',
    world(25, 30, undefined, 'keep-higher'),
    none,
    30,
  ],
  [
    'item revert beats config keep-higher',
    world(25, 30, 'revert', 'keep-higher'),
    { ...none, actions: ['decrease-quantity m365 30->25'] },
    undefined,
  ],
  [
    'item report beats config keep-higher (spec > live)',
    world(30, 25, 'report', 'keep-higher'),
    none,
    25,
  ],
  [
    'item keep-higher beats config report (spec > live)',
    world(30, 25, 'keep-higher', 'report'),
    { ...none, actions: ['increase-quantity m365 25->30'] },
    undefined,
  ],
];

describe('buildPlan: drift policy', () => {
  it.each(cases)('%s', (_name, input, expected, driftValue) => {
    const plan = buildPlan(input);
    expect(projectPlan(plan)).toEqual(expected);
    expect(plan.drift?.map((d) => d.patch.value)).toEqual(
      driftValue === undefined ? undefined : [driftValue],
    );
  });

  it('records a kept drift with its spec patch, and counts it as no action', () => {
    const plan = buildPlan(world(25, 30, 'keep-higher'));
    expect(plan.drift).toEqual([
      {
        customerId: CUSTOMER,
        customerName: 'Contoso',
        item: 'm365',
        subscriptionId: SUB_A,
        policy: 'keep-higher',
        specQuantity: 25,
        liveQuantity: 30,
        patch: {
          file: 'specs/contoso.yaml',
          line: 14,
          path: ['subscriptions', 'm365', 'quantity'],
          value: 30,
        },
      },
    ]);
    expect(plan.summary.totalActions).toBe(0);
  });

  it('report leaves a schedule already set for renewal alone; revert replaces it', () => {
    const scheduled = { productId: 'PROD1', skuId: '0001', quantity: 5 };
    const input = (drift: DriftPolicy): PlanInput =>
      withSub(
        { quantity: 10, source, drift },
        { quantity: 10, scheduledNextTermInstructions: scheduled },
      );
    expect(projectPlan(buildPlan(input('report')))).toEqual(none);
    expect(projectPlan(buildPlan(input('revert'))).actions).toEqual([
      'schedule-decrease m365 10->10',
    ]);
  });

  it('keep-higher with a change of billing at renewal renews with the live seats', () => {
    const input = withSub(
      { quantity: 25, billing: 'annual', source, drift: 'keep-higher' },
      { quantity: 30 },
    );
    const plan = buildPlan(input);
    expect(projectPlan(plan).actions).toEqual([
      'schedule-change m365 PROD1:0001 P1Y/monthly x30->PROD1:0001 P1Y/annual x30',
    ]);
    expect(plan.drift?.map((d) => [d.specQuantity, d.liveQuantity])).toEqual([[25, 30]]);
  });

  it('a drift entry has no line when the spec position of quantity is unknown', () => {
    const input = withSub(
      { quantity: 25, drift: 'report' },
      { quantity: 30, refundableQuantity: refundable(30) },
    );
    const [entry] = buildPlan(input).drift ?? [];
    expect(entry?.patch).toEqual({
      file: 'specs/contoso.yaml',
      path: ['subscriptions', 'm365', 'quantity'],
      value: 30,
    });
  });

  it('is deterministic: items in any order give the same drift list, sorted by item', () => {
    const items = [
      aSubscriptionItem({ key: key('b-item'), quantity: 5, drift: 'report' }),
      aSubscriptionItem({ key: key('a-item'), product: 'PROD2', quantity: 5, drift: 'report' }),
    ];
    const subs = [
      aLiveSubscription({ quantity: 7 }),
      aLiveSubscription({ id: SUB_B, productId: 'PROD2', offerId: 'PROD2:0001:AV1', quantity: 8 }),
    ];
    const bindings = [
      aBinding({ item: key('b-item') }),
      aBinding({ item: key('a-item'), subscriptionId: SUB_B }),
    ];
    const input = (reverse: boolean): PlanInput =>
      aPlanInput({
        customer: aCustomer({ subscriptions: reverse ? [...items].reverse() : items }),
        live: anObservedCustomer({ subscriptions: reverse ? [...subs].reverse() : subs }),
        bindings: reverse ? [...bindings].reverse() : bindings,
      });
    const plan = buildPlan(input(false));
    expect(plan.drift?.map((d) => `${d.item} ${d.liveQuantity}`)).toEqual(['a-item 8', 'b-item 7']);
    expect(canonicalJson(buildPlan(input(true)))).toBe(canonicalJson(plan));
  });
});
