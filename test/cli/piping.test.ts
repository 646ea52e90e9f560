import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTOSO_BP, E2e, exchangeItem } from '../e2e/harness.js';
import { plain, qmCommand, runShell } from './confirm-terminal.js';

const PREMIUM = `premium:\n  product: CFQ7TTC0LCHC\n  sku: "0002"\n  term: P1Y\n  billing: monthly\n  quantity: 25\n  subscriptionId: ${CONTOSO_BP}`;
const ESC = String.fromCharCode(27);

/**
 * qm in shell pipelines (issue 17), through bash with `pipefail` so the pipeline's code is
 * qm's: output to a pipe is plain text, a reader that stops early (`head -1`) changes neither
 * the exit code nor what an apply does, and colours are for a terminal on standard output.
 */
describe('qm in pipelines (built CLI, sandbox)', () => {
  let e2e: E2e;
  beforeAll(async () => {
    e2e = await E2e.start();
    e2e.writeContoso(`${exchangeItem()}\n${PREMIUM}`);
  });
  afterAll(async () => {
    await e2e.close();
  });

  it('qm plan | cat: the plan, uncoloured, and --detailed-exitcode still exits 2', async () => {
    const run = await runShell(e2e.dir, `${qmCommand('plan', '--detailed-exitcode')} | cat`);
    expect(run.code, run.err).toBe(2);
    expect(run.out).toContain('+ purchase exchange');
    expect(run.out).not.toContain(ESC);
  }, 60_000);

  it('qm plan on a terminal is coloured: colour follows standard output', async () => {
    const run = await runShell(e2e.dir, qmCommand('plan'), { terminal: true });
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain(`${ESC}[32m+ purchase${ESC}[0m exchange`);
  }, 60_000);

  it('qm plan | head -1 exits 0 with the first line', async () => {
    const run = await runShell(e2e.dir, `${qmCommand('plan')} | head -1`);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/^Quartermaster plan · created \S+ · spec [0-9a-f]{12} .*\n$/);
    expect(run.err).not.toMatch(/EPIPE|Error/);
  }, 60_000);

  it('qm apply --auto-approve | head -1 applies everything and exits 0 though the reader left', async () => {
    const run = await runShell(e2e.dir, `${qmCommand('apply', '--auto-approve')} | head -1`);
    expect(run.code, run.err).toBe(0);
    expect(run.out.split('\n')).toHaveLength(2);
    expect(run.err).not.toMatch(/EPIPE|Error/);
    expect(e2e.subscriptionsOf('CFQ7TTC0LH16').map((s) => s.quantity)).toEqual([10]);
    expect(e2e.subscriptionsOf('CFQ7TTC0LCHC').map((s) => s.quantity)).toEqual([25]);
  }, 60_000);

  it('qm status | head -1 and qm plan --json | cat exit 0 after the apply', async () => {
    const status = await runShell(e2e.dir, `${qmCommand('status')} | head -1`);
    expect(status.code, status.err).toBe(0);
    expect(status.out.split('\n')).toHaveLength(2);
    const json = await runShell(
      e2e.dir,
      `${qmCommand('plan', '--json', '--detailed-exitcode')} | cat`,
    );
    expect(json.code, json.err).toBe(0);
    expect((JSON.parse(plain(json.out)) as { actions: unknown[] }).actions).toEqual([]);
  }, 60_000);
});
