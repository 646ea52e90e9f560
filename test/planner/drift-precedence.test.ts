import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type DesiredCustomer, type DriftPolicy, type ItemKey } from '../../src/model/index.js';
import { loadConfig } from '../../src/config/index.js';
import { buildPlan } from '../../src/planner/index.js';
import { loadSpecs } from '../../src/spec/index.js';
import { formatDiagnostic } from '../../src/support/index.js';
import {
  aBinding,
  aLiveSubscription,
  anObservedCustomer,
  aPlanInput,
  PERMISSIVE_POLICY,
} from './builders.js';

const ID = '6f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11';
const item = (key: string, drift?: string): string =>
  [
    `  ${key}:`,
    '    product: PROD1',
    '    sku: "0001"',
    '    term: P1Y',
    '    billing: monthly',
    '    quantity: 10',
    ...(drift === undefined ? [] : [`    drift: ${drift}`]),
  ].join('\n');
const spec = (documentDrift: string | undefined, items: string[]): string =>
  [
    'version: 1',
    'customer:',
    `  id: ${ID}`,
    '  name: Contoso',
    '  country: US',
    ...(documentDrift === undefined ? [] : [`drift: ${documentDrift}`]),
    'subscriptions:',
    ...items,
    '',
  ].join('\n');

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function load(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'qm-drift-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'contoso.yaml'), text);
  return loadSpecs(dir, { cwd: dir });
}

/** Plans the loaded customer against live subscriptions of 12 seats each (bound by key). */
function planned(customer: DesiredCustomer, configDrift?: DriftPolicy) {
  const id = customer.id;
  const subs = customer.subscriptions.map((_s, i) =>
    aLiveSubscription({
      id: `5000000${i}-0000-4000-8000-000000000000` as never,
      customerId: id,
      quantity: 12,
      refundableQuantity: {
        totalQuantity: 12,
        details: [{ quantity: 12, allowedUntilDateTime: '2026-03-03T00:00:00Z' }],
      },
    }),
  );
  const plan = buildPlan(
    aPlanInput({
      customer,
      live: anObservedCustomer({ customerId: id, subscriptions: subs }),
      bindings: customer.subscriptions.map((s, i) =>
        aBinding({ customerId: id, item: s.key, subscriptionId: subs[i]!.id }),
      ),
      policy:
        configDrift === undefined
          ? PERMISSIVE_POLICY
          : { ...PERMISSIVE_POLICY, drift: configDrift },
    }),
  );
  const byItem = (key: string): string => {
    const action = plan.actions.find((a) => a.item === key);
    const drift = plan.drift?.find((d) => d.item === (key as ItemKey));
    return action !== undefined
      ? action.kind
      : drift !== undefined
        ? `drift ${drift.policy}`
        : 'nothing';
  };
  return customer.subscriptions.map((s) => `${s.key}: ${byItem(s.key)}`);
}

describe('drift policy precedence: item > spec document > policy.drift > revert', () => {
  it('resolves each item from the loaded spec and the config', () => {
    const loaded = load(
      spec('report', [item('own-keep', 'keep-higher'), item('own-revert', 'revert'), item('doc')]),
    );
    expect(loaded.diagnostics).toEqual([]);
    const [customer] = loaded.desired.customers;
    expect(customer?.subscriptions.map((s) => s.drift)).toEqual([
      'keep-higher',
      'revert',
      'report',
    ]);
    expect(planned(customer!, 'revert')).toEqual([
      'own-keep: drift keep-higher',
      'own-revert: decrease-quantity',
      'doc: drift report',
    ]);
  });

  it('uses policy.drift for items of a document without drift:, revert without it', () => {
    const [customer] = load(spec(undefined, [item('plain'), item('own', 'revert')])).desired
      .customers;
    expect(customer?.subscriptions.map((s) => s.drift)).toEqual([undefined, 'revert']);
    expect(planned(customer!, 'keep-higher')).toEqual([
      'plain: drift keep-higher',
      'own: decrease-quantity',
    ]);
    expect(planned(customer!)).toEqual(['plain: decrease-quantity', 'own: decrease-quantity']);
  });

  it.each([
    [
      'an item',
      spec(undefined, [item('m365', 'keep-lower')]),
      'contoso.yaml:13:12: `drift` must be one of revert, keep-higher, report; got `keep-lower` (at subscriptions.m365.drift)',
    ],
    [
      'the document',
      spec('Keep-Higher', [item('m365')]),
      'contoso.yaml:6:8: `drift` must be one of revert, keep-higher, report; got `Keep-Higher` (at drift)',
    ],
  ])('refuses an unknown value on %s at file:line:col', (_name, text, at) => {
    const loaded = load(text);
    expect(loaded.desired.customers).toEqual([]);
    const lines = loaded.diagnostics.map((d) => formatDiagnostic({ ...d, file: 'contoso.yaml' }));
    expect(lines).toEqual([at]);
  });

  it.each([
    ['keep-higher', 'keep-higher', []],
    ['absent', undefined, []],
    [
      'unknown',
      undefined,
      [
        'agent.config.yaml:2:10: `drift` must be one of revert, keep-higher, report; got `keep` (at policy.drift)',
      ],
    ],
  ] as const)('reads policy.drift from the config (%s)', (_name, expected, problems) => {
    const dir = mkdtempSync(join(tmpdir(), 'qm-drift-config-'));
    dirs.push(dir);
    const drift =
      _name === 'absent' ? '' : `\n  drift: ${_name === 'unknown' ? 'keep' : 'keep-higher'}`;
    writeFileSync(join(dir, 'agent.config.yaml'), `policy:${drift || ' {}'}\n`);
    const { config, diagnostics } = loadConfig({ env: {}, cwd: dir });
    expect(config.policy.drift).toBe(expected);
    expect(diagnostics.map((d) => formatDiagnostic({ ...d, file: 'agent.config.yaml' }))).toEqual(
      problems,
    );
  });
});
