import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStateStore } from '../../src/state/index.js';
import { spawnChild } from './child-process.js';
import { makeTempDirs } from './builders.js';

const temp = makeTempDirs();
afterAll(temp.cleanup);

/** Ids the child reported, per kind of line. */
function reported(lines: readonly string[], word: 'begun' | 'settling' | 'settled'): number[] {
  return lines.filter((l) => l.startsWith(`${word} `)).map((l) => Number(l.slice(word.length + 1)));
}

describe('crash safety', () => {
  it(
    'keeps every journal row a SIGKILLed writer reported committed, with integrity intact',
    async () => {
      const path = temp.dbPath();
      openStateStore(path).close();
      const begun: number[] = [];
      const settling: number[] = [];
      const settled: number[] = [];
      for (let round = 1; round <= 2; round++) {
        const child = spawnChild('journal-writer.ts', [path]);
        // Kill while the loop is running flat out: the signal lands between or inside commits.
        const target = (begun.at(-1) ?? 0) + 300;
        await child.waitForLine((l) => l.startsWith('begun ') && Number(l.slice(6)) >= target);
        child.process.kill('SIGKILL');
        const { signal } = await child.exited;
        expect(signal).toBe('SIGKILL');
        begun.push(...reported(child.lines, 'begun'));
        settling.push(...reported(child.lines, 'settling'));
        settled.push(...reported(child.lines, 'settled'));

        // Raw check first: SQLite's own verdict on the file the killed process left behind.
        const raw = new Database(path);
        expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
        raw.close();

        const store = openStateStore(path);
        expect(store.integrityCheck()).toEqual(['ok']);
        // Never a reported row missing, never a reported settlement undone.
        expect(begun.filter((id) => store.journal.get(id) === undefined)).toEqual([]);
        expect(settled.filter((id) => store.journal.get(id)?.status !== 'succeeded')).toEqual([]);
        // A row begun and never sent to settle is open for recovery.
        const open = new Set(store.journal.listInFlight().map((e) => e.id));
        expect(begun.filter((id) => !settling.includes(id) && !open.has(id))).toEqual([]);
        // Each kill may land inside one commit whose report was lost: a settle that committed
        // or not (`settling` without `settled`), or a begin that committed unreported (open).
        const inDoubt = settling.filter((id) => !settled.includes(id));
        expect(inDoubt.length).toBeLessThanOrEqual(round);
        for (const id of inDoubt) expect(['in-flight', 'succeeded']).toContain(store.journal.get(id)?.status);
        const unreported = [...open].filter((id) => !begun.includes(id));
        expect(unreported.length).toBeLessThanOrEqual(round);
        store.close();
      }
    },
    30_000,
  );
});
