import type { CustomerId, DesiredCustomer, LiveSubscription } from '../../model/index.js';
import type { PartnerCustomer } from '../../partnercenter/index.js';
import { isTerminalStatus } from '../../planner/index.js';
import type { SpecDraft } from '../../spec/index.js';
import { mapConcurrent, OperationalError } from '../../support/index.js';
import { shardOf, type Shard } from '../daemon/shard.js';
import type { AgentPorts, ReadFailure } from '../ports.js';
import { bindImportedItems, bindingsOfDrafts } from './bind-imported.js';
import { draftSubscriptions } from './draft-subscriptions.js';
import { customerOfPartner, type ImportedCustomer } from './import-customer.js';
import { matchSpecItems } from './match-spec-items.js';
import { readSkus } from './read-skus.js';

export interface EstateImportOptions {
  /** `size` of each `GET /v1/customers` page. @default 100 */
  readonly pageSize?: number;
  /** Only the customers this shard owns (docs/scale.md). */
  readonly shard?: Shard;
  /** After each customer's subscriptions are read (progress on stderr). */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Writes one customer's new spec and returns its path; called in customer-name order.
   * Throwing stops the import (what was written before stays, and is bound).
   */
  readonly write: (draft: SpecDraft) => string;
  /** Bind nothing (the writer writes nothing either). */
  readonly dryRun: boolean;
}

/** A customer that could not be imported, and why. */
export interface ImportFailure {
  readonly customerId: CustomerId;
  readonly name?: string;
  readonly code: string;
  readonly message: string;
}

export interface EstateImport {
  /** Customers Partner Center listed. */
  readonly listed: number;
  readonly written: readonly { readonly file: string; readonly draft: SpecDraft }[];
  readonly withSpec: number;
  /** Customers with no live subscription (nothing to import, no file). */
  readonly withoutSubscriptions: number;
  readonly otherShard: number;
  readonly failures: readonly ImportFailure[];
  /** Items bound in the state store. */
  readonly bound: number;
  readonly catalogProblem?: ReadFailure;
}

type Read =
  | {
      readonly kind: 'read';
      readonly customer: ImportedCustomer;
      readonly live: LiveSubscription[];
    }
  | { readonly kind: 'empty' }
  | { readonly kind: 'failed'; readonly failure: ImportFailure };

/**
 * `qm import --all` (DESIGN §4): lists every customer of the partner (`GET /v1/customers`, seek
 * paging), and for each with live subscriptions and no spec reads its subscriptions (the
 * billing country from `GET /v1/customers/{id}` when the list has none), `concurrency` at a
 * time under the client's rate budget, drafts one spec each (`draftSubscriptions`), hands it
 * to `write`, and binds the items of every file written in one transaction. A customer whose
 * read fails is reported and skipped; the others proceed. Never writes to Partner Center; the
 * caller holds the lease.
 */
export async function importEstate(
  app: Pick<AgentPorts, 'config' | 'clock' | 'state' | 'reads'>,
  customers: readonly DesiredCustomer[],
  options: EstateImportOptions,
): Promise<EstateImport> {
  const listed = await app.reads.listCustomers(
    options.pageSize === undefined ? {} : { pageSize: options.pageSize },
  );
  const declared = new Set<string>(customers.map((c) => c.id));
  const { shard } = options;
  const inShard = (p: PartnerCustomer): boolean =>
    shard === undefined || shardOf(p.id, shard.count) === shard.index;
  const todo = listed.filter((p) => !declared.has(p.id) && inShard(p));
  let done = 0;
  const reads = await mapConcurrent(todo, app.config.partnerCenter.concurrency, async (p) => {
    try {
      return await readOne(app, p);
    } finally {
      done += 1;
      options.onProgress?.(done, todo.length);
    }
  });
  const found = reads.flatMap((r) => (r.kind === 'read' ? [r] : []));
  const { skus, problem } = await readSkus(
    app,
    found.map((r) => ({ country: r.customer.country, live: r.live })),
  );
  const bindings = app.state.bindings.list();
  const drafts = found
    .map(({ customer, live }): SpecDraft => {
      const coverage = matchSpecItems(
        undefined,
        live,
        bindings.filter((b) => b.customerId === customer.id),
      );
      const { items, notes } = draftSubscriptions({
        live: coverage.missing,
        skus,
        taken: coverage.taken,
        boundKey: coverage.boundKey,
      });
      return { customer, items, notes };
    })
    .sort((a, b) => compareCustomers(a.customer, b.customer));

  const written: { file: string; draft: SpecDraft }[] = [];
  const bindAll = (): number =>
    options.dryRun
      ? 0
      : bindImportedItems(
          app,
          written.flatMap(({ draft }) => bindingsOfDrafts(draft.customer.id, draft.items)),
        );
  for (const draft of drafts) {
    try {
      written.push({ file: options.write(draft), draft });
    } catch (error) {
      const bound = bindAll();
      throw new OperationalError(
        'spec-write-failed',
        `cannot write the spec of ${draft.customer.name} (${draft.customer.id}): ${error instanceof Error ? error.message : String(error)}. The ${written.length} files written before it stay and their ${bound} items are bound; fix the cause and run qm import --all again (customers with a spec are skipped)`,
        { cause: error },
      );
    }
  }
  return {
    listed: listed.length,
    written,
    withSpec: listed.filter((p) => declared.has(p.id)).length,
    withoutSubscriptions: reads.filter((r) => r.kind === 'empty').length,
    otherShard: listed.filter((p) => !declared.has(p.id) && !inShard(p)).length,
    failures: reads.flatMap((r) => (r.kind === 'failed' ? [r.failure] : [])),
    bound: bindAll(),
    ...(problem === undefined ? {} : { catalogProblem: problem }),
  };
}

async function readOne(app: Pick<AgentPorts, 'reads'>, partner: PartnerCustomer): Promise<Read> {
  const name = partner.companyName ?? partner.domain;
  try {
    const live = (await app.reads.listSubscriptions(partner.id)).filter(
      (s) => !isTerminalStatus(s.status),
    );
    if (live.length === 0) return { kind: 'empty' };
    const full = partner.country === undefined ? await app.reads.getCustomer(partner.id) : partner;
    return { kind: 'read', customer: customerOfPartner({ ...partner, ...full }), live };
  } catch (error) {
    const failure =
      error instanceof OperationalError
        ? { code: error.code, message: error.message }
        : app.reads.describeReadFailure(error);
    return {
      kind: 'failed',
      failure: { customerId: partner.id, ...(name === undefined ? {} : { name }), ...failure },
    };
  }
}

function compareCustomers(a: SpecDraft['customer'], b: SpecDraft['customer']): number {
  const byName = a.name.localeCompare(b.name, 'en');
  return byName !== 0 ? byName : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
