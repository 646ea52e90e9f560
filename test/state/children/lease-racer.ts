// Child process for lease.test.ts: opens the store, says `ready`, waits for `go` on stdin,
// then tries to take the lease and prints the result as one JSON line. On `exit` it exits
// without releasing, so the parent can also check that a dead owner's lease is taken over.
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createLeaseClaim, openStateStore, StateStoreError } from '../../../src/state/index.js';

const [path, command] = process.argv.slice(2);
if (path === undefined || command === undefined) throw new Error('usage: lease-racer.ts DB_PATH COMMAND');
const store = openStateStore(path);
const claim = createLeaseClaim(command);
writeSync(1, 'ready\n');

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line === 'exit') {
    // Stay alive until told: a winner that exited early would be a dead owner, whose lease
    // the other racer may rightly take over.
    store.close();
    process.exit(0);
  }
  if (line !== 'go') return;
  try {
    const lease = store.lease.acquire(claim, 60_000);
    writeSync(1, JSON.stringify({ won: true, owner: claim.id, lease }) + '\n');
  } catch (error) {
    if (!(error instanceof StateStoreError)) throw error;
    writeSync(1, JSON.stringify({ won: false, owner: claim.id, code: error.code, message: error.message }) + '\n');
  }
});
