import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  bindImportedItems,
  bindingsOfDrafts,
  readCustomerImport,
  withLease,
  type CustomerImport,
  type ImportBinding,
} from '../../agent/index.js';
import type { CustomerId } from '../../model/index.js';
import {
  addToSpecText,
  createSpecFileWriter,
  renderItemsToPaste,
  renderNewSpec,
  replaceSpecFile,
  specFileStem,
} from '../../spec/index.js';
import type { CommandContext } from '../main.js';
import { withReconcileApp } from '../workspace.js';
import type { ImportOptions } from './import.js';
import { checkWrittenSpecs, count, shownPath } from './import-workspace.js';
import type { ShardedWorkspace } from './shard-option.js';

/**
 * `qm import CUSTOMER_ID`. Without a spec: a new spec file (or, `--print`, its YAML on stdout
 * only). With one: binds the items that match, and adds the missing ones to its file (or,
 * `--print`, prints them ready to paste). Messages say which happened; with `--print` they go
 * to stderr, so stdout is only YAML. The lease is held only when the state is written.
 */
export async function runImportOne(
  ctx: CommandContext,
  workspace: ShardedWorkspace,
  customerId: CustomerId,
  opts: ImportOptions,
): Promise<void> {
  const { io } = ctx;
  const print = opts.print === true;
  const dryRun = opts.dryRun === true;
  const spec = workspace.desired.customers.find((c) => c.id === customerId);
  const specsDir = resolve(io.cwd, workspace.config.specs);
  await withReconcileApp(io, workspace, async (app) => {
    const run = async (): Promise<void> => {
      const found = await readCustomerImport(app, workspace.desired.customers, customerId);
      if (found.catalogProblem !== undefined)
        io.err(
          `note: the catalog could not be read (${found.catalogProblem.code}: ${found.catalogProblem.message}); keys come from the subscriptions' names and trials from their isTrial`,
        );
      const bindings = spec === undefined ? handleNew(found) : handleSpec(found);
      if (!dryRun) bindImportedItems(app, bindings);
    };
    return spec !== undefined || !print ? (dryRun ? run() : withLease(app, 'import', run)) : run();
  });

  /** No spec yet: a new file, or its YAML on stdout. Returns what to bind. */
  function handleNew(found: CustomerImport): ImportBinding[] {
    const { customer, items, notes } = found;
    const who = `${customer.name} (${customer.id})`;
    if (items.length === 0 && notes.length === 0) {
      io.err(
        `Partner Center lists no live subscription for ${who}: nothing to import, no spec written`,
      );
      return [];
    }
    const text = renderNewSpec({ customer, items, notes });
    const counts = `${count(items.length, 'item')}${notes.length === 0 ? '' : `, ${notes.length} left unmanaged (see the comments)`}`;
    if (print) {
      io.out(text.replace(/\n$/, ''));
      io.err(
        `${who}: ${counts}; nothing written or bound. Save it as a file in ${shownPath(io, specsDir)}/ (e.g. qm import ${customer.id} --print > ${shownPath(io, resolve(specsDir, `${specFileStem(customer.name, customer.id)}.yaml`))}); each item names its subscription, so qm plan then manages it`,
      );
      return [];
    }
    const file = createSpecFileWriter(specsDir, { dryRun }).write(
      specFileStem(customer.name, customer.id),
      text,
    );
    if (dryRun) {
      io.out(`would write ${shownPath(io, file)}: ${who}, ${counts}:`);
      io.out(text.replace(/\n$/, ''));
      return [];
    }
    checkWrittenSpecs(io, specsDir, [file]);
    io.out(`wrote ${shownPath(io, file)}: ${who}, ${counts}; items bound`);
    return bindingsOfDrafts(customer.id, items);
  }

  /** A spec declares the customer: bind matches, add (or print) the missing items. */
  function handleSpec(found: CustomerImport): ImportBinding[] {
    const say = print ? io.err : io.out;
    const file = resolve(specsDir, found.spec?.file ?? '');
    const shown = shownPath(io, file);
    for (const b of found.bind)
      say(
        `${dryRun ? 'would bind' : 'bound'} ${b.item} → ${b.subscription.id} (${b.subscription.friendlyName}, ${b.subscription.quantity} seats)`,
      );
    for (const a of found.ambiguous)
      say(
        `ambiguous ${a.item}: ${a.candidates.length} live subscriptions match (${a.candidates.map((c) => c.id).join(', ')}); set subscriptionId: on the item in ${shown} to choose one`,
      );
    const bindings: ImportBinding[] = found.bind.map((b) => ({
      customerId: found.customer.id,
      item: b.item,
      subscriptionId: b.subscription.id,
    }));
    // Computed in both modes, so notes the file already holds are neither added nor printed.
    const added = addToSpecText(
      shown,
      readFileSync(file, 'utf8'),
      found.customer.id,
      found.items,
      found.notes,
    );
    const pasted = renderItemsToPaste(added.items, added.notes).replace(/\n$/, '');
    const notes = added.notes.length === 0 ? '' : `, ${added.notes.length} left unmanaged`;
    if (pasted !== '' && print) {
      io.out(pasted);
      io.err(
        `${count(added.items.length, 'item')}${notes} to paste under subscriptions: in ${shown} (printed, not written)`,
      );
    } else if (pasted !== '') {
      if (!dryRun) {
        replaceSpecFile(file, added.text);
        checkWrittenSpecs(io, specsDir, [file]);
        bindings.push(...bindingsOfDrafts(found.customer.id, added.items));
      }
      io.out(
        `${dryRun ? 'would add' : 'added'} to ${shown}: ${count(added.items.length, 'item')}${notes}:`,
      );
      io.out(pasted);
    }
    const nothing =
      found.bind.length === 0 &&
      found.ambiguous.length === 0 &&
      added.items.length === 0 &&
      added.notes.length === 0;
    if (nothing)
      say(
        `Nothing to import: every live subscription of ${found.customer.name} is bound to an item of ${shown}, or noted there as one the spec format cannot state`,
      );
    return bindings;
  }
}
