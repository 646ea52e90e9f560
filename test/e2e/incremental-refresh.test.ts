import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/model/index.js';
import { CONTOSO, CONTOSO_BP, E2e } from './harness.js';

/**
 * `partnerCenter.refresh: { mode: incremental }` through the built CLI against the real sandbox
 * server: the first plan reads everyone and sets the mark, the next reads only what the audit
 * feed names, and the plan says so in JSON, in the terminal and in the pull-request comment.
 */
let e2e: E2e;
beforeEach(async () => {
  e2e = await E2e.start();
  e2e.writeConfig();
  const path = join(e2e.dir, 'agent.config.yaml');
  const config = readFileSync(path, 'utf8').replace(
    '  concurrency: 4\n',
    '  concurrency: 4\n  refresh:\n    mode: incremental\n    fullEvery: 24h\n',
  );
  writeFileSync(path, config);
  e2e.writeContoso(
    `bp:\n  product: CFQ7TTC0LCHC\n  sku: "0002"\n  term: P1Y\n  billing: monthly\n  quantity: 20\n  subscriptionId: ${CONTOSO_BP}`,
  );
});
afterEach(async () => {
  await e2e.close();
});

async function planJson(): Promise<Plan> {
  const result = await e2e.qm('plan', '--json');
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Plan;
}

describe('qm plan with incremental refresh', () => {
  it('reads everyone first, then only the customers the audit feed names', async () => {
    const first = await planJson();
    expect(first.basis.refresh).toMatchObject({
      mode: 'full',
      fullReason: { code: 'no-mark' },
      fresh: 1,
      fromSnapshot: 0,
    });

    e2e.sandbox.state.resetLog();
    const quiet = await planJson();
    expect(quiet.basis.refresh).toMatchObject({
      mode: 'incremental',
      fresh: 0,
      fromSnapshot: 1,
      audit: { pages: 1 },
    });
    expect(quiet.basis.customers[CONTOSO]?.snapshotAt).toEqual(expect.any(String));
    const reads = e2e.sandbox.state.callCounts();
    expect(reads['GET /v1/auditrecords']).toBe(1);
    expect(reads['GET /v1/customers/{customer-id}/subscriptions']).toBeUndefined();

    // Seats changed in the portal (the sandbox's admin API, audited as admin@portal).
    const res = await fetch(
      `${e2e.sandbox.url}/_sandbox/customers/${CONTOSO}/subscriptions/${CONTOSO_BP}`,
      {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: '{"quantity": 23}',
      },
    );
    expect(res.status).toBe(200);
    const moved = await planJson();
    expect(moved.basis.refresh).toMatchObject({
      mode: 'incremental',
      fresh: 1,
      fromSnapshot: 0,
      freshBecause: { 'audit-activity': 1 },
    });
    // 23 seats bought back to 20 (the portal's 3 are still refundable).
    expect(moved.actions).toEqual([
      expect.objectContaining({
        kind: 'decrease-quantity',
        subscriptionId: CONTOSO_BP,
        before: { quantity: 23 },
        after: { quantity: 20 },
      }),
    ]);

    // Within the overlap the record still counts (a read just after a change may miss it), so
    // the customer is read again: the line says so.
    const human = await e2e.qm('plan');
    expect(human.stdout).toMatch(
      /\nRefresh: incremental, 1 customer read from Partner Center \(1 audit activity\); audit records [0-9T:.-]+Z → [0-9T:.-]+Z: 1 in 1 page\.\n/,
    );
    const markdown = await e2e.qm('plan', '--markdown');
    expect(markdown.stdout).toContain('<sub>Refresh: incremental, ');
  }, 90_000);
});
