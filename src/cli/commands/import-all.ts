import { resolve } from 'node:path';
import { importEstate, withLease, type EstateImport } from '../../agent/index.js';
import { createSpecFileWriter, renderNewSpec, specFileStem } from '../../spec/index.js';
import { ExitCode } from '../exit-codes.js';
import type { CommandContext } from '../main.js';
import { withReconcileApp } from '../workspace.js';
import type { ImportOptions } from './import.js';
import {
  checkWrittenSpecs,
  count,
  importProgress,
  loadImportWorkspace,
  shownPath,
} from './import-workspace.js';
import { applyShardOption } from './shard-option.js';

/**
 * `qm import --all` (DESIGN §4): a new spec file for every customer of the partner with live
 * subscriptions and no spec, never over an existing file. One line per file on stdout; the
 * summary, customers that could not be read (exit 1) and progress (on a terminal) on stderr.
 */
export async function runImportAll(
  ctx: CommandContext,
  opts: ImportOptions,
  pageSize: number | undefined,
): Promise<void> {
  const { io } = ctx;
  const all = loadImportWorkspace(io, opts.config);
  const workspace = applyShardOption(all, opts.shard);
  const dryRun = opts.dryRun === true;
  const specsDir = resolve(io.cwd, workspace.config.specs);
  const writer = createSpecFileWriter(specsDir, { dryRun });
  const onProgress = importProgress();
  const result = await withReconcileApp(io, workspace, (app) => {
    const run = (): Promise<EstateImport> =>
      importEstate(app, all.desired.customers, {
        ...(pageSize === undefined ? {} : { pageSize }),
        ...(workspace.shard === undefined ? {} : { shard: workspace.shard }),
        ...(onProgress === undefined ? {} : { onProgress }),
        dryRun,
        write: (draft) =>
          writer.write(specFileStem(draft.customer.name, draft.customer.id), renderNewSpec(draft)),
      });
    return dryRun ? run() : withLease(app, 'import', run);
  });
  for (const { file, draft } of result.written) {
    const notes = draft.notes.length === 0 ? '' : `, ${draft.notes.length} left unmanaged`;
    io.out(
      `${dryRun ? 'would write' : 'wrote'} ${shownPath(io, file)}: ${draft.customer.name} (${draft.customer.id}), ${count(draft.items.length, 'item')}${notes}`,
    );
  }
  if (!dryRun)
    checkWrittenSpecs(
      io,
      specsDir,
      result.written.map((w) => w.file),
    );
  if (result.catalogProblem !== undefined)
    io.err(
      `note: the catalog could not be read (${result.catalogProblem.code}: ${result.catalogProblem.message}); keys come from the subscriptions' names and trials from their isTrial`,
    );
  io.err(summary(result, dryRun, opts.shard));
  for (const f of result.failures)
    io.err(`cannot import ${f.name ?? 'customer'} (${f.customerId}): ${f.code}: ${f.message}`);
  if (result.failures.length > 0) {
    io.err(
      `${result.failures.length} customers could not be imported (listed above): run qm import --all again to retry them; customers with a spec are skipped`,
    );
    ctx.setExitCode(ExitCode.error);
  }
}

function summary(result: EstateImport, dryRun: boolean, shard: string | undefined): string {
  const items = result.written.reduce((sum, w) => sum + w.draft.items.length, 0);
  const parts = [
    dryRun
      ? `${count(result.written.length, 'spec file')} would be written (${count(items, 'item')}; nothing written or bound)`
      : `${count(result.written.length, 'spec file')} written (${count(result.bound, 'item')} bound)`,
    `${result.withSpec} already ${result.withSpec === 1 ? 'has' : 'have'} a spec`,
    `${result.withoutSubscriptions} ${result.withoutSubscriptions === 1 ? 'has' : 'have'} no live subscription`,
    ...(shard === undefined
      ? []
      : [
          `${result.otherShard} belong${result.otherShard === 1 ? 's' : ''} to other shards than ${shard}`,
        ]),
    ...(result.failures.length === 0 ? [] : [`${result.failures.length} could not be read`]),
  ];
  return `Partner Center lists ${result.listed} customers: ${parts.join(', ')}.`;
}
