import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { SANDBOX_TOKENS } from '../../src/sandbox/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Resolves with the first stdout line matching `pattern` (rejects when the process exits first). */
function firstLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const line = buffer.split('\n').find((l) => pattern.test(l));
      if (line !== undefined) resolve(line);
    });
    child.once('exit', (code) =>
      reject(new Error(`exited with ${String(code)} before printing; stdout: ${buffer}`)),
    );
  });
}

describe('qm sandbox serve (built CLI, child process)', () => {
  // Needs dist/ (`npm test` builds first): without it the test fails rather than skipping.
  it('starts in under 2 s, answers a catalog request, stops cleanly on SIGTERM', async () => {
    const started = performance.now();
    const child = spawn(
      process.execPath,
      ['bin/qm.js', 'sandbox', 'serve', '--port', '0', '--memory'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    const line = await firstLine(child, /^sandbox listening on http:\/\//);
    const url = line.replace('sandbox listening on ', '').trim();
    const reply = await request(`${url}/v1/products?country=US&targetView=OnlineServices`, {
      headers: { authorization: `Bearer ${SANDBOX_TOKENS.appUser}` },
    });
    const body = (await reply.body.json()) as { items: { id: string }[] };
    expect(reply.statusCode).toBe(200);
    expect(body.items.map((p) => p.id)).toContain('CFQ7TTC0LCHC');
    expect(performance.now() - started).toBeLessThan(2_000);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  // Runs the TypeScript sources through tsx, so it does not depend on a fresh dist/.
  it('--dialect documented serves the documented shapes; an unknown dialect is a user error', async () => {
    const run = (dialect: string) =>
      spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '--eval',
          "const m = await import('./src/cli/main.ts'); process.exitCode = await m.main(process.argv.slice(1));",
          '--',
          'sandbox',
          'serve',
          '--port',
          '0',
          '--memory',
          '--dialect',
          dialect,
        ],
        { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
      );
    const bad = run('sdk');
    children.push(bad);
    let stderr = '';
    bad.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    expect(await new Promise((resolve) => bad.once('exit', resolve))).not.toBe(0);
    expect(stderr).toContain('--dialect must be one of extended, documented');
    const child = run('documented');
    children.push(child);
    const line = await firstLine(child, /^sandbox listening on http:\/\//);
    const url = line.replace('sandbox listening on ', '').trim();
    const reply = await request(`${url}/v1/products/CFQ7TTC0LH18?country=US`, {
      headers: { authorization: `Bearer ${SANDBOX_TOKENS.appUser}` },
    });
    const body = (await reply.body.json()) as Record<string, unknown>;
    expect(body.productType).toEqual({ id: 'OnlineServicesNCE', displayName: 'OnlineServicesNCE' });
    expect(body).not.toHaveProperty('attributes');
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
