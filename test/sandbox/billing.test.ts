/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-return -- conformance tests read wire JSON loosely. */
import { describe, expect, it } from 'vitest';
import {
  CONTOSO,
  DAY,
  FABRIKAM,
  boot,
  expectPcError,
  SANDBOX_TOKENS,
  type Api,
} from './helpers.js';

const UNBILLED =
  '/v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=billinglineitems';

async function readAll(api: Api, firstPath: string): Promise<{ items: any[]; pages: number }> {
  const items: any[] = [];
  let path: string | undefined = firstPath;
  let headers: Record<string, string> = {};
  let pages = 0;
  while (path !== undefined) {
    const reply = await api.get(path, { headers });
    expect(reply.status).toBe(200);
    pages++;
    items.push(...reply.body.items);
    const next = reply.body.links.next;
    if (next === undefined) break;
    expect(next.uri).toMatch(/seekOperation=Next$/);
    const token = next.headers.find((h: any) => h.key === 'MS-ContinuationToken').value;
    expect(reply.body.continuationToken).toBe(token);
    path = `/v1${next.uri}`;
    headers = { 'MS-ContinuationToken': token };
  }
  return { items, pages };
}

describe('sandbox billing', () => {
  it('bills a line per order line and per quantity change, unbilled until the month closes', async () => {
    const { sandbox, api } = await boot();
    const sub = await api.buyLicense(CONTOSO, 'CFQ7TTC0LCHC', '0002', 10);
    const up = await api.patch(`/v1/customers/${CONTOSO}/subscriptions/${sub.id}`, {
      ...sub,
      quantity: 14,
    });
    expect(up.status).toBe(200);
    const down = await api.patch(`/v1/customers/${CONTOSO}/subscriptions/${sub.id}`, {
      ...up.body,
      quantity: 12,
    });
    expect(down.status).toBe(200);

    const open = await readAll(api, `${UNBILLED}&currencycode=usd&period=current`);
    expect(open.items.map((i) => [i.chargeType, Number(i.quantity), i.subscriptionId])).toEqual([
      ['new', 10, sub.id],
      ['addQuantity', 4, sub.id],
      ['removeQuantity', 2, sub.id],
    ]);
    const [bought, added, removed] = open.items;
    expect(bought.orderId).toBe(sub.orderId);
    expect(bought.invoiceNumber).toBe('');
    // Money is a JSON string on the wire, as in the documented line items.
    expect(bought.unitPrice).toBe('22');
    expect(bought.subtotal).toBe('220');
    expect(added.subtotal).toBe('88');
    expect(removed.subtotal).toBe('-44');
    expect(bought.attributes.objectType).toBe('OneTimeInvoiceLineItem');
    expect((await api.get('/v1/invoices')).body.items).toEqual([]);

    sandbox.clock.advance(40 * DAY);
    expect((await readAll(api, `${UNBILLED}&currencycode=usd&period=previous`)).items).toEqual([]);
    const invoices = (await api.get('/v1/invoices')).body.items;
    expect(invoices).toHaveLength(1);
    const invoice = invoices[0];
    expect(invoice).toMatchObject({
      id: 'G202603USD',
      totalCharges: 264,
      currencyCode: 'USD',
      invoiceType: 'OneTime',
    });
    expect(invoice.billingPeriodStartDate).toBe('2026-03-01T00:00:00.000Z');
    const billed = await readAll(
      api,
      `/v1/invoices/${invoice.id}/lineitems/OneTime/BillingLineItems?size=2`,
    );
    expect(billed.pages).toBe(2);
    expect(billed.items.map((i) => [i.chargeType, Number(i.quantity), i.invoiceNumber])).toEqual([
      ['new', 10, 'G202603USD'],
      ['addQuantity', 4, 'G202603USD'],
      ['removeQuantity', 2, 'G202603USD'],
    ]);
    const byQuery = await readAll(
      api,
      `/v1/invoices/${invoice.id}/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&currencycode=usd&size=1`,
    );
    expect(byQuery.pages).toBe(3);
    expect(byQuery.items).toEqual(billed.items);

    const balance = await api.get('/v1/invoices/summary');
    expect(balance.body).toMatchObject({ balanceAmount: 264, currencyCode: 'USD' });
    expect((await api.get(`/v1/invoices/${invoice.id}`)).body.id).toBe(invoice.id);
    expectPcError(await api.get('/v1/invoices/G209901USD'), 404, 800002);
  });

  it('pages the unbilled line items of many purchases, one invoice per currency', async () => {
    const { sandbox, api } = await boot();
    for (let i = 0; i < 7; i++)
      sandbox.admin.createSubscription(CONTOSO, {
        productId: 'CFQ7TTC0LH18',
        skuId: '0001',
        quantity: i + 1,
      });
    sandbox.admin.createSubscription(FABRIKAM, {
      productId: 'CFQ7TTC0LH18',
      skuId: '0001',
      quantity: 3,
    });
    const usd = await readAll(api, `${UNBILLED}&currencycode=USD&period=current&size=3`);
    expect(usd.pages).toBe(3);
    expect(usd.items.map((i) => Number(i.quantity))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const eur = await readAll(api, `${UNBILLED}&currencycode=EUR&period=current`);
    expect(eur.items.map((i) => [i.customerId, i.currency, i.unitPrice])).toEqual([
      [FABRIKAM, 'EUR', '5.52'],
    ]);
    const bad = await api.get(`${UNBILLED}&currencycode=USD&period=current&size=3`, {
      headers: { 'MS-ContinuationToken': 'bm9wZQ' },
    });
    expectPcError(bad, 400, 800002);

    sandbox.clock.advance(40 * DAY);
    const summaries = (await api.get('/v1/invoices/summaries')).body.items;
    expect(summaries.map((s: any) => [s.currencyCode, s.balanceAmount])).toEqual([
      ['USD', 168],
      ['EUR', 16.56],
    ]);
    const forbidden = await api.get('/v1/invoices/summaries', { token: SANDBOX_TOKENS.appOnly });
    expectPcError(forbidden, 403, 900329);
  });

  it('serves the statement as a small valid PDF', async () => {
    const { sandbox, api } = await boot();
    sandbox.admin.createSubscription(CONTOSO, {
      productId: 'CFQ7TTC0LH18',
      skuId: '0001',
      quantity: 2,
    });
    sandbox.clock.advance(40 * DAY);
    const reply = await api.get('/v1/invoices/G202603USD/documents/statement');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/pdf');
    const pdf = reply.text;
    expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
    expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    const xref = Number(/startxref\n(\d+)\n/.exec(pdf)?.[1]);
    expect(pdf.slice(xref, xref + 4)).toBe('xref');
    const offsets = [...pdf.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((offset, i) =>
      expect(pdf.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true),
    );
  });
});
