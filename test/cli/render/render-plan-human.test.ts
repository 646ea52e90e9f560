import { describe, expect, it } from 'vitest';
import { renderActionResult, renderPlanHuman } from '../../../src/cli/render/index.js';
import type { ActionKey, CustomerId, ItemKey } from '../../../src/model/index.js';
import { EMPTY_PLAN, FIXTURE_PLAN } from './fixture-plan.js';

describe('renderPlanHuman', () => {
  it('groups per customer with markers, product names, before → after, reasons, dependencies and a summary line', () => {
    expect(renderPlanHuman(FIXTURE_PLAN, { color: false })).toBe(
      [
        'Quartermaster plan · created 2026-03-01T12:00:00.000Z · spec aaaaaaaaaaaa · observed cccccccccccc · state serial 7',
        '',
        'Contoso (11111111-1111-4111-8111-111111111111)',
        '  ~ register-azure-subscription vm: register Azure subscription az-1',
        '      reservations need Azure subscription az-1 registered first',
        '  + purchase vm: azure-reservation Reserved VM Instance, Dsv3 (RES1:0059) P1Y/one_time × 2, scope shared  (irreversible)',
        '      not bought yet',
        '      after register-azure-subscription vm',
        '  + purchase exchange: Exchange Online (Plan 1) (EXO:0001) P1M/monthly × 10, autorenew on  (irreversible)',
        '      not owned yet',
        '  ~ set-autorenew m365 [aaaaaaaa-0000-4000-8000-000000000001]: Microsoft 365 Business Premium, autorenew off → on',
        '      spec wants autorenew on',
        '  - decrease-quantity m365 [aaaaaaaa-0000-4000-8000-000000000001]: Microsoft 365 Business Premium, 10 → 7 seats',
        '      3 of 10 refundable',
        '  - schedule-decrease m365 [aaaaaaaa-0000-4000-8000-000000000001]: Microsoft 365 Business Premium, 7 → 5 seats at renewal 2026-05-31',
        '      the rest at renewal',
        '      after decrease-quantity m365',
        '      after set-autorenew m365',
        '  ~ increase-quantity teams [aaaaaaaa-0000-4000-8000-000000000002]: 25 → 30 seats',
        '      spec wants 30 seats, Partner Center has 25',
        '  - cancel visio [aaaaaaaa-0000-4000-8000-000000000002]: Visio Plan 2, active, 3 seats → deleted (cancellable until 2026-03-05T00:00:00Z)  (irreversible)',
        '      tombstone',
        '  ! autorenew-off office [aaaaaaaa-0000-4000-8000-000000000001]: Office 365 E3 (wanted schedule-decrease)',
        '      cannot lower before renewal on 2026-05-31',
        '  ! unknown-product teams (wanted purchase)',
        '      the catalog has no product CFQ7TTC0LH1X (SKU 0001) for country US',
        '',
        '22222222-2222-4222-8222-222222222222',
        '  ! in-flight project: Project Plan 3',
        '      waiting: order o-1 is not visible yet',
        '  ? unmanaged [aaaaaaaa-0000-4000-8000-000000000002] Visio Plan 1 (VISIO:0001:AV) × 4, active: no spec names it; left alone',
        '',
        'Skipped customers (live read failed; nothing planned for them):',
        '  ! Fabrikam (33333333-3333-4333-8333-333333333333): [http-503] service unavailable',
        '',
        'Irreversible: 3 actions commit money or cannot be undone (purchases, cancellations).',
        'Plan: 2 to buy, 3 to change, 3 to reduce or cancel; 3 blocked, 1 unmanaged.',
        '',
      ].join('\n'),
    );
  });

  it('says "No changes" for an empty plan', () => {
    expect(renderPlanHuman(EMPTY_PLAN, { color: false })).toBe(
      'Quartermaster plan · created 2026-03-01T12:00:00.000Z · spec aaaaaaaaaaaa · observed bbbbbbbbbbbb · state serial 1\n\nNo changes. 0 blocked, 0 unmanaged.\n',
    );
  });

  it('colours markers only when asked', () => {
    const coloured = renderPlanHuman(FIXTURE_PLAN, { color: true });
    expect(coloured).toContain('\u001b[32m+ purchase\u001b[0m vm:');
    expect(coloured).toContain('\u001b[31m- cancel\u001b[0m visio');
    expect(coloured).toContain('\u001b[35m! autorenew-off\u001b[0m office');
    expect(renderPlanHuman(FIXTURE_PLAN, { color: false })).not.toContain('\u001b[');
    // Stripping the escapes gives the plain rendering back.
    expect(coloured.replaceAll(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g'), '')).toBe(
      renderPlanHuman(FIXTURE_PLAN, { color: false }),
    );
  });
});

describe('renderActionResult', () => {
  const result = {
    key: 'purchase:0000000000000003' as ActionKey,
    kind: 'purchase',
    customerId: '11111111-1111-4111-8111-111111111111' as CustomerId,
    item: 'exchange' as ItemKey,
    status: 'succeeded',
    message: 'ordered 10 × EXO/0001 (order o-1)',
  } as const;

  it('leads the message with the product name when the plan knew it', () => {
    expect(renderActionResult({ ...result, productName: 'Exchange Online (Plan 1)' })).toBe(
      '  ok      purchase exchange (11111111-1111-4111-8111-111111111111): Exchange Online (Plan 1), ordered 10 × EXO/0001 (order o-1)',
    );
  });

  it('prints the message alone when the name is unknown', () => {
    expect(renderActionResult(result)).toBe(
      '  ok      purchase exchange (11111111-1111-4111-8111-111111111111): ordered 10 × EXO/0001 (order o-1)',
    );
  });
});
