/**
 * The transport floor of the scale benchmark (issue 19): the same number of calls the cycle
 * made, against the same sandbox process with the same injected latency, from a bare client —
 * an undici pool of `concurrency` connections that reads each body and parses its JSON, and
 * does nothing else (no journal, no mapping, no planning). One subscription list per customer,
 * then single-subscription GETs (about the size of a PATCH answer) for the rest. It shows what
 * the machine, the sandbox and HTTP cost above `calls × latency / concurrency` before the agent
 * does anything.
 */
import { Pool } from 'undici';
import { SANDBOX_TOKENS } from '../src/sandbox/index.js';
import { customerIdOf, ITEMS_PER_CUSTOMER, subscriptionIdOf } from './estate.js';

export interface TransportFloor {
  readonly calls: number;
  readonly floorMs: number;
}

/** Makes `calls` GETs at `concurrency` against the sandbox at `url`; resolves with the wall time. */
export async function measureTransportFloor(
  url: string,
  customers: number,
  calls: number,
  concurrency: number,
): Promise<TransportFloor> {
  const pool = new Pool(url, { connections: concurrency });
  const pathOf = (n: number): string => {
    const c = n % customers;
    const base = `/v1/customers/${customerIdOf(c)}/subscriptions`;
    return n < customers ? base : `${base}/${subscriptionIdOf(c, n % ITEMS_PER_CUSTOMER)}`;
  };
  const headers = {
    accept: 'application/json',
    authorization: `Bearer ${SANDBOX_TOKENS.appUser}`,
  };
  let next = 0;
  const start = performance.now();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < calls) {
          const path = pathOf(next++);
          const res = await pool.request({ path, method: 'GET', headers });
          const text = await res.body.text();
          if (res.statusCode !== 200)
            throw new Error(`transport floor: GET ${path} answered ${res.statusCode}: ${text}`);
          JSON.parse(text);
        }
      }),
    );
    return { calls, floorMs: Math.round(performance.now() - start) };
  } finally {
    await pool.close();
  }
}
