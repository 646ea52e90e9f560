import { resolve } from 'node:path';
import type { Command } from 'commander';
import { listPartnerCustomers, type PartnerCustomerEntry } from '../../agent/index.js';
import type { CommandContext, CommandRegistrar } from '../main.js';
import { withApp } from '../workspace.js';
import { parsePageSize } from './import.js';
import { loadImportWorkspace, shownPath } from './import-workspace.js';

interface CustomersOptions {
  readonly config?: string;
  readonly json?: boolean;
  readonly pageSize?: string;
}

/** `qm customers --json` (docs/cli-import.md). */
export interface CustomersReport {
  readonly formatVersion: 1;
  readonly customers: readonly PartnerCustomerEntry[];
}

/**
 * `qm customers`: the partner's customers, read live (`GET /v1/customers`), sorted by name, each
 * with the spec file that declares it (paths relative to the working directory) or none. Spec
 * customers Partner Center does not list are named on stderr. Never writes anything.
 */
export const registerCustomers: CommandRegistrar = (program: Command, ctx: CommandContext) => {
  program
    .command('customers')
    .description("the partner's customers, live, with the spec file that declares each (or none)")
    .option('--json', 'print JSON (formatVersion 1)')
    .option('--page-size <n>', 'customers per GET /v1/customers page (default 100)')
    .action(async (_o: unknown, command: Command) => {
      const opts = command.optsWithGlobals<CustomersOptions>();
      const pageSize = parsePageSize(opts.pageSize);
      const { io } = ctx;
      const workspace = loadImportWorkspace(io, opts.config);
      const specsDir = resolve(io.cwd, workspace.config.specs);
      const list = await withApp(io, workspace, (app) =>
        listPartnerCustomers(app, workspace.desired.customers, {
          ...(pageSize === undefined ? {} : { pageSize }),
        }),
      );
      const customers = list.customers.map((c) =>
        c.specFile === undefined
          ? c
          : { ...c, specFile: shownPath(io, resolve(specsDir, c.specFile)) },
      );
      for (const c of list.notListed)
        io.err(
          `note: ${shownPath(io, resolve(specsDir, c.file))} declares customer ${c.id} (${c.name}), which Partner Center does not list for this partner: check customer.id`,
        );
      if (opts.json === true) {
        const report: CustomersReport = { formatVersion: 1, customers };
        io.out(JSON.stringify(report, null, 2));
        return;
      }
      io.out(renderCustomers(customers));
    });
};

/** A table: name, id, country, spec file (or `-`), and a count. */
export function renderCustomers(customers: readonly PartnerCustomerEntry[]): string {
  const rows = [
    ['NAME', 'ID', 'COUNTRY', 'SPEC'],
    ...customers.map((c) => [c.name, c.id, c.country ?? '-', c.specFile ?? '-']),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const lines = rows.map((r) =>
    r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i] ?? 0) : cell)).join('  '),
  );
  const declared = customers.filter((c) => c.specFile !== undefined).length;
  lines.push('', `${customers.length} customers, ${declared} with a spec.`);
  return lines.join('\n');
}
