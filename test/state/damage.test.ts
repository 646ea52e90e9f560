import { existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createLeaseClaim,
  openStateStore,
  openStateStoreReadOnly,
  resetStateStore,
  type StateStore,
} from '../../src/state/index.js';
import { ManualClock } from '../../src/support/index.js';
import { makeTempDirs } from './builders.js';
import { anIntent, caught } from './lease-builders.js';

const temp = makeTempDirs();
let stores: StateStore[] = [];
afterEach(() => {
  stores.forEach((s) => s.close());
  stores = [];
  temp.cleanup();
});
const keep = (s: StateStore): StateStore => (stores.push(s), s);

/** A closed store at a new path with one purchase in flight. */
function aStoreWithAPurchaseInFlight(): string {
  const path = temp.dbPath();
  const store = openStateStore(path);
  store.journal.begin({ ...anIntent(1), item: 'm365' as never, request: { padding: 'p'.repeat(9000) } });
  store.close();
  return path;
}

describe('damage is not a first run', () => {
  it.each([
    ['empty (0 bytes)', (path: string) => writeFileSync(path, ''), 'state-damaged', /is empty/],
    ['truncated', (path: string) => truncateSync(path, statSync(path).size - 4096), 'state-damaged', /is truncated/],
    ['cut inside its header', (path: string) => truncateSync(path, 60), 'state-damaged', /is truncated/],
    ['not SQLite', (path: string) => writeFileSync(path, 'x'.repeat(8192)), 'state-corrupt', /not a SQLite database/],
  ])('refuses a state file that is %s, naming it and what to do', (_what, damage, code, text) => {
    const path = aStoreWithAPurchaseInFlight();
    damage(path);
    const before = readFileSync(path);
    for (const open of [openStateStore, openStateStoreReadOnly]) {
      const error = caught(() => open(path));
      expect(error.code).toBe(code);
      expect(error.message).toMatch(text);
      expect(error.message).toContain(path);
      expect(error.message).toContain('qm state reset');
      expect(error.message).toMatch(/Restore it from a backup/);
      expect(error.message).not.toMatch(/move it aside to start/);
    }
    expect(readFileSync(path).equals(before)).toBe(true); // left untouched
  });

  it('still treats a missing file as a first run, created whole', () => {
    const clock = new ManualClock('2026-01-01T00:00:00Z');
    const store = keep(openStateStore(temp.dbPath(), { clock }));
    expect(store.origin()).toEqual({ createdBy: 'first-run', createdAt: '2026-01-01T00:00:00.000Z' });
    expect(store.resetAt()).toBeUndefined();
  });

  it('resets on purpose: keeps the old file as a timestamped .bak and records reset_at and a history run', () => {
    const path = aStoreWithAPurchaseInFlight();
    const clock = new ManualClock('2026-03-04T05:06:07.089Z');
    const result = resetStateStore(path, 'ops:1:state reset', { clock });
    const backup = `${path}.2026-03-04T05-06-07-089Z.bak`;
    expect(result).toMatchObject({ backup, resetAt: '2026-03-04T05:06:07.089Z', counts: { rowsInDoubt: 1, bindings: 0 } });

    const fresh = keep(openStateStore(path));
    expect(fresh.resetAt()).toBe('2026-03-04T05:06:07.089Z');
    expect(fresh.origin()).toMatchObject({ createdBy: 'reset', resetFrom: backup });
    expect(fresh.journal.listInFlight()).toEqual([]);
    expect(fresh.runs.listRuns()).toMatchObject([
      { command: 'state reset', owner: 'ops:1:state reset', outcome: 'succeeded', detail: `moved ${path} to ${backup}; started a new empty store` },
    ]);
    const old = keep(openStateStore(backup));
    expect(old.journal.listInFlight()).toHaveLength(1);
  });

  it('resets a damaged file too, and refuses while a writer holds the lease', () => {
    const path = aStoreWithAPurchaseInFlight();
    const holder = keep(openStateStore(path));
    holder.lease.acquire(createLeaseClaim('run'), 60_000);
    expect(caught(() => resetStateStore(path, 'ops')).code).toBe('lease-held');
    holder.close();
    stores = [];

    writeFileSync(path, '');
    const result = resetStateStore(path, 'ops', { clock: new ManualClock('2026-01-01T00:00:00Z') });
    expect(result.oldFileError).toBe('state-damaged');
    expect(statSync(result.backup!).size).toBe(0);
    expect(keep(openStateStore(path)).origin().createdBy).toBe('reset');
  });
});

describe('read-only open', () => {
  it('never creates or migrates a file; a missing one is state-missing', () => {
    const path = temp.dbPath();
    expect(caught(() => openStateStoreReadOnly(path)).code).toBe('state-missing');
    expect(existsSync(path)).toBe(false);

    const written = aStoreWithAPurchaseInFlight();
    const before = statSync(written).mtimeMs;
    const reader = keep(openStateStoreReadOnly(written));
    expect(reader.journal.listInFlight()).toHaveLength(1);
    expect(() => reader.bumpSerial()).toThrow(/read-only|readonly/i);
    expect(statSync(written).mtimeMs).toBe(before);
  });
});
