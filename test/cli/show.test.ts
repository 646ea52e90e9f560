import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTOSO, CONTOSO_BP, E2e, exchangeItem } from '../e2e/harness.js';

/**
 * Issue 15: `qm show` renders a saved plan (a file, or a plan the daemon saved for review) as
 * `qm plan` does, without touching Partner Center; `qm apply --plan-id` applies a stored plan.
 */
const PREMIUM = `premium:\n  product: CFQ7TTC0LCHC\n  sku: "0002"\n  term: P1Y\n  billing: monthly\n  quantity: 22\n  subscriptionId: ${CONTOSO_BP}`;

/** The action lines of a human plan (`+`/`~`/`-` markers), without the file-saved note. */
const actionLines = (text: string): string[] =>
  text.split('\n').filter((line) => /^ {2}[+~-] /.test(line));

describe('qm show PLANFILE', () => {
  let e2e: E2e;
  beforeEach(async () => {
    e2e = await E2e.start();
    e2e.writeContoso(`${exchangeItem()}\n${PREMIUM}`);
  });
  afterEach(async () => e2e.close());

  it('renders a saved plan as qm plan did: human, --json (round trip), --markdown', async () => {
    const planned = await e2e.qm('plan', '--out', 'p.json');
    expect(planned.code, planned.stderr).toBe(0);
    const calls = e2e.sandbox.state.subscriptions(CONTOSO).length;

    const shown = await e2e.qm('show', 'p.json');
    expect(shown.code, shown.stderr).toBe(0);
    expect(actionLines(shown.stdout)).toHaveLength(2);
    expect(actionLines(shown.stdout)).toEqual(actionLines(planned.stdout));
    expect(shown.stdout).toContain('Plan: 1 to buy, 1 to change');

    const json = await e2e.qm('show', 'p.json', '--json');
    expect(json.code, json.stderr).toBe(0);
    expect(json.stdout.startsWith('{\n  "formatVersion": 2,')).toBe(true); // as qm plan --json
    expect(JSON.parse(json.stdout)).toEqual(
      JSON.parse(readFileSync(join(e2e.dir, 'p.json'), 'utf8')),
    );
    writeFileSync(join(e2e.dir, 'again.json'), json.stdout); // round trip: a valid plan, same bytes
    expect((await e2e.qm('show', 'again.json', '--json')).stdout).toBe(json.stdout);

    const markdown = await e2e.qm('show', 'p.json', '--markdown');
    expect(markdown.code, markdown.stderr).toBe(0);
    const table = (text: string): string[] => text.split('\n').filter((l) => l.startsWith('|'));
    expect(table(markdown.stdout).length).toBeGreaterThan(2); // the summary table
    expect(table(markdown.stdout)).toEqual(table((await e2e.qm('plan', '--markdown')).stdout));

    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(0);
    expect(e2e.sandbox.state.subscriptions(CONTOSO)).toHaveLength(calls);
  });

  it('refuses a file that is not a plan, naming it (exit 1)', async () => {
    writeFileSync(join(e2e.dir, 'bad.json'), '{"formatVersion": 2, "actions": [');
    const corrupt = await e2e.qm('show', 'bad.json');
    expect(corrupt.code).toBe(1);
    expect(corrupt.stderr).toMatch(/error \[plan-file-invalid\]: bad\.json is not JSON/);

    writeFileSync(join(e2e.dir, 'other.json'), '{"hello": 1}');
    const other = await e2e.qm('show', 'other.json');
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/other\.json is not a Quartermaster plan/);

    const missing = await e2e.qm('show', 'nope.json');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/\[plan-file-unreadable\]: cannot read plan file nope\.json/);

    const none = await e2e.qm('show');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('qm show --plan-id ID');
  });

  it('refuses an unknown --plan-id, saying how to list the plans awaiting review', async () => {
    const unknown = await e2e.qm('show', '--plan-id', 'feedface');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      'no plan awaiting review with id feedface; list them with `qm status`',
    );
    const apply = await e2e.qm('apply', '--plan-id', 'feedface');
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain('no plan awaiting review with id feedface');
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(0);
  });
});

describe('plans awaiting review, by id', () => {
  let e2e: E2e;
  beforeEach(async () => {
    e2e = await E2e.start();
    e2e.writeConfig('autoApply: []');
    e2e.writeContoso(`${exchangeItem()}\n${PREMIUM}`);
  });
  afterEach(async () => e2e.close());

  it('lists the daemon’s plan in qm status, shows it and applies it with --plan-id', async () => {
    const run = await e2e.qm('run', '--once');
    expect(run.code, run.stderr).toBe(0);
    const id = /saved as plan ([0-9a-f]{32})/.exec(run.stdout)?.[1];
    expect(id, run.stdout).toBeDefined();
    expect(run.stdout).toContain(`qm show --plan-id ${id}`);
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(0);

    const status = await e2e.qm('status');
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(new RegExp(`^ {2}${id} saved \\S+, 2 action\\(s\\)`, 'm'));
    const statusJson = JSON.parse((await e2e.qm('status', '--json')).stdout) as {
      awaitingReview: { id: string; actions: number }[];
    };
    expect(statusJson.awaitingReview).toEqual([
      { id, savedAt: expect.any(String) as string, actions: 2 },
    ]);

    const shown = await e2e.qm('show', '--plan-id', id!);
    expect(shown.code, shown.stderr).toBe(0);
    const planned = await e2e.qm('plan');
    expect(actionLines(shown.stdout)).toHaveLength(2);
    expect(actionLines(shown.stdout)).toEqual(actionLines(planned.stdout));
    const json = await e2e.qm('show', '--plan-id', id!, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ formatVersion: 2 });

    const applied = await e2e.qm('apply', '--plan-id', id!);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/ok +purchase exchange/);
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(1);
    expect(e2e.subscriptionsOf('CFQ7TTC0LCHC').map((s) => s.quantity)).toEqual([22]);

    // The same plan again is stale now: refused, naming the id, nothing bought twice.
    const again = await e2e.qm('apply', '--plan-id', id!);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`\\[plan-stale\\].*Plan ${id} was not applied`));
    expect(e2e.sandbox.state.orders(CONTOSO)).toHaveLength(1);
  }, 30_000);
});
