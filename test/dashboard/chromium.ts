import { existsSync } from 'node:fs';

/** Where the Debian package (`apt-get install chromium`, as .ci/run does) and others put it. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/**
 * The system Chromium the browser tests and the screenshot script drive (playwright-core
 * downloads no browser): `QM_CHROMIUM` when set, else the first of the usual paths that exists.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = env['QM_CHROMIUM'];
  if (given !== undefined && given !== '') return existsSync(given) ? given : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

/** Launch arguments: no sandbox (CI runs as root), no GPU, no first-run or network chatter. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
];

/**
 * Resolves once the dashboard at `url` answers 200: `qm run` listens at once and answers 503
 * (`Retry-After`) until its first view of the estate is built.
 */
export async function untilReady(url: string, headers: Record<string, string> = {}): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const reply = await fetch(url, { headers });
    await reply.arrayBuffer();
    if (reply.status === 200) return;
    if (reply.status !== 503 || reply.headers.get('retry-after') !== '2')
      throw new Error(`${url}: HTTP ${reply.status} while waiting for the first view`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${url}: no view after 20 s`);
}
