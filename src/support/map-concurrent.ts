/**
 * Maps `items` through `fn` with at most `limit` calls in flight, keeping input order in the
 * output. A rejection of `fn` is not caught here: callers that want per-item failures return
 * them as values.
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index] as T, index);
    }
  };
  const workers = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

/** Runs async tasks at most `limit` at a time, in the order they were handed in. */
export interface Limiter {
  run<R>(task: () => Promise<R>): Promise<R>;
}

/**
 * A limiter shared by several `mapConcurrent`-like loops (the batches of one refresh read at
 * once, `limit` customers in flight across all of them: agent/compute-plan.ts).
 */
export function createLimiter(limit: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  // A finished task hands its slot straight to the oldest waiter, so none is ever over the limit.
  const release = (): void => {
    const next = waiting.shift();
    if (next === undefined) active -= 1;
    else next();
  };
  return {
    async run<R>(task: () => Promise<R>): Promise<R> {
      if (active >= Math.max(1, limit)) await new Promise<void>((go) => waiting.push(go));
      else active += 1;
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
