/**
 * Child of spec-source-memory.test.ts, run as `node --expose-gc --import tsx spec-memory.ts
 * <specs-dir>`: prints one JSON line with the heap (after a full GC) that `openSpecSource`
 * retains, that it still retains after loading every customer in batches and dropping them,
 * and that `loadSpecs` retains, all over the same folder.
 */
import { join } from 'node:path';
import { loadSpecs, openSpecSource } from '../../../src/spec/index.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
/** The JS heap and what lives outside it (the source's deflated customers are Buffers). */
const heap = (): number => {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
};
const dir = process.argv[2] ?? '';

// Warm up: compile the schema and load the modules before the first measurement.
openSpecSource(join(dir, 'warm-up'));
const base = heap();
const opened = openSpecSource(join(dir, 'specs'));
const index = heap() - base;
// In a function of its own: a frame that has returned keeps no batch alive in a register.
const loadAll = (): number => {
  const ids = opened.source.index.map((c) => c.id);
  let count = 0;
  for (let i = 0; i < ids.length; i += 500)
    count += opened.source.load(ids.slice(i, i + 500)).length;
  return count;
};
const loaded = loadAll();
const afterLoads = heap() - base;
const kept = opened.source.index.length;
const all = loadSpecs(join(dir, 'specs'));
const loadSpecsHeap = heap() - base - afterLoads;
console.log(
  JSON.stringify({ customers: kept, loaded, index, afterLoads, loadSpecs: loadSpecsHeap }),
);
// Keep both results alive until after the last measurement.
if (all.desired.customers.length + opened.files.length < 0) console.log('unreachable');
