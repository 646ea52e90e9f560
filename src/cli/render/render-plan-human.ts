import type {
  ActionKey,
  BlockedEntry,
  Plan,
  PlanAction,
  UnmanagedEntry,
} from '../../model/index.js';
import { compareCustomers, targetingWarning } from './customer-order.js';
import { describeAction } from './describe-action.js';
import { driftLinesHuman } from './render-drift.js';
import { costText, customerRunRateText, moneyHeadlines } from './money.js';
import { refreshLine } from './refresh-line.js';

/** Options for human plan output. */
export interface HumanRenderOptions {
  /** ANSI colours (on a terminal without NO_COLOR). */
  readonly color: boolean;
  /**
   * How a spec file (relative to the specs folder) is shown in drift patches.
   * @default the file as recorded
   */
  readonly specFile?: (file: string) => string;
}

type Paint = (code: number, text: string) => string;

const MARKER: Readonly<Record<PlanAction['kind'], '+' | '~' | '-'>> = {
  purchase: '+',
  'register-azure-subscription': '~',
  'increase-quantity': '~',
  'set-autorenew': '~',
  'decrease-quantity': '-',
  'schedule-decrease': '-',
  'schedule-change': '~',
  upgrade: '~',
  cancel: '-',
};
const COLOUR = { '+': 32, '~': 33, '-': 31, '!': 35, '?': 2 } as const;

/**
 * The plan for people (README.md): grouped per customer (sorted by name), a targeted plan's
 * warning first, one line per action with a marker
 * (`+` purchase, `~` change, `-` decrease or cancel), the product's name beside its id when the
 * plan knows it, before → after and the reason below;
 * `!` blocked items with their code; `?` unmanaged subscriptions; irreversible actions called
 * out; a closing one-line summary in Terraform's manner. The money leads (docs/money.md): a
 * headline per currency, each customer's monthly run rate before → after, a `money:` line per
 * priced action.
 */
export function renderPlanHuman(plan: Plan, options: HumanRenderOptions): string {
  const paint: Paint = (code, text) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const { basis } = plan;
  const lines = [
    paint(1, 'Quartermaster plan') +
      ` · created ${basis.createdAt} · spec ${basis.specDigest.slice(0, 12)} · observed ${basis.observedDigest.slice(0, 12)} · state serial ${basis.stateSerial}`,
  ];
  const refresh = refreshLine(basis.refresh);
  if (refresh !== undefined) lines.push(paint(2, refresh));
  if (basis.targets !== undefined)
    lines.push(
      '',
      paint(
        33,
        targetingWarning(basis.targets, (id) => customerName(plan, id)),
      ),
    );
  const money = moneyHeadlines(plan);
  if (money.length > 0) lines.push('', ...money.map((line) => paint(1, line)));
  const byKey = new Map<ActionKey, PlanAction>(plan.actions.map((a) => [a.key, a]));
  for (const group of groupByCustomer(plan)) {
    lines.push('', paint(1, group.name === undefined ? group.id : `${group.name} (${group.id})`));
    for (const rate of customerRunRateText(plan, group.id)) lines.push(`  ${rate}`);
    for (const action of group.actions) lines.push(...actionLines(action, byKey, paint));
    for (const entry of group.blocked) lines.push(...blockedLines(entry, paint));
    for (const entry of group.unmanaged) lines.push(unmanagedLine(entry, paint));
  }
  const skipped = plan.summary.skippedCustomers ?? [];
  if (skipped.length > 0) {
    lines.push('', paint(1, 'Skipped customers (live read failed; nothing planned for them):'));
    for (const s of skipped) {
      lines.push(
        `  ${paint(COLOUR['!'], '!')} ${s.customerName === undefined ? s.customerId : `${s.customerName} (${s.customerId})`}: [${s.code}] ${s.reason}`,
      );
    }
  }
  lines.push(...driftLinesHuman(plan, paint, options.specFile ?? ((file) => file)));
  lines.push('');
  if (plan.summary.irreversible > 0) {
    const n = plan.summary.irreversible;
    lines.push(
      paint(
        31,
        `Irreversible: ${n} action${n === 1 ? '' : 's'} commit${n === 1 ? 's' : ''} money or cannot be undone (purchases, cancellations).`,
      ),
    );
  }
  lines.push(summaryLine(plan));
  return `${lines.join('\n')}\n`;
}

interface CustomerGroup {
  readonly id: string;
  name: string | undefined;
  readonly actions: PlanAction[];
  readonly blocked: BlockedEntry[];
  readonly unmanaged: UnmanagedEntry[];
}

function groupByCustomer(plan: Plan): CustomerGroup[] {
  const groups = new Map<string, CustomerGroup>();
  const group = (id: string, name: string | undefined): CustomerGroup => {
    let found = groups.get(id);
    if (found === undefined) {
      found = { id, name, actions: [], blocked: [], unmanaged: [] };
      groups.set(id, found);
    }
    found.name ??= name ?? customerName(plan, id);
    return found;
  };
  for (const a of plan.actions) group(a.customerId, a.customerName).actions.push(a);
  for (const b of plan.blocked) group(b.customerId, b.customerName).blocked.push(b);
  for (const u of plan.unmanaged) group(u.customerId, u.customerName).unmanaged.push(u);
  return [...groups.values()].sort(compareCustomers);
}

/** The customer's name from the plan's basis (every customer a spec declares has one). */
function customerName(plan: Plan, id: string): string | undefined {
  return plan.basis.customers[id]?.customerName;
}

function actionLines(
  action: PlanAction,
  byKey: ReadonlyMap<ActionKey, PlanAction>,
  paint: Paint,
): string[] {
  const marker = MARKER[action.kind];
  const where = 'subscriptionId' in action ? ` [${action.subscriptionId}]` : '';
  const irreversible =
    action.kind === 'purchase' || action.kind === 'cancel'
      ? `  ${paint(31, '(irreversible)')}`
      : '';
  const lines = [
    `  ${paint(COLOUR[marker], `${marker} ${action.kind}`)} ${action.item}${where}: ${describeAction(action)}${irreversible}`,
  ];
  lines.push(`      ${paint(2, action.reason)}`);
  if (action.cost !== undefined) lines.push(`      ${paint(2, `money: ${costText(action.cost)}`)}`);
  for (const key of action.dependsOn ?? []) {
    const dep = byKey.get(key);
    lines.push(`      ${paint(2, `after ${dep === undefined ? key : `${dep.kind} ${dep.item}`}`)}`);
  }
  return lines;
}

function blockedLines(entry: BlockedEntry, paint: Paint): string[] {
  const where = entry.subscriptionId === undefined ? '' : ` [${entry.subscriptionId}]`;
  const wanted = entry.wanted === undefined ? '' : ` (wanted ${entry.wanted})`;
  const named = entry.productName === undefined ? '' : `: ${entry.productName}`;
  return [
    `  ${paint(COLOUR['!'], `! ${entry.code}`)} ${entry.item}${where}${named}${wanted}`,
    `      ${paint(2, entry.reason)}`,
  ];
}

function unmanagedLine(entry: UnmanagedEntry, paint: Paint): string {
  const offer =
    entry.productName === undefined ? entry.offerId : `${entry.productName} (${entry.offerId})`;
  return `  ${paint(COLOUR['?'], '? unmanaged')} [${entry.subscriptionId}] ${offer} × ${entry.quantity}, ${entry.status}: no spec names it; left alone`;
}

function summaryLine(plan: Plan): string {
  const { summary } = plan;
  const count = (...kinds: PlanAction['kind'][]): number =>
    kinds.reduce((sum, kind) => sum + (summary.actions[kind] ?? 0), 0);
  const tail = `${summary.totalBlocked} blocked, ${summary.unmanaged} unmanaged.`;
  if (summary.totalActions === 0) return `No changes. ${tail}`;
  const buy = count('purchase');
  const changeCount = count(
    'register-azure-subscription',
    'increase-quantity',
    'set-autorenew',
    'schedule-change',
    'upgrade',
  );
  const reduce = count('decrease-quantity', 'schedule-decrease', 'cancel');
  return `Plan: ${buy} to buy, ${changeCount} to change, ${reduce} to reduce or cancel; ${tail}`;
}
