import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Writes new spec files into one folder (`qm import`). */
export interface SpecFileWriter {
  /**
   * Writes `text` to `<stem>.yaml`, or `<stem>-2.yaml`, `-3`, … when that name is taken (by a
   * file of any case, `.yaml` or `.yml`, or by an earlier call), and returns the path. Never
   * replaces a file: the write fails on one that appeared meanwhile and the next name is tried.
   * With `dryRun` nothing is written; the name is only reserved.
   * @throws the file system's error (other than an existing file)
   */
  write(stem: string, text: string): string;
}

/**
 * A {@link SpecFileWriter} for `dir`, created (with its parents) on the first write when
 * missing. The folder is listed once; names written since are remembered.
 */
export function createSpecFileWriter(dir: string, options: { dryRun: boolean }): SpecFileWriter {
  const taken = listNames(dir);
  return {
    write(stem, text) {
      for (let n = 1; ; n += 1) {
        const name = n === 1 ? stem : `${stem}-${n}`;
        if (taken.has(name.toLowerCase())) continue;
        taken.add(name.toLowerCase());
        const path = join(dir, `${name}.yaml`);
        if (options.dryRun) return path;
        mkdirSync(dir, { recursive: true });
        try {
          writeFileSync(path, text, { flag: 'wx' });
          return path;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
      }
    },
  };
}

/**
 * Replaces a spec file's text in one step (a temporary file beside it, then a rename), so a
 * crash leaves the old text or the new one, never half of it.
 */
export function replaceSpecFile(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.qm-import.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** Lower-cased stems of the `.yaml`/`.yml` files in `dir` (none when it does not exist). */
function listNames(dir: string): Set<string> {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set();
    throw error;
  }
  return new Set(
    entries
      .filter((name) => /\.ya?ml$/i.test(name))
      .map((name) => name.replace(/\.ya?ml$/i, '').toLowerCase()),
  );
}
