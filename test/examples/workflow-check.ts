import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';
import { Ajv } from 'ajv';
import { parseDocument } from 'yaml';

/**
 * A workflow check equivalent to actionlint's core for the examples (docs/gitops.md says which
 * ran): YAML with unique keys; the workflow-syntax subset schema (unknown keys refused at
 * every level, pinned action versions, permission values); `needs` naming real jobs; each
 * `${{ }}` using only known contexts, steps defined earlier in the same job and jobs in
 * `needs`; no untrusted event text expanded inside a `run:` script (script injection);
 * `bash -n` on every script; github-script bodies compiled as JavaScript.
 */
export interface WorkflowProblem {
  readonly path: string;
  readonly message: string;
}

const SCHEMA = JSON.parse(
  readFileSync(new URL('./github-workflow.schema.json', import.meta.url), 'utf8'),
) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(SCHEMA);
const CONTEXTS = new Set([
  'github',
  'env',
  'inputs',
  'job',
  'matrix',
  'needs',
  'runner',
  'secrets',
  'steps',
  'strategy',
]);
const FUNCTIONS = new Set([
  'always',
  'success',
  'failure',
  'cancelled',
  'contains',
  'startsWith',
  'endsWith',
  'format',
  'join',
  'toJSON',
  'fromJSON',
  'hashFiles',
]);
const UNTRUSTED =
  /github\.(head_ref|event\.(pull_request\.(title|body|head\.ref|head\.label)|issue\.(title|body)|comment\.body|review\.body|head_commit\.message))/;

type Json = Record<string, unknown>;

export function checkWorkflow(text: string): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const doc = parseDocument(text, { uniqueKeys: true });
  for (const e of [...doc.errors, ...doc.warnings]) problems.push({ path: '', message: e.message });
  if (doc.errors.length > 0) return problems;
  const workflow = doc.toJS() as Json;
  if (!validate(workflow)) {
    for (const e of validate.errors ?? [])
      problems.push({
        path: e.instancePath,
        message: `${e.message ?? 'invalid'} ${JSON.stringify(e.params)}`,
      });
  }
  const { jobs: jobNodes, ...top } = workflow;
  checkExpressions(top, '', new Set(), new Set(), problems);
  const jobs = (jobNodes ?? {}) as Record<string, Json>;
  for (const [name, job] of Object.entries(jobs)) {
    const needs = [job['needs'] ?? []].flat() as string[];
    for (const n of needs)
      if (!(n in jobs))
        problems.push({ path: `/jobs/${name}/needs`, message: `needs unknown job "${n}"` });
    const defined = new Set<string>();
    const { steps, ...rest } = job;
    checkExpressions(rest, `/jobs/${name}`, defined, new Set(needs), problems);
    for (const [i, step] of ((steps ?? []) as Json[]).entries()) {
      const path = `/jobs/${name}/steps/${i}`;
      checkExpressions(step, path, defined, new Set(needs), problems);
      const id = step['id'];
      if (typeof id === 'string') {
        if (defined.has(id)) problems.push({ path, message: `duplicate step id "${id}"` });
        defined.add(id);
      }
      if (typeof step['run'] === 'string') checkScript(step['run'], path, problems);
      const uses = step['uses'];
      const script = (step['with'] as Json | undefined)?.['script'];
      if (
        typeof uses === 'string' &&
        uses.startsWith('actions/github-script@') &&
        typeof script === 'string'
      ) {
        try {
          new Script(`(async () => {\n${script}\n})`);
        } catch (error) {
          problems.push({
            path: `${path}/with/script`,
            message: `JavaScript does not compile: ${(error as Error).message}`,
          });
        }
      }
    }
  }
  return problems;
}

function checkScript(run: string, path: string, problems: WorkflowProblem[]): void {
  if (UNTRUSTED.test(run)) {
    problems.push({
      path: `${path}/run`,
      message: 'untrusted event text expanded in a script (script injection); pass it through env:',
    });
  }
  const script = run.replace(/\$\{\{[\s\S]*?\}\}/g, 'EXPR');
  const bash = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
  if (bash.status !== 0)
    problems.push({ path: `${path}/run`, message: `bash -n: ${bash.stderr.trim()}` });
}

/** Walks every string under `node`; `if:` values are expressions even without `${{ }}`. */
function checkExpressions(
  node: unknown,
  path: string,
  steps: ReadonlySet<string>,
  needs: ReadonlySet<string>,
  problems: WorkflowProblem[],
): void {
  if (typeof node === 'string') {
    const bodies = [...node.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => m[1] ?? '');
    if (path.endsWith('/if') && !node.includes('${{')) bodies.push(node);
    for (const body of bodies) checkExpression(body, path, steps, needs, problems);
    return;
  }
  if (Array.isArray(node))
    node.forEach((item, i) => checkExpressions(item, `${path}/${i}`, steps, needs, problems));
  else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node))
      checkExpressions(value, `${path}/${key}`, steps, needs, problems);
  }
}

function checkExpression(
  body: string,
  path: string,
  steps: ReadonlySet<string>,
  needs: ReadonlySet<string>,
  problems: WorkflowProblem[],
): void {
  const code = body.replace(/'(?:[^']|'')*'/g, "''");
  for (const m of code.matchAll(/(?<![\w.-])([A-Za-z_][\w-]*)((?:\.[\w-]+|\.\*)*)(\s*\()?/g)) {
    const [, root = '', chain = '', call] = m;
    if (call !== undefined) {
      if (!FUNCTIONS.has(root)) problems.push({ path, message: `unknown function ${root}()` });
      continue;
    }
    if (['true', 'false', 'null'].includes(root)) continue;
    if (!CONTEXTS.has(root)) {
      problems.push({ path, message: `unknown context "${root}" in \${{${body}}}` });
      continue;
    }
    const first = chain.split('.')[1];
    if (root === 'steps' && first !== undefined && !steps.has(first))
      problems.push({
        path,
        message: `step "${first}" is not defined before this point in the job`,
      });
    if (root === 'needs' && first !== undefined && !needs.has(first))
      problems.push({ path, message: `job "${first}" is not in needs` });
  }
}
