import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addToSpecText,
  createSpecFileWriter,
  loadSpecs,
  renderItemsToPaste,
  renderNewSpec,
  slugify,
  specFileStem,
  uniqueItemKey,
  type DraftItem,
  type DraftNote,
} from '../../../src/spec/index.js';

const CUSTOMER = '6f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11';
const anItem = (
  key: string,
  subscriptionId: string,
  extra: Partial<DraftItem> = {},
): DraftItem => ({
  key,
  product: 'CFQ7TTC0LH16',
  sku: '0001',
  term: 'P1M',
  billing: 'monthly',
  quantity: 3,
  autoRenew: true,
  subscriptionId,
  ...extra,
});
const SUB_A = '11111111-2222-4333-8444-555555555555';
const SUB_B = '11111111-2222-4333-8444-666666666666';
const AZURE: DraftNote = {
  subscriptionId: '8e7c0d2b-5a4f-4e3d-9c1b-2a0f6e5d4c3b',
  what: 'Azure plan (DZH318Z0BPS6:0001) × 1',
  reason: 'no commitment term',
};

describe('item keys and file names', () => {
  it.each([
    ['Microsoft 365 Business Premium', 'microsoft-365-business-premium'],
    ['Exchange Online (Plan 1)', 'exchange-online-plan-1'],
    ['Société Générale Démo', 'societe-generale-demo'],
    ['  --Contoso, Ltd.--  ', 'contoso-ltd'],
    ['株式会社サンプル', ''],
    ['x'.repeat(100), 'x'.repeat(60)],
    [`${'a'.repeat(59)} b`, 'a'.repeat(59)],
  ])('slugify(%j) is %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it('keeps keys unique within a customer, case-insensitively, in call order', () => {
    const taken = new Set(['visio-plan-2', 'premium']);
    expect(uniqueItemKey('Exchange Online (Plan 1)', 'x', taken)).toBe('exchange-online-plan-1');
    expect(uniqueItemKey('Exchange Online (Plan 1)', 'x', taken)).toBe('exchange-online-plan-1-2');
    expect(uniqueItemKey('Visio Plan 2', 'x', taken)).toBe('visio-plan-2-2');
    expect(uniqueItemKey('PREMIUM', 'x', taken)).toBe('premium-2');
    expect(uniqueItemKey('製品', 'CFQ7TTC0LH16-0001', taken)).toBe('cfq7ttc0lh16-0001');
    expect(uniqueItemKey('', '', taken)).toBe('subscription');
  });

  it('names a file after the company, else the customer id', () => {
    expect(specFileStem('Contoso Ltd', CUSTOMER)).toBe('contoso-ltd');
    expect(specFileStem('株式会社', CUSTOMER.toUpperCase())).toBe(`customer-${CUSTOMER}`);
  });
});

describe('new spec files', () => {
  let dir: string | undefined;
  afterEach(() => dir !== undefined && rmSync(dir, { recursive: true, force: true }));

  it('renders a spec that loads with no diagnostic and states every field', () => {
    dir = mkdtempSync(join(tmpdir(), 'qm-import-'));
    const text = renderNewSpec({
      customer: { id: CUSTOMER, name: 'Quote "Co": #1', country: 'NO' },
      items: [
        anItem('exchange', SUB_A, { comment: ['suspended in Partner Center'] }),
        anItem('premium', SUB_B, {
          product: 'CFQ7TTC0LCHC',
          sku: '0002',
          term: 'P1Y',
          autoRenew: false,
        }),
      ],
      notes: [AZURE],
    });
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./schema.json');
    expect(text).toContain('  # suspended in Partner Center\n  exchange:\n');
    expect(text).toContain(
      `  # Not managed: ${AZURE.what}, subscriptionId: ${AZURE.subscriptionId}\n  #   no commitment term\n`,
    );
    expect(text).toContain('country: "NO"');
    writeFileSync(join(dir, 'quote.yaml'), text);
    const loaded = loadSpecs(dir);
    expect(loaded.diagnostics).toEqual([]);
    const [customer] = loaded.desired.customers;
    expect(customer?.name).toBe('Quote "Co": #1');
    expect(customer?.country).toBe('NO');
    expect(
      customer?.subscriptions.map((s) => [
        s.key,
        s.product,
        s.sku,
        s.term,
        s.billing,
        s.quantity,
        s.autoRenew,
        s.subscriptionId,
      ]),
    ).toEqual([
      ['exchange', 'CFQ7TTC0LH16', '0001', 'P1M', 'monthly', 3, true, SUB_A],
      ['premium', 'CFQ7TTC0LCHC', '0002', 'P1Y', 'monthly', 3, false, SUB_B],
    ]);
  });

  it('renders a customer whose only subscriptions cannot be stated as an empty map and comments', () => {
    dir = mkdtempSync(join(tmpdir(), 'qm-import-'));
    const text = renderNewSpec({
      customer: { id: CUSTOMER, name: 'Azure Only', country: 'US' },
      items: [],
      notes: [AZURE],
    });
    expect(text).toContain('subscriptions: {}\n');
    writeFileSync(join(dir, 'azure.yaml'), text);
    expect(loadSpecs(dir).diagnostics).toEqual([]);
  });

  it('never replaces a file: the next free name, whatever its case or extension', () => {
    dir = mkdtempSync(join(tmpdir(), 'qm-import-'));
    writeFileSync(join(dir, 'Contoso-Ltd.yml'), 'mine');
    writeFileSync(join(dir, 'contoso-ltd-2.yaml'), 'mine too');
    const writer = createSpecFileWriter(dir, { dryRun: false });
    expect(writer.write('contoso-ltd', 'a')).toBe(join(dir, 'contoso-ltd-3.yaml'));
    expect(writer.write('contoso-ltd', 'b')).toBe(join(dir, 'contoso-ltd-4.yaml'));
    expect(readFileSync(join(dir, 'Contoso-Ltd.yml'), 'utf8')).toBe('mine');
    expect(readFileSync(join(dir, 'contoso-ltd-2.yaml'), 'utf8')).toBe('mine too');
    expect(readFileSync(join(dir, 'contoso-ltd-3.yaml'), 'utf8')).toBe('a');
  });

  it('steps past a file that appears after the folder was listed, and writes nothing in a dry run', () => {
    dir = mkdtempSync(join(tmpdir(), 'qm-import-'));
    const writer = createSpecFileWriter(dir, { dryRun: false });
    writeFileSync(join(dir, 'fabrikam.yaml'), 'raced');
    expect(writer.write('fabrikam', 'ours')).toBe(join(dir, 'fabrikam-2.yaml'));
    expect(readFileSync(join(dir, 'fabrikam.yaml'), 'utf8')).toBe('raced');
    const dry = createSpecFileWriter(join(dir, 'missing'), { dryRun: true });
    expect(dry.write('x', 'y')).toBe(join(dir, 'missing', 'x.yaml'));
    expect(dry.write('x', 'y')).toBe(join(dir, 'missing', 'x-2.yaml'));
    expect(readdirSync(dir).sort()).toEqual(['fabrikam-2.yaml', 'fabrikam.yaml']);
  });
});

const EXISTING = `# yaml-language-server: $schema=./schema.json
# Contoso: finance owns this file
version: 1
customer:
  id: ${CUSTOMER}   # the tenant
  name: Contoso Ltd
  country: US
subscriptions:
  # the main licence, renewed every June
  premium:
    product: CFQ7TTC0LCHC
    sku: "0002"     # quoted: 0002 is a number otherwise
    term: P1Y
    billing: monthly
    quantity: 20
  # retired: visio
purchases: {}
`;

describe('adding items to an existing spec', () => {
  it('inserts after the last item and leaves every written byte as it was', () => {
    const added = addToSpecText(
      'contoso.yaml',
      EXISTING,
      CUSTOMER,
      [anItem('exchange-online-plan-1', SUB_A)],
      [AZURE],
    );
    const [before, after] = EXISTING.split('  # retired: visio\n');
    expect(added.text).toBe(
      `${before}${renderItemsToPaste([anItem('exchange-online-plan-1', SUB_A)], [AZURE])}  # retired: visio\n${after}`,
    );
    expect(added.items.map((i) => i.key)).toEqual(['exchange-online-plan-1']);
    expect(added.notes).toEqual([AZURE]);
  });

  it('does not add a note twice, and changes nothing when there is nothing new', () => {
    const once = addToSpecText('contoso.yaml', EXISTING, CUSTOMER, [], [AZURE]);
    const twice = addToSpecText('contoso.yaml', once.text, CUSTOMER, [], [AZURE]);
    expect(twice).toEqual({ text: once.text, items: [], notes: [] });
  });

  it('keeps a 4-space layout and the other documents of the file byte for byte', () => {
    const other = `version: 1\ncustomer: { id: 2b8d4c7e-1f3a-4e5b-8c9d-0a1b2c3d4e5f, name: Fabrikam, country: DE }   # keep   this\nsubscriptions: {}\n`;
    const four = `version: 1\ncustomer:\n    id: ${CUSTOMER.toUpperCase()}\n    name: C\n    country: US\nsubscriptions: {}   # none yet\n`;
    const text = `${other}---\n${four}`;
    const added = addToSpecText('two.yaml', text, CUSTOMER, [anItem('exchange', SUB_A)], []);
    expect(added.text.startsWith(`${other}---\n`)).toBe(true);
    expect(added.text).toContain(
      'subscriptions:   # none yet\n    exchange:\n        product: CFQ7TTC0LH16\n',
    );
  });

  it.each([
    [
      'no subscriptions key',
      `version: 1\ncustomer:\n  id: ${CUSTOMER}\n  name: C\n  country: US\n`,
    ],
    [
      'an empty value',
      `version: 1\ncustomer:\n  id: ${CUSTOMER}\n  name: C\n  country: US\nsubscriptions:\npurchases: {}\n`,
    ],
    [
      'a null value with a comment',
      `version: 1\ncustomer:\n  id: ${CUSTOMER}\n  name: C\n  country: US\nsubscriptions: ~  # later\n`,
    ],
    [
      'a flow map with items',
      `version: 1\ncustomer: {id: ${CUSTOMER}, name: C, country: US}\nsubscriptions: { a: { product: X, sku: "1", term: P1M, billing: monthly, quantity: 1 } }\n`,
    ],
  ])(
    'adds to a spec with %s, and the result reads back as the spec plus the item',
    (_case, text) => {
      const dir = mkdtempSync(join(tmpdir(), 'qm-import-'));
      try {
        const added = addToSpecText('c.yaml', text, CUSTOMER, [anItem('exchange', SUB_A)], [AZURE]);
        writeFileSync(join(dir, 'c.yaml'), added.text);
        const loaded = loadSpecs(dir);
        expect(loaded.diagnostics).toEqual([]);
        expect(loaded.desired.customers[0]?.subscriptions.map((s) => s.key)).toContain('exchange');
        expect(added.text).toContain(`subscriptionId: ${AZURE.subscriptionId}`);
        if (text.includes('# later')) expect(added.text).toContain('# later');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('refuses a file that no longer declares the customer', () => {
    expect(() =>
      addToSpecText('c.yaml', 'version: 1\n', CUSTOMER, [anItem('x', SUB_A)], []),
    ).toThrow(/c\.yaml has no document declaring customer/);
  });
});
