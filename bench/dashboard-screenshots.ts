/**
 * Saves a screenshot of each dashboard page into docs/images/ (docs/dashboard.md, README): the
 * sandbox estate the browser tests use (the example specs after `npm start`, one seat change held
 * for review), served by `qm run` with `daemon.dashboardPort`, in the system Chromium through
 * playwright-core. Light, plus the overview and a customer in dark. Needs `npm run build`
 * first (it runs the built CLI). Run: `npx tsx bench/dashboard-screenshots.ts`.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../test/dashboard/chromium.js';
import { CONTOSO_ID, SandboxEstate } from '../test/dashboard/sandbox-estate.js';

const OUT = resolve(import.meta.dirname, '../docs/images');

const executablePath = findChromium();
if (executablePath === undefined) {
  console.error('No Chromium found: set QM_CHROMIUM or `apt-get install chromium`.');
  process.exit(1);
}
mkdirSync(OUT, { recursive: true });
const estate = new SandboxEstate();
try {
  const planId = await estate.prepare();
  const base = await estate.startDaemon();
  const shots: readonly (readonly [string, string, 'light' | 'dark'])[] = [
    ['dashboard-overview', '/', 'light'],
    ['dashboard-overview-dark', '/', 'dark'],
    ['dashboard-attention', '/attention', 'light'],
    ['dashboard-customers', '/customers', 'light'],
    ['dashboard-customer', `/customers/${CONTOSO_ID}`, 'light'],
    ['dashboard-customer-dark', `/customers/${CONTOSO_ID}`, 'dark'],
    ['dashboard-plans', '/plans', 'light'],
    ['dashboard-plan', `/plans/${planId}`, 'light'],
    ['dashboard-history', '/history', 'light'],
    ['dashboard-renewals', '/renewals?days=400', 'light'],
  ];
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    for (const [name, path, colorScheme] of shots) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, colorScheme });
      await page.goto(new URL(path, base).href);
      const file = join(OUT, `${name}.png`);
      await page.screenshot({ path: file });
      await page.close();
      console.log(`saved ${file}`);
    }
  } finally {
    await browser.close();
  }
} finally {
  await estate.close();
}
