import { describe, expect, it } from 'vitest';
import {
  buildRenewalNotices,
  buildWipedScheduleNotices,
  noticeKey,
  noticeText,
  type JournalEntry,
  type Notice,
  type NoticeMark,
  type WatchedSubscription,
} from '../../src/agent/index.js';
import {
  pendingChanges,
  withAppliedChanges,
} from '../../src/agent/daemon/renewal-notice-inputs.js';
import { thresholdApplies } from '../../src/agent/daemon/renewal-notices.js';
import type {
  ActionKey,
  CustomerId,
  ItemKey,
  LiveSubscription,
  Plan,
  ScheduleDecreaseAction,
  SubscriptionId,
} from '../../src/model/index.js';

const C = '6f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11' as CustomerId;
const S = '3a1f9e8d-7c6b-4a5e-9d4c-3b2a1f0e9d8c' as SubscriptionId;
const DAY = 86_400_000;
/** commitmentEndDate 2026-04-01 (inclusive): the renewal is 2026-04-02T00:00Z. */
const RENEWS = new Date('2026-04-02T00:00:00.000Z');
const before = (ms: number): Date => new Date(RENEWS.getTime() - ms);

function aSubscription(extra: Partial<LiveSubscription> = {}): LiveSubscription {
  return {
    id: S,
    customerId: C,
    offerId: 'CFQ7TTC0LCHC:0002:CFQ7TTC0LCHC',
    productId: 'CFQ7TTC0LCHC',
    skuId: '0002',
    friendlyName: 'Microsoft 365 Business Premium',
    quantity: 20,
    status: 'active',
    autoRenewEnabled: true,
    termDuration: 'P1Y',
    billingCycle: 'monthly',
    creationDate: '2025-04-02T00:00:00Z',
    commitmentEndDate: '2026-04-01T00:00:00Z',
    ...extra,
  };
}

function watched(sub: LiveSubscription, observedAt = '2026-03-01T00:00:00Z'): WatchedSubscription {
  return {
    customerId: C,
    customerName: 'Contoso Ltd',
    country: 'US',
    item: 'bp' as ItemKey,
    subscription: sub,
    observedAt,
  };
}

/** A state store stand-in: what `record` would keep, as marks. */
function recordedSet(): { has: (m: NoticeMark) => boolean; add: (m: NoticeMark) => void } {
  const keys = new Set<string>();
  const key = (m: NoticeMark): string => JSON.stringify(m);
  return { has: (m) => keys.has(key(m)), add: (m) => keys.add(key(m)) };
}

describe('renewal notices (buildRenewalNotices)', () => {
  it('notices each threshold once as the renewal comes closer: 30, 7, 1 days', () => {
    const recorded = recordedSet();
    const sent: number[] = [];
    const tick = (now: Date): void => {
      const rows = buildRenewalNotices({
        managed: [watched(aSubscription())],
        thresholds: [30, 7, 1],
        now,
        isRecorded: recorded.has,
      });
      for (const row of rows) {
        recorded.add(row.mark);
        const notice = row.notice as Notice | undefined;
        if (notice?.event === 'renewal-upcoming') sent.push(notice.thresholdDays);
      }
    };
    for (const at of [
      before(40 * DAY),
      before(30 * DAY + 1),
      before(30 * DAY), // exactly 30 days: within
      before(29 * DAY),
      before(8 * DAY),
      before(6 * DAY),
      before(6 * DAY - 1),
      before(DAY - 1),
      before(60_000),
      RENEWS, // renewing now: nothing any more
    ])
      tick(at);
    expect(sent).toEqual([30, 7, 1]);
  });

  it('sends only the smallest threshold crossed while the daemon was down, recording all', () => {
    const rows = buildRenewalNotices({
      managed: [watched(aSubscription())],
      thresholds: [1, 30, 7],
      now: before(5 * DAY),
      isRecorded: () => false,
    });
    expect(rows.map((r) => [r.mark, r.notice === undefined])).toEqual([
      [
        { kind: 'renewal', subscriptionId: S, renewsAt: RENEWS.toISOString(), thresholdDays: 7 },
        false,
      ],
      [
        { kind: 'renewal', subscriptionId: S, renewsAt: RENEWS.toISOString(), thresholdDays: 30 },
        true,
      ],
    ]);
  });

  it('says what renews, at what shape, quantity and price, and the last moment to change it', () => {
    const [row] = buildRenewalNotices({
      managed: [
        watched(
          aSubscription({
            scheduledNextTermInstructions: {
              productId: 'CFQ7TTC0LCHC',
              skuId: '0002',
              quantity: 15,
              termDuration: 'P1Y',
              billingCycle: 'annual',
            },
          }),
        ),
      ],
      thresholds: [7],
      now: before(6 * DAY + 3_600_000),
      isRecorded: () => false,
      priceOf: (_m, shape) => ({
        currency: 'USD',
        unitPrice: 264,
        per: 'P1Y',
        charge: 264 * shape.quantity,
        monthly: 22 * shape.quantity,
        source: { market: 'US', view: 'updatedlicensebased', month: '2026-04', timeline: 'future' },
      }),
      pendingOf: () => [{ kind: 'purchase', status: 'awaits-review', reason: 'not owned yet' }],
    });
    expect(row?.notice).toEqual({
      event: 'renewal-upcoming',
      customerId: C,
      customerName: 'Contoso Ltd',
      item: 'bp',
      subscriptionId: S,
      productName: 'Microsoft 365 Business Premium',
      renewsAt: '2026-04-02T00:00:00.000Z',
      thresholdDays: 7,
      daysLeft: 6,
      autoRenew: true,
      outcome: 'renews',
      current: {
        productId: 'CFQ7TTC0LCHC',
        skuId: '0002',
        termDuration: 'P1Y',
        billingCycle: 'monthly',
        quantity: 20,
      },
      atRenewal: {
        productId: 'CFQ7TTC0LCHC',
        skuId: '0002',
        termDuration: 'P1Y',
        billingCycle: 'annual',
        quantity: 15,
        scheduled: true,
      },
      price: {
        currency: 'USD',
        unitPrice: 264,
        per: 'P1Y',
        charge: 3960,
        monthly: 330,
        source: { market: 'US', view: 'updatedlicensebased', month: '2026-04', timeline: 'future' },
      },
      changeBefore: '2026-04-02T00:00:00.000Z',
      pending: [{ kind: 'purchase', status: 'awaits-review', reason: 'not owned yet' }],
    });
    expect(noticeText(row?.notice as Notice)).toBe(
      `Quartermaster: Contoso Ltd / bp (Microsoft 365 Business Premium, subscription ${S}) renews at 2026-04-02T00:00:00.000Z (in 6 day(s)) as scheduled: 15 × CFQ7TTC0LCHC:0002 P1Y/annual, USD 330.00 per month; to change it, set the change before 2026-04-02T00:00:00.000Z. 1 change(s) the spec wants are purchase awaits-review.`,
    );
    expect(noticeKey(row?.notice as Notice)).toBe(`renewal:${S}:2026-04-02T00:00:00.000Z:7`);
  });

  it('says a subscription with autorenew off ends, with no shape or price at renewal', () => {
    const [row] = buildRenewalNotices({
      managed: [watched(aSubscription({ autoRenewEnabled: false }))],
      thresholds: [1],
      now: before(3_600_000),
      isRecorded: () => false,
      priceOf: () => {
        throw new Error('an ending subscription is not priced');
      },
    });
    expect(row?.notice).toMatchObject({ outcome: 'ends', autoRenew: false, daysLeft: 0 });
    expect(row?.notice).not.toHaveProperty('atRenewal');
    expect(noticeText(row?.notice as Notice)).toContain(
      'ends at 2026-04-02T00:00:00.000Z (in less than a day): autorenew is off, so it expires; to keep it, turn autorenew on before 2026-04-02T00:00:00.000Z.',
    );
  });

  it.each([
    ['suspended', aSubscription({ status: 'suspended' })],
    ['without a commitment end date', aSubscription({ commitmentEndDate: undefined as never })],
  ])('skips a subscription %s', (_name, sub) => {
    expect(
      buildRenewalNotices({
        managed: [watched(sub)],
        thresholds: [30, 7, 1],
        now: before(DAY / 2),
        isRecorded: () => false,
      }),
    ).toEqual([]);
  });

  it.each([
    [30, 'P1M', false],
    [27, 'P1M', true],
    [7, 'P1M', true],
    [30, 'P1Y', true],
    [400, 'P1Y', false],
    [400, 'P3Y', true],
    [30, 'odd', true],
  ])('a %i-day threshold applies to a %s term: %s', (days, term, applies) => {
    expect(thresholdApplies(days, term)).toBe(applies);
  });

  it('never sends the 30-day notice of a monthly subscription, which would come as it starts', () => {
    const monthly = aSubscription({
      termDuration: 'P1M',
      creationDate: '2026-03-02T00:00:00Z',
    });
    const rows = buildRenewalNotices({
      managed: [watched(monthly)],
      thresholds: [30, 7],
      now: before(29 * DAY),
      isRecorded: () => false,
    });
    expect(rows).toEqual([]);
  });
});

describe('renewal notices: this tick’s applied changes and pending ones', () => {
  const action: ScheduleDecreaseAction = {
    kind: 'schedule-decrease',
    key: 'schedule-decrease:1' as ActionKey,
    customerId: C,
    customerName: 'Contoso Ltd',
    item: 'bp' as ItemKey,
    reason: 'spec wants 15',
    subscriptionId: S,
    before: { quantity: 20 },
    after: { quantity: 15 },
    nextTerm: {
      productId: 'CFQ7TTC0LCHC',
      skuId: '0002',
      termDuration: 'P1Y',
      billingCycle: 'monthly',
    },
  };
  const plan = (actions: Plan['actions'], blocked: Plan['blocked'] = []): Plan =>
    ({ actions, blocked, unmanaged: [], summary: {} }) as unknown as Plan;
  const result = (status: 'succeeded' | 'failed' | 'skipped') => ({
    key: action.key,
    kind: action.kind,
    customerId: C,
    item: action.item,
    status,
    message: '',
  });

  it('lays a scheduled change applied this tick over the refreshed subscription', () => {
    const [m] = withAppliedChanges([watched(aSubscription())], {
      plan: plan([action]),
      report: { results: [result('succeeded')], counts: {} as never },
    });
    expect(m?.subscription.scheduledNextTermInstructions).toEqual({
      productId: 'CFQ7TTC0LCHC',
      skuId: '0002',
      quantity: 15,
      termDuration: 'P1Y',
      billingCycle: 'monthly',
    });
  });

  it('leaves out an item whose action failed (the next refresh says what it is); skipped is no change', () => {
    const failed = withAppliedChanges([watched(aSubscription())], {
      plan: plan([action]),
      report: { results: [result('failed')], counts: {} as never },
    });
    expect(failed).toEqual([]);
    const skipped = withAppliedChanges([watched(aSubscription())], {
      plan: plan([action]),
      report: { results: [result('skipped')], counts: {} as never },
    });
    expect(skipped).toEqual([watched(aSubscription())]);
  });

  it('lists what waits for review and what is blocked for the item', () => {
    const pendingOf = pendingChanges({
      plan: plan(
        [],
        [
          {
            customerId: C,
            item: 'bp' as ItemKey,
            code: 'autorenew-off',
            reason: 'autorenew is off',
            wanted: 'schedule-change',
          },
        ],
      ),
      deferred: [action],
    });
    expect(pendingOf(C, 'bp')).toEqual([
      { kind: 'schedule-decrease', status: 'awaits-review', reason: 'spec wants 15' },
      {
        kind: 'schedule-change',
        status: 'blocked',
        code: 'autorenew-off',
        reason: 'autorenew is off',
      },
    ]);
    expect(pendingOf(C, 'other')).toEqual([]);
  });
});

describe('wiped scheduled changes (buildWipedScheduleNotices)', () => {
  const observedAt = '2026-03-10T00:00:00.000Z';
  const now = new Date(observedAt);
  /** This tick's run: the refresh read the subscription at `observedAt`, before its applies. */
  const RUN = 7;
  function scheduleRow(
    id: number,
    settledAt: string,
    runId = 4,
    instructions: unknown = {
      productId: 'CFQ7TTC0LCHC',
      skuId: '0002',
      quantity: 15,
      termDuration: 'P1Y',
      billingCycle: 'monthly',
    },
  ): JournalEntry {
    return {
      id,
      runId,
      actionKey: `schedule-decrease:${id}` as ActionKey,
      requestId: `r-${id}`,
      kind: 'schedule-decrease',
      step: 'patch-subscription',
      customerId: C,
      item: 'bp' as ItemKey,
      orderIds: [],
      subscriptionId: S,
      status: 'succeeded',
      request: { change: { scheduledNextTermInstructions: instructions } },
      attempts: 1,
      createdAt: settledAt,
      updatedAt: settledAt,
      settledAt,
    };
  }
  const build = (
    sub: LiveSubscription,
    rows: JournalEntry[],
    isRecorded: (m: NoticeMark) => boolean = () => false,
  ) =>
    buildWipedScheduleNotices({
      managed: [watched(sub, observedAt)],
      now,
      runId: RUN,
      rowsOf: (customerId) => (customerId === C ? rows : []),
      isRecorded,
    });

  it('notices a change the agent set this term that the live subscription no longer shows', () => {
    const rows = build(aSubscription(), [
      scheduleRow(3, '2025-12-01T00:00:00Z'),
      scheduleRow(9, '2026-02-01T00:00:00Z'),
    ]);
    expect(rows).toEqual([
      {
        mark: { kind: 'schedule-wiped', subscriptionId: S, journalId: 9 },
        customerId: C,
        item: 'bp',
        renewsAt: '2026-04-02T00:00:00.000Z',
        notice: {
          event: 'scheduled-change-wiped',
          customerId: C,
          customerName: 'Contoso Ltd',
          item: 'bp',
          subscriptionId: S,
          productName: 'Microsoft 365 Business Premium',
          renewsAt: '2026-04-02T00:00:00.000Z',
          journalRow: 9,
          runId: 4,
          setAt: '2026-02-01T00:00:00Z',
          scheduled: {
            productId: 'CFQ7TTC0LCHC',
            skuId: '0002',
            quantity: 15,
            termDuration: 'P1Y',
            billingCycle: 'monthly',
          },
          setAgain: false,
        },
      },
    ]);
    expect(noticeText(rows[0]?.notice as Notice)).toContain(
      'is no longer in Partner Center: an immediate change (seats, autorenew off, a transition) deletes scheduled changes; the next plan sets it again if the spec still wants it.',
    );
  });

  it('says when this tick set it again (a row of this run: made after the refresh)', () => {
    const rows = build(aSubscription(), [
      scheduleRow(9, '2026-02-01T00:00:00Z'),
      // The same instant as the refresh (a clock that did not move): the run tells them apart.
      scheduleRow(12, observedAt, RUN),
    ]);
    expect(rows.map((r) => [r.mark, (r.notice as { setAgain: boolean }).setAgain])).toEqual([
      [{ kind: 'schedule-wiped', subscriptionId: S, journalId: 9 }, true],
    ]);
  });

  it.each([
    [
      'the live subscription still shows instructions',
      aSubscription({
        scheduledNextTermInstructions: { productId: 'CFQ7TTC0LCHC', skuId: '0002', quantity: 15 },
      }),
      [scheduleRow(9, '2026-02-01T00:00:00Z')],
    ],
    [
      'the change was for an earlier renewal',
      aSubscription(),
      [scheduleRow(9, '2025-03-01T00:00:00Z')],
    ],
    [
      'the change was made after the refresh, by another run',
      aSubscription(),
      [scheduleRow(9, '2026-03-10T00:00:01Z')],
    ],
    ['the change was made by this run', aSubscription(), [scheduleRow(9, observedAt, RUN)]],
    [
      'the agent’s last schedule PATCH cleared the instructions',
      aSubscription(),
      [scheduleRow(9, '2026-01-01T00:00:00Z'), scheduleRow(10, '2026-02-01T00:00:00Z', 4, null)],
    ],
    [
      'the subscription is not active',
      aSubscription({ status: 'suspended' }),
      [scheduleRow(9, '2026-02-01T00:00:00Z')],
    ],
  ])('says nothing when %s', (_name, sub, rows) => {
    expect(build(sub, rows)).toEqual([]);
  });

  it('says it once per journal row', () => {
    const rows = [scheduleRow(9, '2026-02-01T00:00:00Z')];
    expect(
      build(aSubscription(), rows, (m) => m.kind === 'schedule-wiped' && m.journalId === 9),
    ).toEqual([]);
    expect(noticeKey(build(aSubscription(), rows)[0]?.notice as Notice)).toBe(`wiped:${S}:9`);
  });
});
