import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTOSO, CONTOSO_BP, E2e, exchangeItem } from '../e2e/harness.js';
import { plain, PROMPT, qmCommand, runShell } from './confirm-terminal.js';

const PREMIUM = `premium:\n  product: CFQ7TTC0LCHC\n  sku: "0002"\n  term: P1Y\n  billing: monthly\n  quantity: 25\n  subscriptionId: ${CONTOSO_BP}`;

/**
 * `qm apply` without a plan file asks on standard input's terminal (issue 17): a declined
 * answer exits 1 and buys nothing (Terraform: "Apply cancelled" is an error); a terminal on
 * standard input is enough, whatever standard output is; no terminal is a clear error. The
 * terminal is a real pseudo-terminal (`script`), the CLI the built one, the sandbox real.
 */
describe('qm apply confirmation (built CLI on a pseudo-terminal, sandbox)', () => {
  let e2e: E2e;
  beforeEach(async () => {
    e2e = await E2e.start();
    e2e.writeContoso(`${exchangeItem()}\n${PREMIUM}`);
  });
  afterEach(async () => {
    await e2e.close();
  });

  it('shows the plan, asks, and on "no" exits 1 having bought and changed nothing', async () => {
    const run = await runShell(e2e.dir, qmCommand('apply'), { terminal: true, answer: 'no' });
    const shown = plain(run.out);
    expect(run.code, shown).toBe(1);
    expect(shown).toContain('+ purchase exchange');
    expect(shown).toContain('~ increase-quantity premium');
    expect(shown.indexOf('+ purchase exchange')).toBeLessThan(shown.indexOf(PROMPT));
    expect(shown).toMatch(/error \[apply-cancelled\]: Apply cancelled/);
    expect(shown).not.toMatch(/ok +purchase/);
    expect(e2e.subscriptionsOf('CFQ7TTC0LH16')).toEqual([]);
    expect(e2e.subscriptionsOf('CFQ7TTC0LCHC').map((s) => s.quantity)).toEqual([20]);
    expect(e2e.sandbox.state.orders(CONTOSO)).toEqual([]);
  }, 60_000);

  it('still asks when standard output is piped but standard input is the terminal (qm apply | cat)', async () => {
    const run = await runShell(e2e.dir, `${qmCommand('apply')} | cat`, {
      terminal: true,
      answer: 'yes',
    });
    const shown = plain(run.out);
    expect(run.code, shown).toBe(0);
    expect(shown).toContain(PROMPT);
    expect(shown).toMatch(/ok +purchase exchange/);
    expect(e2e.subscriptionsOf('CFQ7TTC0LH16').map((s) => s.quantity)).toEqual([10]);
    expect(e2e.subscriptionsOf('CFQ7TTC0LCHC').map((s) => s.quantity)).toEqual([25]);
  }, 60_000);

  it('refuses to ask when standard input is not a terminal, even with stdout on one', async () => {
    const run = await runShell(e2e.dir, `${qmCommand('apply')} < /dev/null`, { terminal: true });
    const shown = plain(run.out);
    expect(run.code, shown).toBe(1);
    expect(shown).toMatch(
      /error \[confirmation-required\]: .*standard input is not a terminal: pass --auto-approve/,
    );
    expect(shown).not.toContain(PROMPT);
    expect(e2e.sandbox.state.orders(CONTOSO)).toEqual([]);
  }, 60_000);

  it('--auto-approve prints the plan before applying it', async () => {
    const run = await e2e.qm('apply', '--auto-approve');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const planAt = run.stdout.indexOf('+ purchase exchange');
    expect(planAt).toBeGreaterThanOrEqual(0);
    expect(run.stdout).toMatch(/Plan: 1 to buy, 1 to change, 0 to reduce or cancel/);
    expect(planAt).toBeLessThan(run.stdout.search(/ok +purchase exchange/));
    expect(run.stderr).not.toContain(PROMPT);
    expect(e2e.subscriptionsOf('CFQ7TTC0LH16').map((s) => s.quantity)).toEqual([10]);
  }, 60_000);
});
