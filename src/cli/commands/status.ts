import type { Command } from 'commander';
import { buildStatusReport, renewingWithin } from '../../agent/index.js';
import type { CommandContext, CommandRegistrar } from '../main.js';
import { leadWithName, renewalLine } from '../render/index.js';
import { loadWorkspace } from '../workspace.js';
import { applyShardOption, SHARD_HELP } from './shard-option.js';
import { openStateForReading } from './state-store-access.js';

/** How many plans awaiting review `qm status` lists (the newest). */
const AWAITING_SHOWN = 5;

/** `qm status` lists the renewals within this many days (`qm renewals` has them all). */
const RENEWALS_DAYS = 30;

/**
 * `qm status`: managed, in flight, activation links, drift, blocked, unmanaged, the renewals of
 * the next 30 days and every change set for a renewal (from the last snapshots), and the newest
 * plans the daemon saved for review (with their ids) — offline.
 */
export const registerStatus: CommandRegistrar = (program: Command, ctx: CommandContext) => {
  program
    .command('status')
    .description(
      'what is managed, in flight, drifted, unmanaged and renewing, from the last refresh (no network)',
    )
    .option('--json', 'print JSON')
    .option('--shard <i/n>', SHARD_HELP)
    .action((_o: unknown, command: Command) => {
      const opts = command.optsWithGlobals<{ config?: string; json?: boolean; shard?: string }>();
      const workspace = applyShardOption(loadWorkspace(ctx.io, opts.config), opts.shard);
      const store = openStateForReading(ctx.io, workspace.config.state);
      try {
        const report = buildStatusReport(store, workspace.desired, new Date());
        const awaiting = store.plans.list(AWAITING_SHOWN).map((p) => ({
          id: p.id,
          savedAt: p.savedAt,
          actions: p.plan.actions.length,
        }));
        if (opts.json === true) {
          ctx.io.out(
            JSON.stringify({ formatVersion: 1, ...report, awaitingReview: awaiting }, null, 2),
          );
          return;
        }
        const { out } = ctx.io;
        const seen = report.observedAt.map((o) => o.observedAt).sort();
        out(
          `Last refresh: ${seen.length === 0 ? 'never (run qm plan)' : `${seen[0]} … ${seen[seen.length - 1]}`}`,
        );
        out(`Managed items: ${report.managed}`);
        out(`In flight (${report.inFlight.length}):`);
        for (const f of report.inFlight)
          out(
            `  ${f.item} (${f.customerId}) ${leadWithName(f.productName, `since ${f.since}`)}, orders ${f.orderIds.join(', ') || 'unknown'}`,
          );
        out(`Activation links (${report.activationLinks.length}):`);
        for (const a of report.activationLinks)
          out(
            `  ${a.item} (${a.customerId}) ${leadWithName(a.productName, `order ${a.orderIds.join(', ')}`)}: ${a.links.join(' ')}`,
          );
        out(`Drifted (${report.plan.actions.length}):`);
        for (const a of report.plan.actions)
          out(`  ${a.kind} ${a.item} (${a.customerId}): ${leadWithName(a.productName, a.reason)}`);
        out(`Blocked (${report.plan.blocked.length}):`);
        for (const b of report.plan.blocked)
          out(
            `  ${b.item} (${b.customerId}) [${b.code}]: ${leadWithName(b.productName, b.reason)}`,
          );
        out(`Unmanaged (${report.plan.unmanaged.length}):`);
        for (const u of report.plan.unmanaged)
          out(
            `  ${u.subscriptionId} (${u.customerId}) ${leadWithName(u.productName, u.offerId)} × ${u.quantity} ${u.status}`,
          );
        const soon = renewingWithin(report.renewals, RENEWALS_DAYS);
        out(
          `Renewals in the next ${RENEWALS_DAYS} days (${soon.length} of ${report.renewals.length}; all, live: qm renewals):`,
        );
        for (const r of soon) out(`  ${renewalLine(r)}`);
        const changes = report.renewals.filter(
          (r) => r.next?.scheduled === true || r.ends === true,
        );
        out(
          `Changes at renewal (${changes.length}, scheduled in Partner Center or autorenew off):`,
        );
        for (const r of changes) out(`  ${renewalLine(r)}`);
        out(`Awaiting review (${awaiting.length} newest, saved by qm run):`);
        for (const p of awaiting)
          out(
            `  ${p.id} saved ${p.savedAt}, ${p.actions} action(s): qm show --plan-id ${p.id}, qm apply --plan-id ${p.id}`,
          );
      } finally {
        store.close();
      }
    });
};
