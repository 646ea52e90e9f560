/**
 * Writes the benchmark estate of `bench/estate.ts` into a folder, in its own process so the
 * process that measures the agent never holds the seed or the spec text:
 *
 *   node --import tsx bench/estate-cli.ts DIR CUSTOMERS
 *
 * writes `DIR/seed.json` (for `qm sandbox serve --seed`) and `DIR/specs/customer-N.yaml`, then
 * prints one JSON line `{ "seedFile", "specsDir", "customers", "ms" }`.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeEstateSeed, writeEstateSpecs } from './estate.js';

/** The estate's files as {@link writeEstateFiles} wrote them. */
export interface EstateFiles {
  readonly seedFile: string;
  readonly specsDir: string;
  readonly customers: number;
  readonly ms: number;
}

/** Writes the seed (streamed, customer by customer) and one spec file per customer. */
export function writeEstateFiles(dir: string, customers: number): EstateFiles {
  const start = performance.now();
  mkdirSync(dir, { recursive: true });
  const seedFile = join(dir, 'seed.json');
  writeEstateSeed(seedFile, customers);
  const specsDir = writeEstateSpecs(dir, customers);
  return { seedFile, specsDir, customers, ms: Math.round(performance.now() - start) };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, count] = process.argv.slice(2);
  const customers = Number(count);
  if (dir === undefined || !Number.isInteger(customers) || customers < 1) {
    process.stderr.write(
      `usage: node --import tsx bench/estate-cli.ts DIR CUSTOMERS (CUSTOMERS a positive integer; got ${JSON.stringify(process.argv.slice(2))})\n`,
    );
    process.exit(2);
  }
  console.log(JSON.stringify(writeEstateFiles(resolve(dir), customers)));
}
