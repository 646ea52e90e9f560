import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SEED_CUSTOMERS } from '../../src/sandbox/index.js';
import { CONTOSO, CONTOSO_AZURE_PLAN, CONTOSO_BP, E2e } from '../e2e/harness.js';

const FABRIKAM = SEED_CUSTOMERS.fabrikam;
const FABRIKAM_VISIO = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
const EXCHANGE_ID = 'e0e0e0e0-1111-4222-8333-444444444444';

/** Contoso's spec as a person wrote it: comments, aligned values, an item matching the live BP. */
const CONTOSO_SPEC = `# yaml-language-server: $schema=./schema.json
# Contoso: finance owns this file.
version: 1
customer:
  id: ${CONTOSO}    # the tenant
  name: Contoso Ltd
  country: US
subscriptions:
  # the main licence
  premium:
    product: CFQ7TTC0LCHC
    sku: "0002"
    term: P1Y
    billing: monthly
    quantity: 20
purchases: {}
`;

describe(
  'qm import CUSTOMER_ID (built CLI against the sandbox server)',
  { timeout: 90_000 },
  () => {
    let e2e: E2e | undefined;
    afterEach(async () => e2e?.close());

    const withExchange = async (): Promise<E2e> => {
      const w = (e2e = await E2e.start());
      w.sandbox.admin.createSubscription(CONTOSO, {
        id: EXCHANGE_ID,
        productId: 'CFQ7TTC0LH16',
        skuId: '0001',
        quantity: 7,
        termDuration: 'P1M',
        billingCycle: 'monthly',
        autoRenewEnabled: false,
      });
      w.writeSpec('contoso', CONTOSO_SPEC);
      return w;
    };
    const specText = (w: E2e, name: string): string =>
      readFileSync(join(w.dir, 'specs', name), 'utf8');

    it('with a spec: binds the match, adds the rest to the file keeping what it says, then plans clean', async () => {
      const w = await withExchange();
      const run = await w.qm('import', CONTOSO);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`bound premium → ${CONTOSO_BP} (`);
      expect(run.stdout).toContain('added to specs/contoso.yaml: 1 item, 1 left unmanaged:');
      const text = specText(w, 'contoso.yaml');
      expect(text.startsWith(CONTOSO_SPEC.replace('purchases: {}\n', ''))).toBe(true);
      expect(text).toContain(
        [
          '  exchange-online-plan-1:',
          '    product: CFQ7TTC0LH16',
          '    sku: "0001"',
          '    term: P1M',
          '    billing: monthly',
          '    quantity: 7',
          '    autoRenew: false',
          `    subscriptionId: ${EXCHANGE_ID}`,
          `  # Not managed: Azure plan (DZH318Z0BPS6:0001) × 1, subscriptionId: ${CONTOSO_AZURE_PLAN}`,
        ].join('\n'),
      );
      const store = w.state();
      try {
        expect(
          store.bindings
            .list()
            .map((b) => [b.item, b.subscriptionId])
            .sort(),
        ).toEqual([
          ['exchange-online-plan-1', EXCHANGE_ID],
          ['premium', CONTOSO_BP],
        ]);
      } finally {
        store.close();
      }
      const plan = await w.qm('plan', '--detailed-exitcode');
      expect(plan.code, plan.stdout).toBe(0);
      expect(plan.stdout).toContain('No changes.');

      const again = await w.qm('import', CONTOSO);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).toContain('Nothing to import');
      expect(specText(w, 'contoso.yaml')).toBe(text);
      expect(w.sandbox.state.requests().filter((r) => r.method !== 'GET')).toEqual([]);
    });

    it('with a spec and --print: only the items to paste on stdout, the file left as it is', async () => {
      const w = await withExchange();
      const run = await w.qm('import', CONTOSO, '--print');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout.split('\n')[0]).toBe('  exchange-online-plan-1:');
      expect(run.stdout).not.toContain('bound');
      expect(run.stderr).toContain(`bound premium → ${CONTOSO_BP}`);
      expect(run.stderr).toContain(
        '1 item, 1 left unmanaged to paste under subscriptions: in specs/contoso.yaml (printed, not written)',
      );
      expect(specText(w, 'contoso.yaml')).toBe(CONTOSO_SPEC);
    });

    it('--dry-run writes no file and binds nothing', async () => {
      const w = await withExchange();
      const run = await w.qm('import', CONTOSO, '--dry-run');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`would bind premium → ${CONTOSO_BP}`);
      expect(run.stdout).toContain('would add to specs/contoso.yaml: 1 item, 1 left unmanaged:');
      expect(specText(w, 'contoso.yaml')).toBe(CONTOSO_SPEC);
      const fresh = await w.qm('import', FABRIKAM, '--dry-run');
      expect(fresh.stdout).toContain('would write specs/fabrikam-gmbh.yaml: Fabrikam GmbH');
      expect(readdirSync(join(w.dir, 'specs'))).toEqual(['contoso.yaml']);
      const store = w.state();
      try {
        expect(store.bindings.list()).toEqual([]);
      } finally {
        store.close();
      }
    });

    it('without a spec: writes a new file next to, never over, an existing one, and binds it', async () => {
      const w = (e2e = await E2e.start());
      rmSync(join(w.dir, 'specs'), { recursive: true });
      const first = await w.qm('import', FABRIKAM);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout.trim()).toBe(
        `wrote specs/fabrikam-gmbh.yaml: Fabrikam GmbH (${FABRIKAM}), 1 item; items bound`,
      );
      expect(specText(w, 'fabrikam-gmbh.yaml')).toContain(`subscriptionId: ${FABRIKAM_VISIO}`);
      // The file goes; its binding stays. Another customer's spec now holds the name.
      rmSync(join(w.dir, 'specs', 'fabrikam-gmbh.yaml'));
      const northwind = `version: 1\ncustomer:\n  id: ${SEED_CUSTOMERS.northwind}\n  name: Northwind\n  country: GB\n`;
      w.writeSpec('fabrikam-gmbh', northwind);
      const second = await w.qm('import', FABRIKAM);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toContain('wrote specs/fabrikam-gmbh-2.yaml');
      expect(specText(w, 'fabrikam-gmbh.yaml')).toBe(northwind);
      expect(specText(w, 'fabrikam-gmbh-2.yaml')).toContain('  visio-plan-2:\n'); // the bound key
      expect((await w.qm('validate')).code).toBe(0);
    });

    it.each([
      [[], 'give a customer tenant id (qm import <customer-id>; qm customers lists them) or --all'],
      [
        [CONTOSO, '--all'],
        `give either a customer id or --all, not both (got ${CONTOSO} and --all)`,
      ],
      [['--all', '--print'], '--print is for one customer'],
      [['--all', '--page-size', '0'], '--page-size 0 is not a whole number of customers per page'],
      [[CONTOSO, '--page-size', '5'], '--page-size applies to --all'],
      [['contoso'], 'contoso is not a customer tenant id (a GUID)'],
    ])('refuses qm import %j with a message saying what to do', async (args, message) => {
      const w = (e2e = await E2e.start());
      const run = await w.qm('import', ...args);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(message);
      expect(existsSync(join(w.dir, 'state'))).toBe(false);
    });

    it('names the call and what to do for a customer Partner Center does not know', async () => {
      const w = (e2e = await E2e.start());
      const unknown = '00000000-1111-4222-8333-444444444444';
      const run = await w.qm('import', unknown);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `error [unknown-customer]: no spec declares customer ${unknown} and Partner Center did not return it (GET /v1/customers/${unknown}: 60003`,
      );
      expect(run.stderr).toContain('check the id against qm customers');
    });
  },
);
