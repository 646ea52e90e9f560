import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A cheap change marker for files and folders: each path's size and modification time (a
 * missing one reads as `-`), and with `recursive` every `*.yaml`/`*.yml` file under a folder
 * (hidden folders and node_modules skipped, as spec loading does). Equal strings: nothing the
 * dashboard reads has changed.
 */
export function fingerprintFiles(
  paths: readonly string[],
  options: { readonly recursive?: boolean } = {},
): string {
  const parts: string[] = [];
  const mark = (path: string): void => {
    try {
      const s = statSync(path);
      parts.push(`${path}:${s.size}:${s.mtimeMs}`);
      if (options.recursive === true && s.isDirectory()) walk(path);
    } catch {
      parts.push(`${path}:-`);
    }
  };
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory() || /\.ya?ml$/i.test(entry.name)) mark(path);
    }
  };
  for (const path of paths) mark(path);
  return parts.join('\n');
}
