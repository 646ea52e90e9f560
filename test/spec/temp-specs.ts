import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** Writes `text` to `dir/name`, making the folders `name` names. */
export function writeSpec(dir: string, name: string, text: string): void {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), text);
}

/**
 * A maker of temporary spec folders (`name → text`), each removed after its test. Call it at the
 * top of a test file: it registers the `afterEach`.
 */
export function useTempSpecs(prefix: string): (files: Record<string, string>) => string {
  const temps: string[] = [];
  afterEach(() => {
    for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (files) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    temps.push(dir);
    for (const [name, text] of Object.entries(files)) writeSpec(dir, name, text);
    return dir;
  };
}
