import type { Plan } from '../model/index.js';
import { writeBackDrift } from '../spec/index.js';
import { formatDiagnostic } from '../support/index.js';
import type { CliIo } from './io.js';
import { specFileShown } from './spec-errors.js';
import { UserError } from './user-error.js';

/** `--write-back` on `qm plan` (docs/plan-format.md "drift[]"). */
export const WRITE_BACK_HELP =
  "write the plan's drift patches (seats kept or reported by `drift:`) into the spec files, keeping comments and formatting";

/**
 * Refuses `--write-back` with `--out`: the write-back changes the specs the saved plan was made
 * from, so `qm apply FILE` would refuse it as stale for those customers.
 * @throws UserError `invalid-argument`
 */
export function checkWriteBackOptions(opts: { writeBack?: boolean; out?: string }): void {
  if (opts.writeBack === true && opts.out !== undefined)
    throw new UserError(
      'invalid-argument',
      '--write-back changes the spec files the plan saved with --out was made from, so `qm apply` would refuse it as stale: run `qm plan --write-back`, commit the spec change, then `qm plan --out FILE`',
    );
}

/**
 * Writes the plan's drift patches into the spec files under `specsDir` and says what changed,
 * one line per patch (`specs/contoso.yaml:14 m365 quantity: 25 → 30`), on standard output, or on
 * standard error when standard output carries JSON or markdown. Refused patches are
 * `file:line:col` errors on standard error with what to do. Returns how many were refused.
 */
export function reportWriteBack(
  io: CliIo,
  plan: Pick<Plan, 'drift'>,
  specsDir: string,
  machineOutput: boolean,
): number {
  const say = machineOutput ? io.err : io.out;
  const entries = plan.drift ?? [];
  if (entries.length === 0) {
    say('--write-back: the plan has no drift to write back; no spec file was changed.');
    return 0;
  }
  const shown = specFileShown(specsDir, io.cwd);
  const outcomes = writeBackDrift(specsDir, entries);
  const written = outcomes.filter((o) => o.outcome === 'written');
  const lines: string[] = [];
  for (const o of outcomes) {
    if (o.outcome === 'refused') continue;
    const change =
      o.outcome === 'written' ? `quantity: ${o.from} → ${o.value}` : `quantity: ${o.value} already`;
    lines.push(`  ${shown(o.file)}:${o.line} ${o.item} ${change}`);
  }
  if (written.length > 0 || lines.length > 0) {
    const n = written.length;
    say(
      `Wrote ${n} drift patch${n === 1 ? '' : 'es'} into the specs (the plan above is unchanged: kept or reported seats plan no action):`,
    );
    for (const line of lines) say(line);
  }
  const refused = outcomes.filter((o) => o.outcome === 'refused');
  for (const o of refused) {
    io.err(
      formatDiagnostic({
        file: o.file === '' ? '?' : shown(o.file),
        line: o.line,
        col: o.col,
        path: `subscriptions.${o.item}.quantity`,
        message: `cannot write back ${o.item} quantity ${o.value}: ${o.reason ?? 'refused'}`,
        severity: 'error',
      }),
    );
  }
  if (refused.length > 0)
    io.err(
      `${refused.length} drift patch${refused.length === 1 ? ' was' : 'es were'} not written (listed above); the other spec files are as reported`,
    );
  return refused.length;
}
