import { resolve } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type {
  CustomerId,
  DesiredCustomer,
  DesiredCustomerRef,
  DesiredSource,
} from '../model/index.js';
import type { Diagnostic } from '../support/index.js';
import { readSpecFolder, type LoadSpecsOptions } from './read-spec-folder.js';

/** What `openSpecSource` found: the source, and what `loadSpecs` would have reported. */
export interface SpecSourceOpen {
  /** The valid customers' index; `load` gives their content as validated. */
  readonly source: DesiredSource;
  /** Exactly `loadSpecs(dir, options).diagnostics`. */
  readonly diagnostics: readonly Diagnostic[];
  /** Exactly `loadSpecs(dir, options).files`. */
  readonly files: readonly string[];
}

/**
 * The specs under `dir` as a {@link DesiredSource}, for a cycle that works in batches
 * (docs/scale.md "Flat memory"): one validation pass exactly like `loadSpecs` (same
 * diagnostics, same customers in the same order) that keeps each valid customer's
 * {@link DesiredCustomerRef}, its normalised content as deflated JSON (~150 bytes for ten
 * items: nothing of the parse outlives its file), and each product and SKU the items name, once, in
 * first-seen order. `source.load(ids)` inflates the customers asked for, in that order, equal to
 * what `loadSpecs` returns for them.
 *
 * The source is a snapshot of what was validated: a spec file edited after the pass is not seen
 * until the next run (a cycle plans exactly the specs it checked, as `loadSpecs` does). Throws
 * `Error` for an id that is not in the index (a caller bug).
 */
export function openSpecSource(dir: string, options: LoadSpecsOptions = {}): SpecSourceOpen {
  const root = resolve(dir);
  const index: DesiredCustomerRef[] = [];
  const packed = new Map<CustomerId, Buffer>();
  // Deflated against the first customer's JSON: specs repeat their keys and shapes, so a
  // customer of ten items takes ~150 bytes instead of ~560 (4 KB of JSON).
  let dictionary: Buffer | undefined;
  const products = new Map<string, { readonly productId: string; readonly skuId: string }>();
  const read = readSpecFolder(root, options, (customer) => {
    const { id, name, country, file } = customer;
    index.push({ id, name, country, file });
    const json = JSON.stringify(customer);
    dictionary ??= Buffer.from(json);
    // A copy: the deflated bytes are a view of zlib's 16 KB output chunk.
    packed.set(id, Buffer.from(deflateRawSync(json, { dictionary })));
    for (const item of [...customer.subscriptions, ...customer.purchases]) {
      const key = `${item.product}|${item.sku}`;
      if (!products.has(key)) products.set(key, { productId: item.product, skuId: item.sku });
    }
  });
  const load = (ids: readonly CustomerId[]): readonly DesiredCustomer[] =>
    ids.map((id) => {
      const bytes = packed.get(id);
      if (bytes === undefined) throw new Error(`customer ${id} is not in the spec index`);
      return JSON.parse(inflateRawSync(bytes, { dictionary }).toString('utf8')) as DesiredCustomer;
    });
  return {
    source: { index, products: [...products.values()], load },
    diagnostics: read.diagnostics,
    files: read.files,
  };
}
