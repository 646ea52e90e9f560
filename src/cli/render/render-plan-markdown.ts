import {
  isSpecError,
  type BlockedEntry,
  type Plan,
  type PlanAction,
  type UnmanagedEntry,
} from '../../model/index.js';
import { isMoneyAction } from '../../planner/index.js';
import { compareCustomers, targetingWarning } from './customer-order.js';
import { describeAction } from './describe-action.js';
import { costCell, moneyMarkdown } from './money-markdown.js';
import { driftMarkdown } from './render-drift.js';
import { refreshLine } from './refresh-line.js';

/**
 * The first line of every markdown plan. CI finds the pull-request comment to update by it,
 * so a PR carries one plan comment however often it is re-planned.
 */
export const MARKDOWN_PLAN_MARKER = '<!-- quartermaster:plan -->';

/** Options for the pull-request rendering. */
export interface MarkdownRenderOptions {
  /**
   * Upper bound on the output length. GitHub refuses comments over 65,536 characters; per
   * customer details that do not fit are left out (the summary table always stays) with a
   * pointer to the saved plan. @default 60000
   */
  readonly maxLength?: number;
  /**
   * How a spec file (`source.file`, relative to the specs folder) is shown in the spec errors.
   * @default the file as recorded
   */
  readonly specFile?: (file: string) => string;
}

interface Row {
  readonly id: string;
  name: string | undefined;
  readonly actions: PlanAction[];
  readonly blocked: BlockedEntry[];
  readonly unmanaged: UnmanagedEntry[];
}

/**
 * The plan as a pull-request comment (GitHub-flavoured markdown): the marker, the spec errors
 * (`file:line`, they fail `qm plan`), a headline, a
 * targeted plan's warning, a summary table per customer sorted by name (purchases, seat changes, cancellations, scheduled changes, other
 * changes, blocked), irreversible actions called out, then one folded `<details>` section per
 * customer, product names (escaped) beside ids. A pure function of the plan: the same plan renders to the same bytes, so an
 * unchanged re-plan leaves the comment untouched.
 */
export function renderPlanMarkdown(plan: Plan, options: MarkdownRenderOptions = {}): string {
  const maxLength = options.maxLength ?? 60_000;
  const rows = groupByCustomer(plan);
  const head = [MARKDOWN_PLAN_MARKER, '## Quartermaster plan', ''];
  head.push(...moneyMarkdown(plan, (id, name) => `${text(name)} (\`${id}\`)`));
  if (plan.basis.targets !== undefined) {
    const names = (id: string): string | undefined => plan.basis.customers[id]?.customerName;
    head.push('> [!WARNING]', `> ${text(targetingWarning(plan.basis.targets, names))}`, '');
  }
  head.push(...specErrorSection(plan, options.specFile ?? ((file) => file)));
  head.push(headline(plan), '');
  if (rows.length > 0) head.push(...summaryTable(rows), '');
  head.push(...irreversibleCallout(rows));
  head.push(...skippedSection(plan));
  head.push(...driftMarkdown(plan, options.specFile ?? ((file) => file), text, code));
  const foot = [
    `<sub>spec \`${plan.basis.specDigest.slice(0, 12)}\` · observed \`${plan.basis.observedDigest.slice(0, 12)}\` · state serial ${plan.basis.stateSerial} · created ${plan.basis.createdAt}. Applying this saved plan applies exactly these actions, or refuses if the specs or Partner Center moved since.</sub>`,
  ];
  const refresh = refreshLine(plan.basis.refresh);
  if (refresh !== undefined) foot.unshift(`<sub>${text(refresh)}</sub>`, '');
  let budget = maxLength - joinedLength(head) - joinedLength(foot) - 200;
  const details: string[] = [];
  let omitted = 0;
  for (const row of rows) {
    const section = customerDetails(row, plan.summary.cost !== undefined);
    const size = joinedLength(section);
    if (omitted === 0 && size <= budget) {
      details.push(...section);
      budget -= size;
    } else {
      omitted += 1;
    }
  }
  if (omitted > 0) {
    details.push(
      `_Details of ${omitted} more customer${omitted === 1 ? '' : 's'} left out to fit a comment; the uploaded plan artifact has them all._`,
      '',
    );
  }
  return `${[...head, ...details, ...foot].join('\n')}\n`;
}

function headline(plan: Plan): string {
  const { summary } = plan;
  const count = (...kinds: PlanAction['kind'][]): number =>
    kinds.reduce((sum, kind) => sum + (summary.actions[kind] ?? 0), 0);
  const tail = `${summary.totalBlocked} blocked, ${summary.unmanaged} unmanaged, ${summary.customers} customer${summary.customers === 1 ? '' : 's'} in scope.`;
  if (summary.totalActions === 0) return `**No changes.** ${tail}`;
  const buy = count('purchase');
  const change = count(
    'register-azure-subscription',
    'increase-quantity',
    'set-autorenew',
    'schedule-change',
    'upgrade',
  );
  const reduce = count('decrease-quantity', 'schedule-decrease', 'cancel');
  return `**${summary.totalActions} action${summary.totalActions === 1 ? '' : 's'}: ${buy} to buy, ${change} to change, ${reduce} to reduce or cancel.** ${tail}`;
}

function summaryTable(rows: readonly Row[]): string[] {
  const lines = [
    '| Customer | Purchases | Seat changes | Cancellations | Scheduled changes | Other changes | Blocked |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const total = { id: '', name: undefined, actions: [], blocked: [], unmanaged: [] } as Row;
  for (const row of rows) {
    lines.push(`| ${customerLabel(row)} | ${tableCells(row).join(' | ')} |`);
    total.actions.push(...row.actions);
    total.blocked.push(...row.blocked);
  }
  if (rows.length > 1)
    lines.push(
      `| **Total** | ${tableCells(total)
        .map((c) => `**${c}**`)
        .join(' | ')} |`,
    );
  return lines;
}

function tableCells(row: Row): string[] {
  const of = (...kinds: PlanAction['kind'][]): PlanAction[] =>
    row.actions.filter((a) => kinds.includes(a.kind));
  const seats = of('increase-quantity', 'decrease-quantity');
  let added = 0;
  let removed = 0;
  for (const a of seats) {
    if (a.kind !== 'increase-quantity' && a.kind !== 'decrease-quantity') continue;
    const delta = a.after.quantity - a.before.quantity;
    if (delta > 0) added += delta;
    else removed -= delta;
  }
  const seatText =
    seats.length === 0
      ? '0'
      : `${seats.length} (${[added > 0 ? `+${added}` : '', removed > 0 ? `−${removed}` : ''].filter((s) => s !== '').join(' ') || '±0'})`;
  return [
    String(of('purchase').length),
    seatText,
    String(of('cancel').length),
    String(of('schedule-decrease', 'schedule-change').length),
    String(of('set-autorenew', 'register-azure-subscription', 'upgrade').length),
    String(row.blocked.length),
  ];
}

function irreversibleCallout(rows: readonly Row[]): string[] {
  const doors = rows.flatMap((row) =>
    row.actions.filter((a) => a.kind === 'purchase' || a.kind === 'cancel'),
  );
  if (doors.length === 0) return [];
  const n = doors.length;
  const lines = [
    '> [!WARNING]',
    `> **Irreversible:** ${n} action${n === 1 ? '' : 's'} commit${n === 1 ? 's' : ''} money or cannot be undone once applied.`,
  ];
  for (const a of doors)
    lines.push(`> - **${a.kind}** \`${code(a.item)}\` for ${text(a.customerName)}: ${describe(a)}`);
  return [...lines, ''];
}

/** Spec errors first: they make `qm plan` exit 1, so the reviewer sees why the check is red. */
function specErrorSection(plan: Plan, specFile: (file: string) => string): string[] {
  const byPlace = (x: BlockedEntry, y: BlockedEntry): number =>
    (x.source?.file ?? '').localeCompare(y.source?.file ?? '') ||
    (x.source?.line ?? 0) - (y.source?.line ?? 0) ||
    (x.source?.col ?? 0) - (y.source?.col ?? 0) ||
    (x.customerId < y.customerId ? -1 : x.customerId > y.customerId ? 1 : 0) ||
    (x.item < y.item ? -1 : x.item > y.item ? 1 : 0);
  const errors = plan.blocked
    .filter(isSpecError)
    .sort(byPlace)
    .map((b) => ({
      b,
      at: b.source === undefined ? '' : `${specFile(b.source.file)}:${b.source.line}`,
    }));
  if (errors.length === 0) return [];
  const n = errors.length;
  const lines = [
    '> [!CAUTION]',
    `> **${n} spec error${n === 1 ? '' : 's'}** (\`qm plan\` fails; fix the spec — the rest of the plan is below):`,
  ];
  for (const { b, at } of errors) {
    const where = at === '' ? '' : `\`${code(at)}\`: `;
    lines.push(
      `> - ${where}\`${code(b.code)}\` \`${code(b.item)}\` for ${text(b.customerName ?? b.customerId)}: ${text(b.reason)}`,
    );
  }
  return [...lines, ''];
}

function skippedSection(plan: Plan): string[] {
  const skipped = plan.summary.skippedCustomers ?? [];
  if (skipped.length === 0) return [];
  const lines = [
    '> [!CAUTION]',
    '> **Skipped customers** (live read failed; nothing planned for them):',
  ];
  for (const s of skipped) {
    lines.push(
      `> - ${s.customerName === undefined ? `\`${s.customerId}\`` : `${text(s.customerName)} (\`${s.customerId}\`)`}: \`${code(s.code)}\` ${text(s.reason)}`,
    );
  }
  return [...lines, ''];
}

function customerDetails(row: Row, priced: boolean): string[] {
  const counts = [
    `${row.actions.length} action${row.actions.length === 1 ? '' : 's'}`,
    ...(row.blocked.length > 0 ? [`${row.blocked.length} blocked`] : []),
    ...(row.unmanaged.length > 0 ? [`${row.unmanaged.length} unmanaged`] : []),
  ].join(', ');
  const label =
    row.name === undefined
      ? `<code>${row.id}</code>`
      : `${html(row.name)} (<code>${row.id}</code>)`;
  const lines = ['<details>', `<summary>${label}: ${counts}</summary>`, ''];
  if (row.actions.length > 0) {
    lines.push(
      `| | Action | Item | Change |${priced ? ' Money |' : ''} Reason |`,
      `| --- | --- | --- | --- |${priced ? ' ---: |' : ''} --- |`,
    );
    for (const a of row.actions) {
      const flag = a.kind === 'purchase' || a.kind === 'cancel' ? '⚠️' : '';
      const where = 'subscriptionId' in a ? `<br>\`${a.subscriptionId}\`` : '';
      const money = priced ? ` ${costCell(a.cost, isMoneyAction(a))} |` : '';
      lines.push(
        `| ${flag} | ${a.kind} | \`${code(a.item)}\`${where} | ${describe(a)} |${money} ${text(a.reason)} |`,
      );
    }
    lines.push('');
  }
  if (row.blocked.length > 0) {
    lines.push('| Blocked | Item | Reason |', '| --- | --- | --- |');
    for (const b of row.blocked) {
      const wanted = b.wanted === undefined ? '' : ` (wanted ${b.wanted})`;
      const named = b.productName === undefined ? '' : `<br>${text(b.productName)}`;
      lines.push(`| \`${b.code}\` | \`${code(b.item)}\`${wanted}${named} | ${text(b.reason)} |`);
    }
    lines.push('');
  }
  if (row.unmanaged.length > 0) {
    lines.push('Unmanaged (no spec names them; left alone):', '');
    for (const u of row.unmanaged) {
      const offer =
        u.productName === undefined
          ? text(u.offerId)
          : `${text(u.productName)} (${text(u.offerId)})`;
      lines.push(`- \`${u.subscriptionId}\` ${offer} × ${u.quantity}, ${text(u.status)}`);
    }
    lines.push('');
  }
  return [...lines, '</details>', ''];
}

function groupByCustomer(plan: Plan): Row[] {
  const rows = new Map<string, Row>();
  const row = (id: string, name: string | undefined): Row => {
    let found = rows.get(id);
    if (found === undefined) {
      found = { id, name, actions: [], blocked: [], unmanaged: [] };
      rows.set(id, found);
    }
    found.name ??= name ?? plan.basis.customers[id]?.customerName;
    return found;
  };
  for (const a of plan.actions) row(a.customerId, a.customerName).actions.push(a);
  for (const b of plan.blocked) row(b.customerId, b.customerName).blocked.push(b);
  for (const u of plan.unmanaged) row(u.customerId, u.customerName).unmanaged.push(u);
  return [...rows.values()].sort(compareCustomers);
}

function customerLabel(row: Row): string {
  return row.name === undefined ? `\`${row.id}\`` : `${text(row.name)} (\`${row.id}\`)`;
}

/** Free text from specs or Partner Center, made inert: no markup, no HTML, no table breaks. */
function text(value: string): string {
  return value.replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** Text inside HTML (`<summary>`), where markdown escapes do not apply. */
function html(value: string): string {
  return value.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/\r?\n/g, ' ');
}

/** Text inside a code span: backticks and pipes would end the span or the table cell. */
/** An action's change, identifiers as code spans; purchases say "buy". */
function describe(action: PlanAction): string {
  const shown = describeAction(action, (id) => `\`${code(id)}\``, text);
  return action.kind === 'purchase' ? `buy ${shown}` : shown;
}

function code(value: string): string {
  return value.replace(/[`|]/g, (c) => (c === '|' ? '\\|' : "'")).replace(/\r?\n/g, ' ');
}

function joinedLength(lines: readonly string[]): number {
  return lines.reduce((sum, line) => sum + line.length + 1, 0);
}
