import { readdirSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../support/index.js';

/** What {@link findSpecFiles} found under the specs folder. */
export interface SpecFileSearch {
  /** Absolute paths (through symlinks, not resolved), sorted by their path relative to `dir`. */
  readonly files: string[];
  /** Symlinks that could not be followed: dangling, or looping back into their own folder. */
  readonly problems: Diagnostic[];
}

/**
 * Every `*.yaml` / `*.yml` file under `dir` (recursively), sorted by path relative to `dir`
 * (posix separators), so load order — and which of two duplicates is "later" — does not depend
 * on the file system. Hidden folders (`.git`) and `node_modules` are skipped. Symlinks to files
 * and folders are followed; a link that loops back to a folder it sits in, or whose target
 * does not exist, is a problem naming the link (an Emacs lock file `.#x.yaml`, always a
 * dangling link, is not a spec and is passed over). Throws the file system's error when `dir`
 * (or a folder under it) cannot be read.
 */
export function findSpecFiles(dir: string): SpecFileSearch {
  const files: string[] = [];
  const problems: Diagnostic[] = [];
  const problem = (file: string, message: string): void => {
    problems.push({ file, line: 1, col: 1, path: '', message, severity: 'error' });
  };
  const walk = (folder: string, ancestors: ReadonlySet<string>): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        const target = followLink(path);
        if (typeof target === 'string') {
          if (!entry.name.startsWith('.#')) problem(path, target);
          continue;
        }
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      }
      if (isDirectory) {
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const real = realpathSync(path);
        if (ancestors.has(real)) {
          problem(
            path,
            `symlink ${path} loops back to ${real}, a folder it is inside of: remove it or point it at a folder outside the specs tree`,
          );
          continue;
        }
        walk(path, new Set([...ancestors, real]));
      } else if (isFile && /\.ya?ml$/i.test(entry.name)) {
        files.push(path);
      }
    }
  };
  walk(dir, new Set([realpathSync(dir)]));
  // One key per file, not four per comparison: relative() dominated sorting 10,000 files.
  const keyed = files.map((file) => ({ file, key: relative(dir, file).split(sep).join('/') }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { files: keyed.map((k) => k.file), problems };
}

/** The link target's stats, or why the link cannot be followed. */
function followLink(link: string): Stats | string {
  try {
    return statSync(link);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') {
      return `symlink ${link} is part of a loop of symlinks: remove it or point it at a real file or folder`;
    }
    if (code !== 'ENOENT') throw error;
    const target = resolve(link, '..', readlinkSync(link));
    return `symlink ${link} points to ${target}, which does not exist: restore the target or remove the link`;
  }
}

/** The name a spec file has in the model: relative to the specs folder, posix separators. */
export function specFileName(dir: string, file: string): string {
  return relative(dir, file).split(sep).join('/');
}
