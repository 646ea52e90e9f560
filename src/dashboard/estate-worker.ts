/**
 * The worker thread that builds the dashboard's estate view (view-builder.ts): loading
 * thousands of specs and computing the inventory takes seconds on a large estate, and the
 * server must keep answering meanwhile. Messages: `{ now, force }` in; `{ view }` (encoded, view-transfer.ts; absent
 * when nothing changed) or `{ error }` out, plus `{ log }` lines for stderr.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { createEstateSource, type EstateSourceInput } from './estate-source.js';
import { encodeView, transferables } from './view-transfer.js';

const port = parentPort;
if (port !== null) {
  // Building yields the CPU to the server thread: on Linux a thread may lower its own priority.
  try {
    setPriority(10);
  } catch {
    // Not allowed here: the build competes as an equal.
  }
  const source = createEstateSource(workerData as EstateSourceInput, (log) =>
    port.postMessage({ log }),
  );
  port.on('message', (message: { readonly now: string; readonly force: boolean }) => {
    try {
      const view = source.refresh(new Date(message.now), message.force);
      if (view === undefined) port.postMessage({});
      else {
        const encoded = encodeView(view);
        port.postMessage({ view: encoded }, transferables(encoded));
      }
    } catch (error) {
      port.postMessage({
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  });
  port.once('close', () => source.close());
}
