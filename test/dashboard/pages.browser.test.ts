import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from './chromium.js';
import { CONTOSO_ID, SandboxEstate } from './sandbox-estate.js';

const executablePath = findChromium();
// CI installs Chromium (.ci/run): there a missing browser fails the suite instead of skipping it.
if (executablePath === undefined && process.env['CI'] === 'true')
  throw new Error(
    'no Chromium found under CI: .ci/run should have installed it (apt-get install chromium)',
  );
if (executablePath === undefined)
  console.warn(
    'SKIPPED the dashboard browser tests: no Chromium found (set QM_CHROMIUM, or `apt-get install chromium` as .ci/run does)',
  );

/** What a page did that a user would notice: console errors, failed or outside requests. */
interface Trouble {
  readonly console: string[];
  readonly outside: string[];
  readonly failed: string[];
}

function watch(page: Page, base: string): Trouble {
  const trouble: Trouble = { console: [], outside: [], failed: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') trouble.console.push(m.text());
  });
  page.on('pageerror', (e) => trouble.console.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:')) trouble.outside.push(r.url());
  });
  page.on('requestfailed', (r) => trouble.failed.push(r.url()));
  return trouble;
}

/**
 * Issue 18 acceptance: on the sandbox estate after `npm start`, with the daemon (`qm run`,
 * `daemon.dashboardPort`) serving the dashboard, each page loads in a real Chromium without
 * console errors or outside requests, shows what the state store holds, and works by keyboard.
 */
describe.skipIf(executablePath === undefined)('the dashboard in Chromium, served by qm run', () => {
  const estate = new SandboxEstate();
  let planId: string;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    planId = await estate.prepare();
    base = await estate.startDaemon();
    browser = await chromium.launch({ executablePath: executablePath ?? '', args: CHROMIUM_ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await estate.close();
  }, 30_000);

  async function open(path: string): Promise<{ page: Page; trouble: Trouble; status: number }> {
    const page = await browser.newPage();
    const trouble = watch(page, base);
    const response = await page.goto(new URL(path, base).href);
    return { page, trouble, status: response?.status() ?? 0 };
  }

  it.each([
    ['/', 'Overview', ['Contoso Ltd', 'Money waiting for review', 'qm run']],
    ['/attention', 'Needs attention', ['plan awaiting review']],
    [
      '/customers',
      'Customers',
      ['Contoso Ltd', 'Fabrikam GmbH', 'Northwind Traders', '3 of 3 customers'],
    ],
    ['/plans', 'Plans awaiting review', ['increase-quantity 1', 'USD']],
    ['/history', 'History', ['#1', '#2', 'qm run']],
    ['/history/calls', 'API calls', ['increase-quantity/patch-subscription', 'purchase/checkout']],
    ['/renewals?days=400', 'Renewal calendar', ['m365-business-premium', 'Contoso Ltd']],
    [
      `/customers/${CONTOSO_ID}`,
      'Contoso Ltd',
      ['m365-business-premium', '30 (live 25)', 'exchange-online-plan1', 'drifted'],
    ],
  ])('%s loads with no console error and shows the store', async (path, title, texts) => {
    const { page, trouble, status } = await open(path);
    expect(status).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(title);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const t of texts) expect(text).toContain(t);
    expect(trouble).toEqual({ console: [], outside: [], failed: [] });
    await page.close();
  });

  it('the plan awaiting review is the one the store saved, with its money and apply command', async () => {
    const overview = await open('/');
    expect(await overview.page.locator('main').textContent()).toContain(planId);
    await overview.page.close();
    const { page, trouble } = await open(`/plans/${planId}`);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain(`qm apply --plan-id ${planId}`);
    expect(text).toMatch(/25 → 30 seats/);
    expect(text).toMatch(/\+USD [\d,.]+\/month/);
    expect(trouble.console).toEqual([]);
    await page.close();
  });

  it('the badge of a drifted customer says so', async () => {
    const { page, status } = await open(`/badge/${CONTOSO_ID}.svg`);
    expect(status).toBe(200);
    expect(await page.content()).toContain('1 drifted');
    await page.close();
  });

  it('works by keyboard: skip link, Tab through the nav to Customers, Enter, on to Contoso', async () => {
    const { page, trouble } = await open('/');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Skip to content');
    const outline = await page.evaluate<string>(
      'getComputedStyle(document.activeElement).outlineStyle',
    );
    expect(outline).toBe('solid');
    await tabTo(page, 'Customers');
    await Promise.all([page.waitForURL(/\/customers$/), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe('Customers');
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Customers');
    await tabTo(page, 'Contoso Ltd');
    await Promise.all([
      page.waitForURL(new RegExp(`/customers/${CONTOSO_ID}$`)),
      page.keyboard.press('Enter'),
    ]);
    expect(await page.locator('h1').textContent()).toBe('Contoso Ltd');
    expect(trouble.console).toEqual([]);
    await page.close();
  });

  it('filters customers with the form, by keyboard', async () => {
    const { page } = await open('/customers');
    await tabTo(page, '', 'input[name="q"]');
    await page.keyboard.type('fabri');
    await Promise.all([page.waitForURL(/q=fabri/), page.keyboard.press('Enter')]);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('1 of 3 customers');
    expect(text).toContain('Fabrikam GmbH');
    expect(text).not.toContain('Contoso Ltd');
    await page.close();
  });

  it('follows the system colour scheme (light and dark)', async () => {
    const { page } = await open('/');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await page.evaluate<string>('getComputedStyle(document.body).backgroundColor')).toBe(
      'rgb(255, 255, 255)',
    );
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate<string>('getComputedStyle(document.body).backgroundColor')).toBe(
      'rgb(13, 17, 23)',
    );
    await page.close();
  });
});

/** Presses Tab until the focused element has `text` (or matches `selector`); fails after 80. */
async function tabTo(page: Page, text: string, selector?: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    if (
      selector !== undefined
        ? await focused.evaluate<boolean, string>(
            (el, s) => (el as unknown as { matches(s: string): boolean }).matches(s),
            selector,
          )
        : (await focused.textContent())?.trim() === text
    )
      return;
  }
  throw new Error(`Tab never reached ${selector ?? text}`);
}
