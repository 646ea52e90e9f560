import { afterAll } from 'vitest';
import { openStateStore } from '../../src/state/index.js';
import { ManualClock } from '../../src/support/index.js';
import { makeTempDirs } from './builders.js';
import { FakeBindings, FakeJournal, fakeInFlightPurchases } from './fakes.js';
import { describeJournalContract } from './journal-contract.js';

const temp = makeTempDirs();
afterAll(temp.cleanup);

describeJournalContract('SQLite store', () => {
  const clock = new ManualClock('2026-01-01T00:00:00Z');
  const store = openStateStore(temp.dbPath(), { clock });
  return {
    journal: store.journal,
    bindings: store.bindings,
    listInFlightPurchases: () => store.listInFlightPurchases(),
    clock,
    close: () => store.close(),
  };
});

describeJournalContract('fakes', () => {
  const clock = new ManualClock('2026-01-01T00:00:00Z');
  const journal = new FakeJournal(clock);
  const bindings = new FakeBindings();
  return {
    journal,
    bindings,
    listInFlightPurchases: () => fakeInFlightPurchases(journal, bindings),
    clock,
    close: () => undefined,
  };
});
