import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Every `*.yaml` / `*.yml` file under `dir` (recursively), as absolute paths sorted by their
 * path relative to `dir` (posix separators), so load order — and which of two duplicates is
 * "later" — does not depend on the file system. Hidden folders (`.git`) and `node_modules`
 * are skipped. Throws the file system's error when `dir` cannot be read.
 */
export function findSpecFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') walk(path);
      } else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) {
        found.push(path);
      }
    }
  };
  walk(dir);
  const key = (file: string): string => relative(dir, file).split(sep).join('/');
  return found.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The name a spec file has in the model: relative to the specs folder, posix separators. */
export function specFileName(dir: string, file: string): string {
  return relative(dir, file).split(sep).join('/');
}
