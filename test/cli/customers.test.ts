import { afterEach, describe, expect, it } from 'vitest';
import { SEED_CUSTOMERS } from '../../src/sandbox/index.js';
import { E2e } from '../e2e/harness.js';

const STRANGER = '00000000-1111-4222-8333-444444444444';

describe('qm customers (built CLI against the sandbox server)', { timeout: 60_000 }, () => {
  let e2e: E2e | undefined;
  afterEach(async () => e2e?.close());

  it('lists the partner’s customers by name with the spec that declares each, paging the list', async () => {
    const w = (e2e = await E2e.start());
    w.writeSpec(
      'contoso',
      `version: 1\ncustomer:\n  id: ${SEED_CUSTOMERS.contoso}\n  name: Contoso (ours)\n  country: US\n`,
    );
    w.writeSpec(
      'stranger',
      `version: 1\ncustomer:\n  id: ${STRANGER}\n  name: Stranger\n  country: US\n`,
    );
    w.sandbox.state.resetLog();
    const run = await w.qm('customers', '--json', '--page-size', '2');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      formatVersion: 1,
      customers: [
        {
          id: 'a7b8c9d0-e1f2-4a3b-9c4d-5e6f7a8b9c0d',
          name: 'Adventure Works Brasil',
          country: 'BR',
          domain: 'adventureworksbr.onmicrosoft.com',
        },
        {
          id: SEED_CUSTOMERS.contoso,
          name: 'Contoso Ltd',
          country: 'US',
          domain: 'contoso.onmicrosoft.com',
          specFile: 'specs/contoso.yaml',
        },
        {
          id: SEED_CUSTOMERS.fabrikam,
          name: 'Fabrikam GmbH',
          country: 'DE',
          domain: 'fabrikam.onmicrosoft.com',
        },
        {
          id: SEED_CUSTOMERS.northwind,
          name: 'Northwind Traders',
          country: 'GB',
          domain: 'northwindtraders.onmicrosoft.com',
        },
        {
          id: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6',
          name: 'Tailspin Toys',
          country: 'AU',
          domain: 'tailspintoys.onmicrosoft.com',
        },
      ],
    });
    expect(run.stderr).toContain(
      `note: specs/stranger.yaml declares customer ${STRANGER} (Stranger), which Partner Center does not list for this partner: check customer.id`,
    );
    const requests = w.sandbox.state.requests();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(
      Array(3).fill('GET /v1/customers'),
    );

    const human = await w.qm('customers');
    expect(human.code, human.stderr).toBe(0);
    const lines = human.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^NAME +ID +COUNTRY +SPEC$/);
    expect(lines[2]).toMatch(
      new RegExp(`^Contoso Ltd +${SEED_CUSTOMERS.contoso} +US +specs/contoso.yaml$`),
    );
    expect(lines[3]).toMatch(new RegExp(`^Fabrikam GmbH +${SEED_CUSTOMERS.fabrikam} +DE +-$`));
    expect(lines.at(-1)).toBe('5 customers, 1 with a spec.');
  });

  it('works on an estate with no spec file yet, and refuses a bad page size', async () => {
    const w = (e2e = await E2e.start());
    const run = await w.qm('customers');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('5 customers, 0 with a spec.');
    const bad = await w.qm('customers', '--page-size', 'ten');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      '--page-size ten is not a whole number of customers per page: give 1 or more',
    );
  });
});
