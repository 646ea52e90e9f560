import type { SandboxInvoice } from './invoices.js';

/**
 * A small, valid PDF 1.4 statement for an invoice: one page listing its totals and lines.
 * Pure ASCII (Helvetica, WinAnsi), with a correct cross-reference table so readers open it
 * without repair. Real statements come from `GET /invoices/{id}/documents/statement` as
 * `application/pdf` (https://learn.microsoft.com/en-us/partner-center/developer/get-invoice-statement).
 */
export function buildStatementPdf(invoice: SandboxInvoice): string {
  const lines = [
    `Invoice ${invoice.id}`,
    `Billing period ${invoice.period} (${invoice.periodStart.slice(0, 10)} to ${invoice.periodEnd.slice(0, 10)})`,
    `Invoice date ${invoice.invoiceDate.slice(0, 10)}`,
    `Total ${invoice.totalCharges.toFixed(2)} ${invoice.currency}`,
    '',
    ...invoice.charges
      .slice(0, 40)
      .map(
        (c) =>
          `${c.orderId.slice(0, 12)} ${c.chargeType} ${c.productId}:${c.skuId} x${c.quantity} ${c.subtotal.toFixed(2)}`,
      ),
    ...(invoice.charges.length > 40 ? [`... and ${invoice.charges.length - 40} more lines`] : []),
  ];
  const text = lines.map((line, i) => `${i === 0 ? '' : 'T* '}(${escapePdf(line)}) Tj`).join('\n');
  const stream = `BT /F1 10 Tf 14 TL 50 800 Td\n${text}\nET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    `<< /Title (${escapePdf(`Invoice ${invoice.id}`)}) /Producer (Quartermaster sandbox) >>`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return body;
}

function escapePdf(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
}
