import type { ShardedWorkspace } from './commands/shard-option.js';
import type { CustomerId, DesiredCustomer, ItemKey, PlanTarget } from '../model/index.js';
import { editDistance } from '../support/index.js';
import {
  CUSTOMER_HELP,
  label,
  resolveCustomerSelector,
  resolveCustomerSelectors,
  type SelectorScope,
} from './customer-selector.js';
import { UserError } from './user-error.js';
import type { Workspace } from './workspace.js';

export { CUSTOMER_HELP };

/** `--target` help on plan and apply (docs/cli-targeting.md). */
export const TARGET_HELP =
  'only this item: CUSTOMER/ITEM, a customer (id, name or spec file) and its spec key; repeatable';

/**
 * Resolves `--target CUSTOMER/ITEM` values: CUSTOMER is a customer id, name or spec file (as
 * `--customer` takes it; split at the last `/`, so a path works), ITEM the key of one of its
 * spec items. Each target once, in the order given.
 * @returns undefined without values (no targeting)
 * @throws UserError `invalid-argument` (no `/`), `unknown-customer`, `ambiguous-customer`,
 *   `unknown-target-item` (naming the customer's item keys)
 */
export function resolveTargets(
  values: readonly string[] | undefined,
  scope: SelectorScope,
): PlanTarget[] | undefined {
  if (values === undefined) return undefined;
  const targets = new Map<string, PlanTarget>();
  for (const value of values) {
    const target = resolveTarget(value, scope);
    targets.set(`${target.customerId}/${target.item}`, target);
  }
  return [...targets.values()];
}

function resolveTarget(value: string, scope: SelectorScope): PlanTarget {
  const slash = value.lastIndexOf('/');
  const customerPart = value.slice(0, Math.max(slash, 0)).trim();
  const item = value.slice(slash + 1).trim();
  if (slash < 0 || customerPart === '' || item === '') {
    throw new UserError(
      'invalid-argument',
      `--target ${value}: expected CUSTOMER/ITEM — a customer id, name or spec file, a slash, and the key of one of its spec items (e.g. --target "Contoso Ltd/m365-business-premium")`,
    );
  }
  const customers = resolveCustomerSelector(customerPart, scope, '--target');
  const holding = customers.filter((c) => itemKeys(c).includes(item));
  const [only] = holding;
  if (only !== undefined && holding.length === 1)
    return { customerId: only.id, item: item as ItemKey };
  if (holding.length > 1) {
    throw new UserError(
      'ambiguous-customer',
      `--target ${value}: ${customerPart} declares several customers with an item ${item}: ${holding.map((c) => label(c, scope)).join('; ')}. Name the customer by id or name instead`,
    );
  }
  throw new UserError(
    'unknown-target-item',
    `--target ${value}: ${customers.map((c) => `${label(c, scope)} has no item ${item}; ${itemsText(c, item)}`).join('. ')}`,
  );
}

/** `its items are: a, b (did you mean a?)`, or that it has none. */
function itemsText(customer: DesiredCustomer, item: string): string {
  const keys = itemKeys(customer);
  if (keys.length === 0) return 'it declares no items';
  const close = keys.filter((k) => editDistance(k.toLowerCase(), item.toLowerCase()) <= 2);
  const hint = close.length === 0 ? '' : ` — did you mean ${close.join(' or ')}?`;
  return `its items are: ${keys.join(', ')}${hint}`;
}

function itemKeys(customer: DesiredCustomer): string[] {
  return [...customer.subscriptions, ...customer.purchases].map((i) => i.key as string).sort();
}

/** What `--customer` and `--target` narrow a plan to (`runCycle`'s `customers` and `targets`). */
export interface PlanSelection {
  readonly customers?: CustomerId[];
  readonly targets?: PlanTarget[];
}

/**
 * Resolves `--customer` and `--target` of `qm plan` / `qm apply` against the specs in scope
 * (`sharded`, after `--shard`; `all` names what the shard left out in refusals).
 * @throws UserError `invalid-argument` when both are given, or as the resolvers
 */
export function resolvePlanSelection(
  opts: { readonly customer?: readonly string[]; readonly target?: readonly string[] },
  all: Workspace,
  sharded: ShardedWorkspace,
  cwd: string,
): PlanSelection {
  if (opts.customer !== undefined && opts.target !== undefined) {
    throw new UserError(
      'invalid-argument',
      '--customer and --target both narrow the plan: give --target CUSTOMER/ITEM for each item, or --customer for whole customers',
    );
  }
  // Nothing to resolve: a streamed workspace's specs stay unread (docs/scale.md "Flat memory").
  if (opts.customer === undefined && opts.target === undefined) return {};
  const scope: SelectorScope = {
    desired: sharded.desired,
    specsDir: sharded.config.specs,
    cwd,
    ...(sharded.shard === undefined
      ? {}
      : {
          narrowedFrom: {
            desired: all.desired,
            name: `shard ${sharded.shard.index}/${sharded.shard.count}`,
          },
        }),
  };
  const customers = resolveCustomerSelectors(opts.customer, scope.desired, scope.specsDir, cwd, {
    ...(scope.narrowedFrom === undefined ? {} : { narrowedFrom: scope.narrowedFrom }),
  });
  const targets = resolveTargets(opts.target, scope);
  return {
    ...(customers === undefined ? {} : { customers }),
    ...(targets === undefined ? {} : { targets }),
  };
}

/** Commander's collector for a repeatable option (`--target a --target b`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
