// Child process for crash.test.ts: writes journal rows in a loop until killed. After each
// commit returns it prints `begun <id>` or `settled <id>` with a synchronous write, so every
// line the parent reads names a row that was committed before the line existed. Before each
// settle it prints `settling <id>`: a kill between that line and `settled` may land before or
// after the commit, and the parent accepts either.
import { writeSync } from 'node:fs';
import type { ActionKey, CustomerId, ItemKey, OrderId } from '../../../src/model/index.js';
import { openStateStore } from '../../../src/state/index.js';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: journal-writer.ts DB_PATH');
const store = openStateStore(path);
const padding = 'x'.repeat(2000); // rows span pages, so a kill can land mid-write
writeSync(1, 'ready\n');

for (let n = 0; ; n++) {
  const entry = store.journal.begin({
    actionKey: `purchase:${n.toString(16).padStart(16, '0')}` as ActionKey,
    requestId: `req-${process.pid}-${n}`,
    kind: 'purchase',
    step: 'checkout',
    customerId: '0000000c-0000-4000-8000-000000000001' as CustomerId,
    item: `item-${n % 50}` as ItemKey,
    cartId: `cart-${n}`,
    request: { n, padding },
  });
  writeSync(1, `begun ${entry.id}\n`);
  if (n % 2 === 0) {
    writeSync(1, `settling ${entry.id}\n`);
    store.journal.settle(entry.id, { status: 'succeeded', orderIds: [`ord-${n}` as OrderId] });
    writeSync(1, `settled ${entry.id}\n`);
  }
}
