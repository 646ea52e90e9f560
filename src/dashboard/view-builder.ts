import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EstateSource, EstateSourceInput } from './estate-source.js';
import type { EstateView } from './estate-view.js';
import { decodeView, encodeView, type EncodedView } from './view-transfer.js';

/** Builds estate views; one build at a time. */
export interface ViewBuilder {
  /** A new view at `now` when the files changed (or `force`), else `undefined`. */
  refresh(now: Date, force: boolean): Promise<EstateView | undefined>;
  close(): Promise<void>;
}

/** Builds on this thread (tests, small estates): a build blocks the server while it runs. */
export function createInlineBuilder(source: EstateSource): ViewBuilder {
  return {
    refresh: (now, force) => {
      const data = source.refresh(now, force);
      return Promise.resolve(data === undefined ? undefined : decodeView(encodeView(data)));
    },
    close: () => {
      source.close();
      return Promise.resolve();
    },
  };
}

/**
 * Builds in a worker thread, so pages keep answering from the last view while a large estate
 * is re-read (docs/dashboard.md "Data"). Run from TypeScript sources (tests, benchmarks), the
 * worker loads them through tsx.
 */
export function createWorkerBuilder(
  input: EstateSourceInput,
  log: (message: string) => void,
): ViewBuilder {
  const worker = startWorker(input);
  worker.unref();
  let pending:
    { resolve: (v: EstateView | undefined) => void; reject: (e: Error) => void } | undefined;
  worker.on('message', (message: { log?: string; view?: EncodedView; error?: string }) => {
    if (message.log !== undefined) {
      log(message.log);
      return;
    }
    const waiting = pending;
    pending = undefined;
    if (message.error !== undefined) waiting?.reject(new Error(message.error));
    else if (message.view === undefined) waiting?.resolve(undefined);
    else waiting?.resolve(decodeView(message.view));
  });
  worker.on('error', (error) => {
    pending?.reject(error);
    pending = undefined;
  });
  return {
    refresh: (now, force) =>
      new Promise((resolve, reject) => {
        if (pending !== undefined) {
          reject(new Error('a build is already running'));
          return;
        }
        pending = { resolve, reject };
        worker.postMessage({ now: now.toISOString(), force });
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}

/**
 * The worker over the built `estate-worker.js`; run from TypeScript sources (tests,
 * benchmarks) it registers tsx first (a dev dependency) and then imports `estate-worker.ts`.
 */
function startWorker(input: EstateSourceInput): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./estate-worker.js', import.meta.url), { workerData: input });
  const tsx = tsxEsmApi();
  const entry = new URL('./estate-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData: input });
}

/** tsx's ESM register API, by its package's own `exports` map (the `import` condition). */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  const target = pkg.exports['./esm/api']?.import.default ?? './dist/esm/api/index.mjs';
  return pathToFileURL(join(dirname(manifest), target)).href;
}
