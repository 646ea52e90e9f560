import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStateStore } from '../../src/state/index.js';
import { spawnChild } from './child-process.js';
import { makeTempDirs } from './builders.js';

const temp = makeTempDirs();
afterAll(temp.cleanup);

/** Ids the child reported, per kind of line. */
function reported(lines: readonly string[], word: 'begun' | 'settled'): number[] {
  return lines.filter((l) => l.startsWith(`${word} `)).map((l) => Number(l.slice(word.length + 1)));
}

describe('crash safety', () => {
  it(
    'keeps every journal row a SIGKILLed writer reported committed, with integrity intact',
    async () => {
      const path = temp.dbPath();
      openStateStore(path).close();
      const allBegun: number[] = [];
      for (let round = 0; round < 2; round++) {
        const child = spawnChild('journal-writer.ts', [path]);
        // Kill while the loop is running flat out: the signal lands between or inside commits.
        const target = (allBegun.at(-1) ?? 0) + 300;
        await child.waitForLine((l) => l.startsWith('begun ') && Number(l.slice(6)) >= target);
        child.process.kill('SIGKILL');
        const { signal } = await child.exited;
        expect(signal).toBe('SIGKILL');

        const begun = reported(child.lines, 'begun');
        const settled = reported(child.lines, 'settled');
        allBegun.push(...begun);
        expect(begun.length).toBeGreaterThan(0);

        // Raw check first: SQLite's own verdict on the file the killed process left behind.
        const raw = new Database(path);
        expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
        raw.close();

        const store = openStateStore(path);
        expect(store.integrityCheck()).toEqual(['ok']);
        const missing = allBegun.filter((id) => store.journal.get(id) === undefined);
        expect(missing).toEqual([]);
        const notSettled = settled.filter((id) => store.journal.get(id)?.status !== 'succeeded');
        expect(notSettled).toEqual([]);
        // Rows the child began but had not settled are still there for recovery.
        const open = new Set(store.journal.listInFlight().map((e) => e.id));
        expect(begun.filter((id) => !settled.includes(id) && !open.has(id))).toEqual([]);
        store.close();
      }
    },
    30_000,
  );
});
