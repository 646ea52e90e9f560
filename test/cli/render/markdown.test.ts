import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MARKDOWN_PLAN_MARKER, renderPlanMarkdown } from '../../../src/cli/render/index.js';
import type { CustomerId, ItemKey, Plan } from '../../../src/model/index.js';
import { EMPTY_PLAN, FIXTURE_PLAN } from './fixture-plan.js';

/**
 * Golden files hold the reviewed rendering. After an intended change, regenerate them with
 * `QM_UPDATE_GOLDEN=1 npx vitest run test/cli/render/markdown.test.ts` and review the diff.
 */
function golden(name: string, actual: string): string {
  const path = fileURLToPath(new URL(`./golden/${name}`, import.meta.url));
  if (process.env['QM_UPDATE_GOLDEN'] === '1') writeFileSync(path, actual);
  return readFileSync(path, 'utf8');
}

/** Free text with markdown and HTML in it, as a customer name or a reason could carry. */
const HOSTILE_PLAN: Plan = {
  ...EMPTY_PLAN,
  blocked: [
    {
      customerId: '44444444-4444-4444-8444-444444444444' as CustomerId,
      customerName: 'A|B <script> *Corp*',
      item: 'pipe|key' as ItemKey,
      productName: 'Plan|<b>1</b> *x*',
      code: 'sku-limits',
      reason: 'quantity 0 | outside 1..300\nsee [docs](x)',
    },
  ],
  summary: { ...EMPTY_PLAN.summary, blocked: { 'sku-limits': 1 }, totalBlocked: 1 },
};

describe('renderPlanMarkdown', () => {
  it('matches the reviewed golden file for the fixture plan', () => {
    const actual = renderPlanMarkdown(FIXTURE_PLAN);
    expect(actual).toBe(golden('fixture-plan.md', actual));
  });

  it('matches the golden file for a plan with nothing to do', () => {
    const actual = renderPlanMarkdown(EMPTY_PLAN);
    expect(actual).toBe(golden('empty-plan.md', actual));
  });

  it('is stable: the same plan renders to the same bytes, whatever the input order', () => {
    const shuffled: Plan = { ...FIXTURE_PLAN, blocked: [...FIXTURE_PLAN.blocked].reverse() };
    expect(renderPlanMarkdown(FIXTURE_PLAN)).toBe(
      renderPlanMarkdown(structuredClone(FIXTURE_PLAN)),
    );
    const rows = (md: string): string[] =>
      md.split('\n').filter((l) => l.startsWith('| Contoso') || l.startsWith('| `2222'));
    expect(rows(renderPlanMarkdown(shuffled))).toEqual(rows(renderPlanMarkdown(FIXTURE_PLAN)));
  });

  it('opens with the comment marker and puts the summary table before any details', () => {
    const md = renderPlanMarkdown(FIXTURE_PLAN);
    expect(md.startsWith(`${MARKDOWN_PLAN_MARKER}\n`)).toBe(true);
    expect(md.indexOf('| Customer | Purchases |')).toBeLessThan(md.indexOf('<details>'));
    expect(md.indexOf('[!WARNING]')).toBeLessThan(md.indexOf('<details>'));
  });

  it('keeps free text inert: no table breaks, no HTML, no links', () => {
    const md = renderPlanMarkdown(HOSTILE_PLAN);
    expect(md).toContain('A\\|B \\<script\\> \\*Corp\\*');
    expect(md).toContain('`pipe\\|key`');
    expect(md).toContain('quantity 0 \\| outside 1..300 see \\[docs\\](x)');
    expect(md).toContain('Plan\\|\\<b\\>1\\</b\\> \\*x\\*');
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<b>');
    for (const line of md.split('\n').filter((l) => l.startsWith('| `sku-limits`'))) {
      expect(line.replace(/\\\|/g, '').split('|')).toHaveLength(5);
    }
  });

  it('leaves customer details out, not the summary, when a comment would be too long', () => {
    const md = renderPlanMarkdown(FIXTURE_PLAN, { maxLength: 2_500 });
    expect(md.length).toBeLessThanOrEqual(2_500);
    expect(md).toContain('| Customer | Purchases |');
    expect(md).toContain('left out to fit a comment');
    expect(md.split('<details>').length - 1).toBeLessThan(2);
  });
});
