import type { Command } from 'commander';
import {
  buildBillingReport,
  hasBillingDiscrepancies,
  renderBillingHuman,
  renderBillingJson,
} from '../../agent/billing/index.js';
import { billingPeriodOf, parseBillingPeriod, parseCustomerId } from '../../model/index.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandContext, CommandRegistrar } from '../main.js';
import { UserError } from '../user-error.js';
import { loadWorkspace, withApp } from '../workspace.js';

interface BillingOptions {
  config?: string;
  period?: string;
  customer?: string;
  json?: boolean;
  pageSize?: string;
  currency?: string[];
  detailedExitcode?: boolean;
}

/**
 * `qm billing`: the journal's purchases and quantity changes matched to Partner Center's
 * reconciliation line items for one month; `qm billing invoice ID --pdf FILE` saves an
 * invoice statement. Read-only against Partner Center and the state store.
 */
export const registerBilling: CommandRegistrar = (program: Command, ctx: CommandContext) => {
  const billing = program
    .command('billing')
    .description('match what the agent bought to what Partner Center billed (read-only)')
    .option('--period <YYYY-MM>', 'billing month (UTC); default: the current month')
    .option('--customer <id>', 'only this customer tenant')
    .option('--currency <code...>', 'also read unbilled lines in these currencies')
    .option('--page-size <n>', 'reconciliation line items per page', '2000')
    .option('--json', 'print the report as JSON (formatVersion 1)')
    .option(
      '--detailed-exitcode',
      'exit 2 when lines were billed but not by the agent, or quantities differ',
    )
    .action(async (_o: unknown, command: Command) => {
      const opts = command.optsWithGlobals<BillingOptions>();
      const period =
        opts.period === undefined ? billingPeriodOf(new Date()) : parseBillingPeriod(opts.period);
      if (period === undefined)
        throw new UserError(
          'invalid-input',
          `--period must be YYYY-MM, got "${opts.period ?? ''}"`,
        );
      const customerId = opts.customer === undefined ? undefined : parseCustomerId(opts.customer);
      if (opts.customer !== undefined && customerId === undefined) {
        throw new UserError(
          'invalid-input',
          `--customer must be a customer tenant id (GUID), got "${opts.customer}"`,
        );
      }
      const pageSize = Number(opts.pageSize ?? 2000);
      if (!Number.isInteger(pageSize) || pageSize < 1)
        throw new UserError('invalid-input', '--page-size must be a positive integer');
      const workspace = loadWorkspace(ctx.io, opts.config);
      const report = await withApp(ctx.io, workspace, (app) =>
        buildBillingReport(app, {
          period,
          ...(customerId === undefined ? {} : { customerId }),
          pageSize,
          currencies: (opts.currency ?? []).map((c) => c.toUpperCase()),
        }),
      );
      if (opts.json === true) ctx.io.out(renderBillingJson(report));
      else for (const line of renderBillingHuman(report)) ctx.io.out(line);
      if (opts.detailedExitcode === true && hasBillingDiscrepancies(report))
        ctx.setExitCode(ExitCode.changes);
    });

  billing
    .command('invoice <id>')
    .description('show an invoice; --pdf saves its statement')
    .option('--pdf <file>', 'save the invoice statement PDF to this file')
    .action(async (id: string, _o: unknown, command: Command) => {
      const opts = command.optsWithGlobals<{ config?: string; pdf?: string; json?: boolean }>();
      const workspace = loadWorkspace(ctx.io, opts.config);
      await withApp(ctx.io, workspace, async (app) => {
        const invoice = await app.client.billing.getInvoice(id);
        if (opts.json === true) ctx.io.out(JSON.stringify({ formatVersion: 1, invoice }, null, 2));
        else
          ctx.io.out(
            `Invoice ${invoice.id} dated ${invoice.invoiceDate}: ${invoice.totalCharges.toFixed(2)} ${invoice.currencyCode} (paid ${invoice.paidAmount.toFixed(2)})`,
          );
        if (opts.pdf !== undefined) {
          const saved = await app.client.billing.saveStatement(invoice.id, opts.pdf);
          ctx.io.err(`saved ${saved.bytes} bytes to ${saved.path}`);
        }
      });
    });
};
