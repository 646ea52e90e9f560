import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTOSO, E2e, exchangeItem } from './harness.js';

describe('product names beside ids (built CLI against the sandbox server)', () => {
  let e2e: E2e;
  beforeEach(async () => {
    e2e = await E2e.start();
  });
  afterEach(async () => e2e.close());

  it('plan shows the catalog title of CFQ7TTC0LH16 beside its id, and apply names it too', async () => {
    e2e.writeContoso(exchangeItem('exchange', 10));
    const plan = await e2e.qm('plan');
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(
      '+ purchase exchange: Exchange Online (Plan 1) (CFQ7TTC0LH16:0001) P1M/monthly × 10, autorenew on',
    );

    const applied = await e2e.qm('apply', '--auto-approve');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(
      `ok      purchase exchange (${CONTOSO}): Exchange Online (Plan 1), ordered 10 × `,
    );
  });
});
