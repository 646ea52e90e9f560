import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { isScalar, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { DriftEntry } from '../model/index.js';
import { replaceSpecFile } from './import/spec-files.js';

/** One seat quantity to write into a spec: a plan's drift entry, as `qm plan --write-back` sees it. */
export interface QuantityPatch {
  readonly customerId: string;
  readonly item: string;
  /** What the spec says now; a file that says something else is left alone for that item. */
  readonly from: number;
  readonly value: number;
}

/** What became of one patch. `line`/`col` are where the quantity is written (1-based). */
export interface PatchOutcome extends QuantityPatch {
  readonly outcome: 'written' | 'already' | 'refused';
  readonly line: number;
  readonly col: number;
  /** Why a patch was refused, and what to do. */
  readonly reason?: string;
}

/**
 * Writes each patch's value over the quantity scalar at `subscriptions.<item>.quantity` of the
 * document whose `customer.id` is the patch's customer (a file may hold several documents). Only
 * those scalars' characters change: comments, quoting, indentation, key order, blank lines and
 * every other byte stay as they were. Pure. A patch is refused (with the reason) when the
 * customer's document, the item or its quantity cannot be found, when the quantity is not a plain
 * number (an alias, say), or when the spec no longer says `from` (edited since the plan);
 * `already` when it says `value`.
 */
export function patchSpecQuantities(
  text: string,
  patches: readonly QuantityPatch[],
): { readonly text: string; readonly outcomes: readonly PatchOutcome[] } {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter });
  const list: Document.Parsed[] = Array.isArray(docs) ? docs : [];
  const at = (offset: number) => lineCounter.linePos(Math.min(offset, text.length));
  const edits: { start: number; end: number; value: string }[] = [];
  const outcomes = patches.map((patch): PatchOutcome => {
    const refuse = (reason: string, offset = 0): PatchOutcome => ({
      ...patch,
      outcome: 'refused',
      ...at(offset),
      reason,
    });
    const doc = list.find((d) => sameId(d.getIn(['customer', 'id']), patch.customerId));
    if (doc === undefined)
      return refuse(`no document declares customer ${patch.customerId}; edit the spec by hand`);
    const path = ['subscriptions', patch.item, 'quantity'];
    const node = doc.getIn(path, true) as Node | undefined;
    const docStart = (doc.contents as Node | null)?.range?.[0] ?? 0;
    if (!isScalar(node) || node.range == null)
      return refuse(
        `subscriptions.${patch.item}.quantity is not written as a plain number here; set it to ${patch.value} by hand`,
        node?.range?.[0] ?? docStart,
      );
    const [start, end] = node.range;
    if (node.value === patch.value) return { ...patch, outcome: 'already', ...at(start) };
    if (node.value !== patch.from || typeof node.value !== 'number')
      return refuse(
        `subscriptions.${patch.item}.quantity says ${String(node.value)}, not ${patch.from} as when planned: the spec changed since; run qm plan again`,
        start,
      );
    edits.push({ start, end, value: String(patch.value) });
    return { ...patch, outcome: 'written', ...at(start) };
  });
  let patched = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    patched = patched.slice(0, edit.start) + edit.value + patched.slice(edit.end);
  }
  return { text: patched, outcomes };
}

/** `patchSpecQuantities` per file, for `qm plan --write-back`. */
export interface WriteBackOutcome extends PatchOutcome {
  /** The file as the plan names it (relative to the specs folder); `''` when the plan named none. */
  readonly file: string;
}

/**
 * Writes a plan's drift patches (`Plan.drift`, docs/plan-format.md) into the spec files under
 * `specsDir`: each file read once, patched by `patchSpecQuantities`, and replaced in one step
 * (a temporary file, then a rename) when anything changed. A file that cannot be read or written,
 * or that lies outside `specsDir`, refuses its patches with the reason; nothing throws.
 * Outcomes in the order of `entries`.
 */
export function writeBackDrift(
  specsDir: string,
  entries: readonly DriftEntry[],
): readonly WriteBackOutcome[] {
  const root = resolve(specsDir);
  const byFile = new Map<string, DriftEntry[]>();
  for (const entry of entries) {
    const file = entry.patch.file ?? '';
    byFile.set(file, [...(byFile.get(file) ?? []), entry]);
  }
  const done = new Map<DriftEntry, WriteBackOutcome>();
  for (const [file, group] of byFile) {
    const patches = group.map(toPatch);
    const refuseAll = (reason: string): void => {
      group.forEach((entry, i) => {
        const patch = patches[i] as QuantityPatch;
        const line = entry.patch.line ?? 1;
        done.set(entry, { ...patch, file, outcome: 'refused', line, col: 1, reason });
      });
    };
    const path = resolve(root, file);
    const inside = relative(root, path);
    if (file === '' || inside.startsWith('..') || isAbsolute(inside)) {
      refuseAll(
        file === ''
          ? 'the plan names no spec file for this item; set its quantity by hand'
          : `${file} is not inside the specs folder ${root}; set the quantity by hand`,
      );
      continue;
    }
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      refuseAll(`cannot read ${join(specsDir, file)}: ${String(error)}`);
      continue;
    }
    const result = patchSpecQuantities(text, patches);
    if (result.text !== text) {
      try {
        replaceSpecFile(path, result.text);
      } catch (error) {
        refuseAll(`cannot write ${join(specsDir, file)}: ${String(error)}; nothing was changed`);
        continue;
      }
    }
    group.forEach((entry, i) => done.set(entry, { ...(result.outcomes[i] as PatchOutcome), file }));
  }
  return entries.map((entry) => done.get(entry) as WriteBackOutcome);
}

function toPatch(entry: DriftEntry): QuantityPatch {
  return {
    customerId: entry.customerId,
    item: entry.item,
    from: entry.specQuantity,
    value: entry.patch.value,
  };
}

function sameId(value: unknown, id: string): boolean {
  return typeof value === 'string' && value.toLowerCase() === id.toLowerCase();
}
