import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chargeKindOf,
  createPartnerCenterClient,
  createStaticTokenSource,
  PartnerCenterError,
  type PartnerCenterClient,
} from '../../src/partnercenter/index.js';
import {
  createSandboxClock,
  SANDBOX_TOKENS,
  SEED_CUSTOMERS,
  startSandbox,
  type RunningSandbox,
} from '../../src/sandbox/index.js';
import { ManualClock } from '../../src/support/index.js';

const DAY = 24 * 60 * 60 * 1000;
const CONTOSO = SEED_CUSTOMERS.contoso;
const FABRIKAM = SEED_CUSTOMERS.fabrikam;

let sandbox: RunningSandbox;
let client: PartnerCenterClient;
let dir: string;
let paths: string[];

beforeEach(async () => {
  sandbox = await startSandbox({
    clock: createSandboxClock('2026-03-05T09:00:00Z'),
    rateLimitPerMinute: 0,
  });
  paths = [];
  client = createPartnerCenterClient({
    baseUrl: sandbox.url,
    tokenSource: createStaticTokenSource(SANDBOX_TOKENS.appUser),
    clock: new ManualClock('2026-03-05T09:00:00Z'),
    onCall: (event) => paths.push(event.path),
  });
  dir = mkdtempSync(join(tmpdir(), 'qm-billing-client-'));
});

afterEach(async () => {
  await client.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('billing client against the sandbox', () => {
  it('follows MS-ContinuationToken paging through more unbilled lines than one page', async () => {
    for (let i = 1; i <= 25; i++)
      sandbox.admin.createSubscription(CONTOSO, {
        productId: 'CFQ7TTC0LH18',
        skuId: '0001',
        quantity: i,
      });
    const items = await client.billing.unbilledLineItems('USD', 'current', { pageSize: 10 });
    expect(items.map((i) => i.quantity)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(paths.filter((p) => p === '/v1/invoices/unbilled/lineitems')).toHaveLength(3);
    expect(items[0]).toMatchObject({
      customerId: CONTOSO,
      chargeKind: 'new',
      currency: 'USD',
      unitPrice: 6,
      subtotal: 6,
    });
    expect(items[0]?.invoiceNumber).toBeUndefined();
    expect(await client.billing.unbilledLineItems('USD', 'previous')).toEqual([]);
  });

  it('lists invoices per currency once the month closes, with billed lines, balance and summaries', async () => {
    sandbox.admin.createSubscription(CONTOSO, {
      productId: 'CFQ7TTC0LCHC',
      skuId: '0002',
      quantity: 3,
    });
    sandbox.admin.createSubscription(FABRIKAM, {
      productId: 'CFQ7TTC0LH18',
      skuId: '0001',
      quantity: 2,
    });
    expect(await client.billing.listInvoices()).toEqual([]);
    sandbox.clock.advance(30 * DAY);

    const invoices = await client.billing.listInvoices({ pageSize: 1 });
    expect(
      invoices.map((i) => [i.id, i.currencyCode, i.totalCharges, i.billingPeriodStartDate]),
    ).toEqual([
      ['G202603EUR', 'EUR', 11.04, '2026-03-01T00:00:00.000Z'],
      ['G202603USD', 'USD', 66, '2026-03-01T00:00:00.000Z'],
    ]);
    const billed = await client.billing.billedLineItems('G202603USD', { pageSize: 1 });
    expect(billed.map((l) => [l.chargeKind, l.quantity, l.invoiceNumber])).toEqual([
      ['new', 3, 'G202603USD'],
    ]);
    expect((await client.billing.getInvoice('G202603USD')).totalCharges).toBe(66);
    expect(await client.billing.balance()).toMatchObject({
      currencyCode: 'USD',
      balanceAmount: 66,
    });
    const summaries = await client.billing.summaries();
    expect(
      summaries.map((s) => [s.currencyCode, s.balanceAmount, s.details[0]?.invoiceType]),
    ).toEqual([
      ['USD', 66, 'OneTime'],
      ['EUR', 11.04, 'OneTime'],
    ]);
    await expect(client.billing.getInvoice('G209912USD')).rejects.toBeInstanceOf(
      PartnerCenterError,
    );
  });

  it('saves the invoice statement PDF byte for byte', async () => {
    sandbox.admin.createSubscription(CONTOSO, {
      productId: 'CFQ7TTC0LH18',
      skuId: '0001',
      quantity: 4,
    });
    sandbox.clock.advance(30 * DAY);
    const file = join(dir, 'nested', 'invoice.pdf');
    const saved = await client.billing.saveStatement('G202603USD', file);
    const bytes = readFileSync(file);
    expect(saved).toEqual({ path: file, bytes: bytes.length });
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(bytes.toString('latin1')).toContain('Invoice G202603USD');
  });

  it.each([
    ['New', 'new'],
    ['Purchase', 'new'],
    ['PURCHASE FEE', 'new'],
    ['addQuantity', 'add-quantity'],
    ['removeQuantity', 'remove-quantity'],
    ['Refund', 'cancel'],
    ['cancelImmediate', 'cancel'],
    ['cycleCharge', 'cycle-charge'],
    ['somethingElse', 'other'],
  ])('maps chargeType %s to %s', (wire, kind) => {
    expect(chargeKindOf(wire)).toBe(kind);
  });
});
