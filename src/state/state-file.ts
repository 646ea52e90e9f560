import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from 'better-sqlite3';
import { StateStoreError } from './state-error.js';

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** What to do about a damaged or unreadable store: never "move it aside", which buys again. */
export const DAMAGE_ADVICE =
  'Restore it from a backup; or, to start again from nothing on purpose, run `qm state reset` ' +
  '(it keeps this file as a .bak, and the agent then buys nothing for a customer until the ' +
  'order-list delay has passed with that customer observed). Do not delete or move it aside: ' +
  'a new empty store would not know the purchases in flight and could buy them again.';

/**
 * Looks at an existing state file before SQLite opens it. A missing file is a first run; a
 * file that exists but is empty, shorter than a SQLite header, not a whole number of pages or
 * shorter than its header says is damage, never a first run.
 * @returns whether the file exists.
 * @throws StateStoreError `state-damaged`, `state-corrupt` (not SQLite), `state-unreadable`.
 */
export function inspectStateFile(path: string): 'missing' | 'present' {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return 'present'; // SQLite reports it (state-unreadable)
    size = stat.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    return 'present';
  }
  if (size === 0) throw damaged(path, 'is empty (0 bytes)');
  const header = Buffer.alloc(100);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return 'present'; // permissions: SQLite reports it (state-unreadable)
  }
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.subarray(0, 16).equals(HEADER)) {
    throw new StateStoreError(
      'state-corrupt',
      `The state store ${path} is not a SQLite database (its header is wrong). ${DAMAGE_ADVICE}`,
    );
  }
  if (size < 100) throw damaged(path, `is truncated (${size} bytes, shorter than a header)`);
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = header.readUInt32BE(28);
  const countValid = header.readUInt32BE(92) === header.readUInt32BE(24);
  if (size % pageSize !== 0 || (countValid && pages * pageSize > size)) {
    throw damaged(path, `is truncated (${size} bytes; its header says ${pages} pages of ${pageSize})`);
  }
  return 'present';
}

export function damaged(path: string, what: string): StateStoreError {
  return new StateStoreError('state-damaged', `The state store ${path} ${what}. ${DAMAGE_ADVICE}`);
}

/**
 * Creates a new state file at `path` atomically: `build` fills a private temporary file, which
 * is closed (checkpointed) and hard-linked into place. Another process therefore never sees a
 * half-created (empty) store, and two first runs racing create it once.
 * @returns false when another process created `path` first (ours is discarded).
 */
export function createStateFileAtomically(
  path: string,
  openTemp: (tempPath: string) => Database,
  build: (db: Database) => void,
): boolean {
  const temp = `${path}.creating-${randomUUID().slice(0, 8)}`;
  try {
    const db = openTemp(temp);
    try {
      build(db);
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    try {
      linkSync(temp, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
    syncDirectory(dirname(path));
    return true;
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(temp + suffix, { force: true });
  }
}

/** fsyncs a directory so a new or renamed entry in it survives power loss. */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the file's own fsync still happened.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
