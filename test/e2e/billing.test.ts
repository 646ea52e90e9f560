/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- the test reads the CLI JSON report loosely. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandboxClock } from '../../src/sandbox/index.js';
import { CONTOSO, E2e } from './harness.js';

const DAY = 24 * 60 * 60 * 1000;

const spec = (exchange: number): string => `exchange:
  product: CFQ7TTC0LH16
  sku: "0001"
  term: P1M
  billing: monthly
  quantity: ${exchange}
visio:
  product: CFQ7TTC0HD33
  sku: "0001"
  term: P1Y
  billing: monthly
  quantity: 3`;

describe('qm billing end to end (built CLI against the sandbox server)', () => {
  let e2e: E2e;
  // A manual sandbox clock that starts at the real time: the CLI journals on its wall clock,
  // and both must fall in the same billing month.
  beforeEach(async () => (e2e = await E2e.start({ clock: createSandboxClock(new Date()) })));
  afterEach(async () => e2e.close());

  it('matches every agent purchase and quantity change to the invoice and flags an out-of-band purchase', async () => {
    const period = e2e.sandbox.clock.now().toISOString().slice(0, 7);
    e2e.writeContoso(spec(10));
    expect((await e2e.qm('apply', '--auto-approve')).code).toBe(0);
    e2e.writeContoso(spec(14));
    expect((await e2e.qm('apply', '--auto-approve')).stdout).toMatch(
      /increase-quantity exchange .*10 → 14/,
    );
    e2e.writeContoso(spec(12));
    expect((await e2e.qm('apply', '--auto-approve')).stdout).toMatch(
      /decrease-quantity exchange .*14 → 12/,
    );
    const outOfBand = e2e.sandbox.admin.createSubscription(CONTOSO, {
      productId: 'CFQ7TTC0LH18',
      skuId: '0001',
      quantity: 5,
    });

    const open = await e2e.qm('billing', '--period', period, '--json');
    expect(open.code, open.stderr).toBe(0);
    const before = JSON.parse(open.stdout);
    expect(before.matched).toEqual([]);
    expect(before.unbilledYet.map((m: any) => [m.action.kind, m.lineItems.length])).toEqual([
      ['purchase', 1],
      ['purchase', 1],
      ['increase-quantity', 1],
      ['decrease-quantity', 1],
    ]);
    expect(before.billedNotByAgent.map((l: any) => l.subscriptionId)).toEqual([outOfBand.id]);

    e2e.sandbox.clock.advance(40 * DAY);
    e2e.sandbox.state.resetLog();
    const closed = await e2e.qm('billing', '--period', period, '--json', '--page-size', '2');
    expect(closed.code, closed.stderr).toBe(0);
    const report = JSON.parse(closed.stdout);
    expect(report.formatVersion).toBe(1);
    expect(report.unbilledYet).toEqual([]);
    expect(report.quantityMismatches).toEqual([]);
    expect(
      report.matched.map((m: any) => [
        m.action.kind,
        m.action.item,
        m.lineItems.map((l: any) => [l.chargeKind, l.quantity]),
      ]),
    ).toEqual([
      ['purchase', 'exchange', [['new', 10]]],
      ['purchase', 'visio', [['new', 3]]],
      ['increase-quantity', 'exchange', [['add-quantity', 4]]],
      ['decrease-quantity', 'exchange', [['remove-quantity', 2]]],
    ]);
    const invoiceId = `G${period.replace('-', '')}USD`;
    expect(report.matched.every((m: any) => m.lineItems[0].invoiceNumber === invoiceId)).toBe(true);
    const order = e2e.sandbox.state
      .orders(CONTOSO)
      .find((o) => o.lineItems[0]?.subscriptionId === outOfBand.id);
    expect(
      report.billedNotByAgent.map((l: any) => [
        l.orderId,
        l.subscriptionId,
        l.quantity,
        l.invoiceNumber,
      ]),
    ).toEqual([[order?.id, outOfBand.id, 5, invoiceId]]);
    // exchange 10·4 + 4·4 − 2·4, Visio 3·15, out of band 5·6 (sandbox USD list prices)
    expect(report.totals).toEqual([
      { currency: 'USD', total: 123, billed: 123, unbilled: 0, notByAgent: 30, lineItems: 5 },
    ]);
    // 5 billed lines at 2 per page: three pages, the later ones carrying MS-ContinuationToken.
    const pages = e2e.sandbox.state
      .requests()
      .filter((r) => r.path === `/v1/invoices/${invoiceId}/lineitems/OneTime/BillingLineItems`);
    expect(pages).toHaveLength(3);

    const human = await e2e.qm('billing', '--period', period, '--detailed-exitcode');
    expect(human.code).toBe(2);
    expect(human.stdout).toContain('Billed but not by the agent (1):');
    expect(human.stdout).toContain(outOfBand.id);
    expect(human.stdout).toContain(
      '4 matched, 0 unbilled yet, 1 billed but not by the agent, 0 quantity mismatches',
    );

    const pdf = await e2e.qm('billing', 'invoice', invoiceId, '--pdf', 'out/invoice.pdf');
    expect(pdf.code, pdf.stderr).toBe(0);
    expect(pdf.stdout).toContain(`Invoice ${invoiceId}`);
    expect(
      readFileSync(join(e2e.dir, 'out', 'invoice.pdf'))
        .subarray(0, 8)
        .toString('latin1'),
    ).toBe('%PDF-1.4');
  });

  it('refuses a malformed period before any network call', async () => {
    e2e.writeContoso(spec(1));
    const bad = await e2e.qm('billing', '--period', '2026-13');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--period must be YYYY-MM');
    expect(e2e.sandbox.state.requests()).toEqual([]);
  });
});
