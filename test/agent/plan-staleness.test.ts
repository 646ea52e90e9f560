import { describe, expect, it } from 'vitest';
import { assertPlanCurrent, findStaleCustomers, touchedCustomers } from '../../src/agent/index.js';
import type { CustomerId, Plan } from '../../src/model/index.js';
import { buildPlan, type PlanInput } from '../../src/planner/index.js';
import {
  aBinding,
  aCustomer,
  aLiveSubscription,
  anInFlight,
  anObservedCustomer,
  aPlanInput,
  aSubscriptionItem,
  CUSTOMER,
  key,
  SUB_B,
} from '../planner/builders.js';

const B = 'c0000000-0000-4000-8000-00000000000b' as CustomerId;

interface World {
  aSeats?: number;
  aLiveSeats?: number;
  bSeats?: number;
  bLiveSeats?: number;
  bBound?: boolean;
  aInFlight?: boolean;
  bFailed?: boolean;
  bDeclared?: boolean;
}

/** A (Contoso) wants 12 of 10 seats: one increase. B (Fabrikam) is as it should be by default. */
function world(w: World = {}): PlanInput {
  const bLive = anObservedCustomer({
    customerId: B,
    subscriptions: [aLiveSubscription({ id: SUB_B, quantity: w.bLiveSeats ?? 10 })],
  });
  return aPlanInput({
    desired: {
      customers: [
        aCustomer({ subscriptions: [aSubscriptionItem({ quantity: w.aSeats ?? 12 })] }),
        ...(w.bDeclared === false
          ? []
          : [
              aCustomer({
                id: B,
                name: 'Fabrikam',
                subscriptions: [aSubscriptionItem({ quantity: w.bSeats ?? 10 })],
              }),
            ]),
      ],
    },
    observed: {
      customers: [
        anObservedCustomer({
          subscriptions: [aLiveSubscription({ quantity: w.aLiveSeats ?? 10 })],
        }),
        ...(w.bFailed === true ? [] : [bLive]),
      ],
      failures: w.bFailed === true ? [{ customerId: B, code: 'timeout', message: 'slow' }] : [],
    },
    bindings: [
      aBinding(),
      ...(w.bBound === false ? [] : [aBinding({ customerId: B, subscriptionId: SUB_B })]),
    ],
    inFlight: w.aInFlight === true ? [anInFlight({ item: key('other') })] : [],
  });
}

const plan = (w: World = {}): Plan => buildPlan(world(w));

describe('touchedCustomers', () => {
  it('lists the customers with actions, not those with only blocked or unmanaged entries', () => {
    expect(touchedCustomers(plan())).toEqual([CUSTOMER]);
    expect(touchedCustomers(plan({ bSeats: 14 }))).toEqual([CUSTOMER, B]);
  });

  it("adds a customer whose action another touched customer's action depends on", () => {
    const saved = plan({ bSeats: 14 });
    const bAction = saved.actions.find((a) => a.customerId === B)!;
    const aAction = saved.actions.find((a) => a.customerId === CUSTOMER)!;
    const crossLinked: Plan = {
      ...saved,
      actions: [bAction, { ...aAction, dependsOn: [bAction.key] }],
    };
    expect(touchedCustomers({ ...crossLinked, actions: crossLinked.actions.slice(1) })).toEqual([
      CUSTOMER,
    ]);
    expect(touchedCustomers(crossLinked)).toEqual([CUSTOMER, B]);
  });
});

describe('findStaleCustomers', () => {
  it.each<[string, World]>([
    ["B's live seats", { bLiveSeats: 12 }],
    ["B's spec (B now has actions of its own)", { bSeats: 14 }],
    ["B's binding", { bBound: false }],
    ['B failing to refresh', { bFailed: true }],
    ['B leaving the specs', { bDeclared: false }],
  ])('a plan touching only A stays current after %s', (_name, moved) => {
    expect(findStaleCustomers(plan(), plan(moved))).toEqual([]);
  });

  it.each<[string, World, string[]]>([
    ["A's live seats", { aLiveSeats: 11 }, ['live state']],
    ["A's spec", { aSeats: 13 }, ['spec']],
    ["A's purchases in flight", { aInFlight: true }, ['state store bindings/in-flight']],
  ])('a plan touching A is stale after %s, naming A and what moved', (_name, moved, parts) => {
    expect(findStaleCustomers(plan(), plan(moved))).toEqual([
      { customerId: CUSTOMER, customerName: 'Contoso', moved: parts },
    ]);
  });

  it('is stale when a touched customer is no longer planned', () => {
    const saved = plan({ bSeats: 14 });
    expect(findStaleCustomers(saved, plan({ bDeclared: false }))).toEqual([
      { customerId: B, customerName: 'Fabrikam', moved: ['not planned'] },
    ]);
  });

  it("is stale when a touched customer's actions were edited, even though its basis matches", () => {
    const saved = plan({ bSeats: 14 });
    const edited: Plan = {
      ...saved,
      actions: saved.actions.map((a) =>
        a.customerId === B && a.kind === 'increase-quantity'
          ? { ...a, after: { quantity: 500 } }
          : a,
      ),
    };
    expect(findStaleCustomers(edited, plan({ bSeats: 14 }))).toEqual([
      { customerId: B, customerName: 'Fabrikam', moved: ['actions'] },
    ]);
  });

  it('is not stale when only the predicted money moved (a prorated charge a day later)', () => {
    const saved = plan({ bSeats: 14 });
    const cost = {
      currency: 'EUR',
      unitPrice: 10,
      per: 'P1M',
      monthlyDelta: 40,
      commitment: 400,
      charge: 40,
      source: {
        market: 'DE',
        view: 'updatedlicensebased' as const,
        month: '2026-03',
        timeline: 'current' as const,
      },
    };
    const priced = (charge: number): Plan => ({
      ...saved,
      actions: saved.actions.map((a) =>
        a.customerId === B ? { ...a, cost: { ...cost, charge } } : a,
      ),
    });
    expect(findStaleCustomers(priced(40), priced(38.67))).toEqual([]);
  });
});

describe('assertPlanCurrent', () => {
  it('names the customer (name and id), what moved, and says to plan again', () => {
    expect(() => assertPlanCurrent(plan(), plan({ aLiveSeats: 11, aSeats: 13 }), 'p.json')).toThrow(
      `plan is stale: customer Contoso (${CUSTOMER}): its spec changed, its live state in Partner Center changed. Run \`qm plan --out p.json\` again and review it`,
    );
  });

  it('passes a plan whose touched customers did not move', () => {
    expect(() => assertPlanCurrent(plan(), plan({ bLiveSeats: 3 }), 'p.json')).not.toThrow();
  });
});
