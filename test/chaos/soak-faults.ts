import type { FaultInput, FaultSpec, RunningSandbox } from '../../src/sandbox/index.js';
import type { SoakEstate } from './soak-estate.js';
import type { SoakRandom } from './soak-random.js';

/**
 * Random faults for the soak's first (killed) run, on the routes that spend money or change
 * it: cart creation, checkout, subscription PATCH and Azure registration. Every kind the
 * sandbox can inject except a client timeout (the CLI waits 30 s per attempt): errors that
 * commit nothing (500, 503, 429, a reset before processing) and answers lost or garbled after
 * the server committed (dropped, late, malformed).
 */
export const SOAK_ROUTES = {
  'create cart': 'POST /v1/customers/*/carts',
  checkout: 'POST /v1/customers/*/carts/*/checkout',
  'subscription PATCH': 'PATCH /v1/customers/*/subscriptions/*',
  registration: 'POST /v1/customers/*/subscriptions/*/registrations',
} as const;

type FaultName =
  '500' | '503' | 'throttle' | 'reset' | 'drop-after-commit' | 'delay-response' | 'malformed-body';

const KINDS: readonly (readonly [FaultName, number])[] = [
  ['500', 2],
  ['503', 2],
  ['throttle', 1],
  ['reset', 2],
  ['drop-after-commit', 3],
  ['delay-response', 3],
  ['malformed-body', 2],
];

function spec(rng: SoakRandom, name: FaultName): FaultSpec {
  switch (name) {
    case '500':
      return { kind: 'status', status: 500 };
    case '503':
      return { kind: 'status', status: 503 };
    case 'throttle':
      return { kind: 'throttle', retryAfterSeconds: 1 };
    case 'reset':
      return { kind: 'reset' };
    case 'drop-after-commit':
      return { kind: 'drop-after-commit' };
    case 'delay-response':
      return { kind: 'delay-response', ms: rng.int(100, 1_500) };
    case 'malformed-body':
      return { kind: 'malformed-body' };
  }
}

export interface InjectedFault {
  readonly id: string;
  readonly label: string;
  readonly count: number;
}

/**
 * Adds 1–4 random faults on the routes the round's plan uses, each starting at one of the
 * calls that route will see (and sometimes a little latency on every write, which widens the
 * windows a kill can land in). @returns what was injected, to count hits afterwards
 */
export function injectRandomFaults(
  rng: SoakRandom,
  sandbox: RunningSandbox,
  estate: SoakEstate,
): InjectedFault[] {
  const calls: Record<keyof typeof SOAK_ROUTES, number> = {
    'create cart': estate.calls.carts,
    checkout: estate.calls.checkouts,
    'subscription PATCH': estate.calls.patches,
    registration: estate.calls.registrations,
  };
  const used = (Object.keys(SOAK_ROUTES) as (keyof typeof SOAK_ROUTES)[]).filter(
    (route) => calls[route] > 0,
  );
  const injected: InjectedFault[] = [];
  const n = used.length === 0 ? 0 : rng.int(1, 4);
  for (let i = 0; i < n; i++) {
    const routeName = rng.pick(used);
    const match = SOAK_ROUTES[routeName];
    const name = rng.weighted(KINDS);
    // At most three in a row, so that the client's four attempts can still get through.
    const count = name === '503' || name === 'throttle' ? rng.int(1, 3) : rng.int(1, 2);
    const after = rng.int(0, Math.min(2, calls[routeName] - 1));
    const input: FaultInput = { ...spec(rng, name), match, count, after };
    const label = `${routeName} × ${name}${input.kind === 'delay-response' ? ` ${input.ms}ms` : ''} ×${count}${after > 0 ? ` after ${after}` : ''}`;
    injected.push({ id: sandbox.faults.add(input), label, count });
  }
  if (rng.chance(0.4)) {
    const ms = rng.int(5, 40);
    for (const method of ['POST', 'PATCH']) {
      sandbox.faults.add({
        match: `${method} /v1/customers/**`,
        kind: 'latency',
        ms,
        count: 'unlimited',
      });
    }
  }
  return injected;
}

/** How many times each injected fault fired (a fault leaves the list once spent). */
export function faultHits(sandbox: RunningSandbox, injected: readonly InjectedFault[]): number {
  const remaining = new Map(sandbox.faults.list().map((f) => [f.id, f.remaining]));
  return injected.reduce((sum, f) => sum + f.count - (remaining.get(f.id) ?? 0), 0);
}
