import type { DriftEntry, Plan } from '../../model/index.js';

/** How a spec file of the plan (relative to the specs folder) is shown. */
export type SpecFileShown = (file: string) => string;

/** `specs/contoso.yaml:14 quantity: 25 → 30`: the ready spec patch of a drift entry. */
export function driftPatchText(entry: DriftEntry, specFile: SpecFileShown): string {
  const { file, line } = entry.patch;
  const at =
    file === undefined
      ? `subscriptions.${entry.item}`
      : `${specFile(file)}${line === undefined ? '' : `:${line}`}`;
  return `${at} quantity: ${entry.specQuantity} → ${entry.patch.value}`;
}

/** What the policy did about the difference, for humans. */
export function driftWhat(entry: DriftEntry): string {
  const seats = `Partner Center has ${entry.liveQuantity} seats, the spec says ${entry.specQuantity}`;
  return entry.policy === 'keep-higher'
    ? `${seats}; drift: keep-higher keeps them (no decrease planned)`
    : `${seats}; drift: report plans nothing for the seats`;
}

/**
 * The human plan's drift section (docs/plan-format.md "drift[]"): one `*` line per entry with
 * the customer, item and subscription, what the policy did, and the spec patch below. Empty
 * when the plan has no drift. `paint` colours as the rest of the plan does.
 */
export function driftLinesHuman(
  plan: Pick<Plan, 'drift'>,
  paint: (code: number, text: string) => string,
  specFile: SpecFileShown,
): string[] {
  const entries = plan.drift ?? [];
  if (entries.length === 0) return [];
  const lines = [
    '',
    paint(
      1,
      'Seats changed outside git, kept or reported by the drift policy (spec patches; `qm plan --write-back` writes them):',
    ),
  ];
  for (const entry of entries) {
    const who = entry.customerName ?? entry.customerId;
    lines.push(
      `  ${paint(36, '* drift')} ${who} ${entry.item} [${entry.subscriptionId}]: ${driftWhat(entry)}`,
      `      ${paint(2, driftPatchText(entry, specFile))}`,
    );
  }
  return lines;
}

/**
 * The markdown plan's drift section: a note listing each entry with its spec patch, so the
 * reviewer can take it into the pull request. Empty when the plan has no drift. `text` and
 * `code` escape free text and code spans as the rest of the comment does.
 */
export function driftMarkdown(
  plan: Pick<Plan, 'drift'>,
  specFile: SpecFileShown,
  text: (value: string) => string,
  code: (value: string) => string,
): string[] {
  const entries = plan.drift ?? [];
  if (entries.length === 0) return [];
  const n = entries.length;
  const lines = [
    '> [!NOTE]',
    `> **${n} item${n === 1 ? '' : 's'} with seats changed outside git**, kept or reported by the drift policy (no action planned; \`qm plan --write-back\` writes these spec patches):`,
  ];
  for (const entry of entries) {
    lines.push(
      `> - \`${code(entry.item)}\` for ${text(entry.customerName ?? entry.customerId)}: ${text(driftWhat(entry))}: \`${code(driftPatchText(entry, specFile))}\``,
    );
  }
  return [...lines, ''];
}
