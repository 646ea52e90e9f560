import type {
  DesiredCustomerRef,
  DesiredState,
  ObservedState,
  PriceBook,
} from '../../model/index.js';
import type { StateWriter } from '../lease.js';
import type { AgentPorts } from '../ports.js';
import { loadPriceBook } from './load-price-book.js';

type Product = { readonly productId: string; readonly skuId: string };
type Ports = Pick<AgentPorts, 'clock' | 'pricing'>;

/**
 * The prices of one planning pass in batches (docs/scale.md "Flat memory"): one book for the
 * markets in scope and every product the specs name, loaded before the first batch; a batch whose
 * live subscriptions name a product no spec does (an upgrade's current SKU, say) adds a book for
 * those. Quotes come from the first book that has the row.
 */
export class BatchPrices {
  readonly #books: PriceBook[];
  readonly #known: Set<string>;

  private constructor(
    private readonly ports: Ports,
    private readonly write: StateWriter,
    main: PriceBook,
    products: readonly Product[],
  ) {
    this.#books = [main];
    this.#known = new Set(products.map(keyOf));
  }

  static async open(
    ports: Ports,
    write: StateWriter,
    scope: readonly DesiredCustomerRef[],
    products: readonly Product[],
  ): Promise<BatchPrices> {
    const markets = [...new Set(scope.map((c) => c.country))];
    const main = await loadPriceBook(ports, { markets, products }, write);
    return new BatchPrices(ports, write, main, products);
  }

  /** The book for a batch: the pass's, plus a book for live products no spec names. */
  async forBatch(desired: DesiredState, observed: ObservedState): Promise<PriceBook> {
    const extra = new Map<string, Product>();
    for (const c of observed.customers)
      for (const sub of c.subscriptions) {
        const key = keyOf(sub);
        if (!this.#known.has(key)) extra.set(key, { productId: sub.productId, skuId: sub.skuId });
      }
    if (extra.size > 0) {
      const markets = desired.customers.map((c) => c.country);
      const book = await loadPriceBook(
        this.ports,
        { markets, products: [...extra.values()] },
        this.write,
      );
      this.#books.push(book);
      for (const key of extra.keys()) this.#known.add(key);
    }
    return this.book(new Set());
  }

  /** Every book as one, with `more` notes after the books' own (each note once). */
  book(more: ReadonlySet<string>): PriceBook {
    const books = [...this.#books];
    const notes = [...new Set([...books.flatMap((b) => b.notes), ...more])];
    return {
      quote: (query, timeline, at) => {
        for (const book of books) {
          const found = book.quote(query, timeline, at);
          if (found !== undefined) return found;
        }
        return undefined;
      },
      notes,
    };
  }
}

function keyOf(p: Product): string {
  return `${p.productId.toUpperCase()}|${p.skuId.toUpperCase()}`;
}
