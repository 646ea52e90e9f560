import { existsSync, realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  parseCustomerId,
  type CustomerId,
  type DesiredCustomer,
  type DesiredState,
} from '../model/index.js';
import { editDistance } from '../support/index.js';
import { specFileShown } from './spec-errors.js';
import { UserError } from './user-error.js';

/** `--customer` help for every command that takes it (docs/cli-targeting.md). */
export const CUSTOMER_HELP =
  'only these customers: a customer id, a name (customer.name, any case) or a spec file';

/** Where selectors are resolved: the specs in scope, and how to show and find their files. */
export interface SelectorScope {
  /** The customers a selector may name (after `--shard`). */
  readonly desired: DesiredState;
  /** The config's `specs` folder (`DesiredCustomer.file` is relative to it). */
  readonly specsDir: string;
  /** The working directory: spec file paths are resolved against it, then against `specsDir`. */
  readonly cwd: string;
  /**
   * Every spec customer and the name of the narrowing (`shard 1/3`), when `desired` is narrowed:
   * a selector naming a customer outside it is refused with that said.
   */
  readonly narrowedFrom?: { readonly desired: DesiredState; readonly name: string };
}

/**
 * Resolves `--customer` values to customer ids, each once, in the order given. A value is a
 * customer id (a GUID), a customer's name (`customer.name`, case-insensitive, exact) or the path
 * of a spec file (every customer it declares), tried in that order.
 * @returns undefined without values (every customer)
 * @throws UserError `unknown-customer` (with close names), `ambiguous-customer` (a name several
 *   specs use: the candidates with their ids and files)
 */
export function resolveCustomerSelectors(
  values: readonly string[] | undefined,
  desired: DesiredState,
  specsDir: string,
  cwd: string,
  options: { readonly flag?: string; readonly narrowedFrom?: SelectorScope['narrowedFrom'] } = {},
): CustomerId[] | undefined {
  if (values === undefined) return undefined;
  const scope: SelectorScope = {
    desired,
    specsDir,
    cwd,
    ...(options.narrowedFrom === undefined ? {} : { narrowedFrom: options.narrowedFrom }),
  };
  const ids = values.flatMap((value) =>
    resolveCustomerSelector(value, scope, options.flag ?? '--customer').map((c) => c.id),
  );
  return [...new Set(ids)];
}

/**
 * The spec customers one selector names (one, or every customer of a spec file).
 * @throws UserError as {@link resolveCustomerSelectors}
 */
export function resolveCustomerSelector(
  value: string,
  scope: SelectorScope,
  flag: string,
): DesiredCustomer[] {
  const found = findCustomers(value, scope.desired, scope, flag);
  if (found.length > 0) return found;
  const outside =
    scope.narrowedFrom === undefined
      ? []
      : findCustomers(value, scope.narrowedFrom.desired, scope, flag);
  if (outside.length > 0 && scope.narrowedFrom !== undefined) {
    throw new UserError(
      'unknown-customer',
      `${flag} ${value}: ${outside.map((c) => label(c, scope)).join(', ')} is not in ${scope.narrowedFrom.name}; run without it or choose the shard that holds the customer`,
    );
  }
  throw new UserError('unknown-customer', `${flag} ${value}: ${notFound(value, scope)}`);
}

function findCustomers(
  value: string,
  desired: DesiredState,
  scope: SelectorScope,
  flag: string,
): DesiredCustomer[] {
  const id = parseCustomerId(value.trim());
  if (id !== undefined) return desired.customers.filter((c) => c.id === id);
  const wanted = value.trim().toLowerCase();
  const named = desired.customers.filter((c) => c.name.trim().toLowerCase() === wanted);
  if (named.length > 1) {
    throw new UserError(
      'ambiguous-customer',
      `${flag} ${value}: ${named.length} customers have this name: ${named.map((c) => label(c, scope)).join('; ')}. Give the customer id or the spec file instead`,
    );
  }
  if (named.length === 1) return named;
  const paths = new Set(
    [resolve(scope.cwd, value), resolve(scope.cwd, scope.specsDir, value)].map(canonical),
  );
  return desired.customers.filter((c) => paths.has(canonical(specPath(c, scope))));
}

function notFound(value: string, scope: SelectorScope): string {
  const customers = scope.desired.customers;
  if (parseCustomerId(value.trim()) !== undefined)
    return "no spec declares this customer id; check it against the specs' customer.id (`qm validate` lists every customer)";
  if (looksLikeFile(value, scope)) {
    return `no spec customer is declared in this file; a spec file lies in the specs folder (${specFileShown(scope.specsDir, scope.cwd)('.')}) and declares a customer`;
  }
  const close = closeNames(value, customers);
  const hint =
    close.length === 0
      ? `none of the ${customers.length} spec customers has a similar name (\`qm validate\` lists them)`
      : `did you mean ${close.map((c) => label(c, scope)).join('; ')}?`;
  return `no customer with this id, name (customer.name, any case) or spec file; ${hint}`;
}

/**
 * Names that contain the value, are contained in it, or are a few edits away from it — as a
 * whole, from one of its words, or from its start (`Contso` → `Contoso Ltd`). At most 5.
 */
function closeNames(value: string, customers: readonly DesiredCustomer[]): DesiredCustomer[] {
  const wanted = value.trim().toLowerCase();
  if (wanted === '') return [];
  const allowed = Math.max(2, Math.floor(wanted.length / 4));
  const scored = customers.flatMap((c) => {
    const name = c.name.trim().toLowerCase();
    const parts = [name, name.slice(0, wanted.length), ...name.split(/\s+/)];
    const distance = Math.min(...parts.map((part) => editDistance(wanted, part)));
    const near = distance <= allowed || name.includes(wanted) || wanted.includes(name);
    return near ? [{ c, distance }] : [];
  });
  scored.sort((a, b) => a.distance - b.distance || (a.c.name < b.c.name ? -1 : 1));
  return scored.slice(0, 5).map((s) => s.c);
}

/** `Contoso Ltd (6f1c…, specs/contoso.yaml)`. */
export function label(customer: DesiredCustomer, scope: SelectorScope): string {
  return `"${customer.name}" (${customer.id}, ${specFileShown(scope.specsDir, scope.cwd)(customer.file)})`;
}

function looksLikeFile(value: string, scope: SelectorScope): boolean {
  if (/\.ya?ml$/i.test(value) || value.includes('/') || value.includes('\\')) return true;
  return [resolve(scope.cwd, value), resolve(scope.cwd, scope.specsDir, value)].some(isFile);
}

function specPath(customer: DesiredCustomer, scope: SelectorScope): string {
  return resolve(scope.cwd, scope.specsDir, customer.file);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The real path when it exists (symlinks, `/tmp` aliases), else the path as given. */
function canonical(path: string): string {
  try {
    return existsSync(path) ? realpathSync(path) : path;
  } catch {
    return path;
  }
}
