/**
 * Price sheet benchmark: a generated NCE price sheet larger than 100 MB, streamed as plain CSV
 * (the most bytes on the wire) from a local HTTP server in another process, downloaded through
 * the real client (`createPriceSheetClient`) and cached into a real SQLite state file
 * (`prices.replaceSheet`), while this process's peak RSS is measured. Target: peak RSS < 200 MB.
 *
 * Run: `node --import tsx --expose-gc bench/pricesheet.ts [megabytes]` (prints one JSON line);
 * `bench/run.ts` runs it in its own process. `serve <bytes>` is the server child.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPriceSheetClient, createStaticTokenSource } from '../src/partnercenter/index.js';
import { openStateStore } from '../src/state/index.js';

export const PRICESHEET_TARGET_RSS_MB = 200;

export interface PriceSheetBenchResult {
  readonly bytes: number;
  readonly megabytes: number;
  readonly rows: number;
  readonly wallMs: number;
  readonly rowsPerSec: number;
  readonly megabytesPerSec: number;
  readonly peakRssMb: number;
  /** RSS before the download (Node, tsx, the modules, an open store): what the download adds is the rest. */
  readonly startRssMb: number;
  readonly stateFileMb: number;
  readonly targetPeakRssMb: number;
  readonly met: boolean;
}

const HEADER =
  '"ProductTitle","ProductId","SkuId","SkuTitle","Publisher","SkuDescription","UnitOfMeasure","TermDuration","BillingPlan","Market","Currency","UnitPrice","PricingTierRangeMin","PricingTierRangeMax","EffectiveStartDate","EffectiveEndDate","Tags","ERP Price","Segment"\r\n';
const PLANS = [
  ['P1M', 'Monthly'],
  ['P1Y', 'Annual'],
  ['P1Y', 'Monthly'],
  ['P3Y', 'Triennial'],
] as const;

/** Row `n` of the generated sheet: distinct product/SKU/term/plan, realistic widths. */
function line(n: number): string {
  const product = `CFQ7TTC0${(n >> 4).toString(36).toUpperCase().padStart(4, '0')}`;
  const sku = String(n & 0xf).padStart(4, '0');
  const [term, plan] = PLANS[n % PLANS.length]!;
  const price = ((n % 997) + 1) * 1.25;
  return `"Microsoft 365 Product ${n >> 4}, with a title of ordinary length","${product}","${sku}","Plan ${sku} of product ${n >> 4}","Microsoft","Seat-based licence ${n}: a description as long as the real ones","Licenses","${term}","${plan}","US","USD","${price.toFixed(2)}","","","3/1/2026 12:00:00 AM","11/30/9999 11:59:59 PM","License","${(price / 0.8).toFixed(2)}","Commercial"\r\n`;
}

/** Serves the sheet, generated on the fly in ~64 KB writes with backpressure, until `bytes`. */
async function serve(bytes: number): Promise<void> {
  const server = createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': 'attachment; filename=pricesheet',
    });
    let sent = 0;
    let n = 0;
    const pump = (): void => {
      for (;;) {
        if (sent >= bytes) {
          res.end(() => process.stdout.write(`done ${sent}\n`));
          return;
        }
        let chunk = sent === 0 ? HEADER : '';
        while (chunk.length < 65_536) chunk += line(n++);
        sent += Buffer.byteLength(chunk);
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
}

/** Downloads and caches a `megabytes` MB sheet from a server child; measures this process. */
export async function runPriceSheetBench(megabytes = 110): Promise<PriceSheetBenchResult> {
  const bytes = Math.round(megabytes * 1024 * 1024);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, 'serve', String(bytes)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
  const waitFor = (pattern: RegExp): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const found = pattern.exec(out)?.[1];
        if (found !== undefined) resolve(found);
        else if (child.exitCode !== null) reject(new Error(`server exited with ${child.exitCode}`));
        else setTimeout(check, 20);
      };
      check();
    });
  const dir = mkdtempSync(join(tmpdir(), 'qm-bench-prices-'));
  try {
    const baseUrl = await waitFor(/listening (\S+)/);
    const store = openStateStore(join(dir, 'state.db'));
    const client = createPriceSheetClient({
      baseUrl,
      tokenSource: createStaticTokenSource('bench'),
    });
    globalThis.gc?.();
    const startRssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
    const started = performance.now();
    const result = await store.prices.replaceSheet(
      { market: 'US', view: 'updatedlicensebased', timeline: 'current', month: '2026-03' },
      new Date().toISOString(),
      client.streamPriceSheet({
        market: 'US',
        view: 'updatedlicensebased',
        timeline: 'current',
        month: '2026-03',
      }),
    );
    const wallMs = performance.now() - started;
    const served = Number(await waitFor(/done (\d+)/));
    await client.close();
    store.close();
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    return {
      bytes: served,
      megabytes: Math.round((served / 1024 / 1024) * 10) / 10,
      rows: result.rows,
      wallMs: Math.round(wallMs),
      rowsPerSec: Math.round(result.rows / (wallMs / 1000)),
      megabytesPerSec: Math.round((served / 1024 / 1024 / (wallMs / 1000)) * 10) / 10,
      peakRssMb,
      startRssMb,
      stateFileMb: Math.round(statSync(join(dir, 'state.db')).size / 1024 / 1024),
      targetPeakRssMb: PRICESHEET_TARGET_RSS_MB,
      met: result.stored && served > 100 * 1024 * 1024 && peakRssMb < PRICESHEET_TARGET_RSS_MB,
    };
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === 'serve') await serve(Number(process.argv[3]));
  else console.log(JSON.stringify(await runPriceSheetBench(Number(process.argv[2] ?? '110'))));
}
