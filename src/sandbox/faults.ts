import { randomUUID } from 'node:crypto';

/**
 * Fault injection. A fault matches requests by method and path pattern and applies to the
 * next `count` matching requests. Kinds:
 * - `latency`: wait `ms` of real time, then process normally (stacks with one other fault);
 * - `status`: answer `status` (e.g. 500/503) with a Partner Center error body, no effect;
 * - `throttle`: answer 429 with `Retry-After: retryAfterSeconds`, no effect;
 * - `reset`: destroy the socket before processing;
 * - `drop-after-commit`: process and commit, then destroy the socket without a response;
 * - `delay-response`: process and commit, then hold the response for `ms` of real time;
 * - `malformed-body`: process and commit, then answer the real status with invalid JSON.
 */
export type FaultSpec =
  | { readonly kind: 'latency'; readonly ms: number }
  | { readonly kind: 'status'; readonly status: number; readonly code?: string }
  | { readonly kind: 'throttle'; readonly retryAfterSeconds: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'drop-after-commit' }
  | { readonly kind: 'delay-response'; readonly ms: number }
  | { readonly kind: 'malformed-body' };

export type FaultKind = FaultSpec['kind'];

/**
 * A fault to add. `match` is `"METHOD /path/pattern"` or just a path pattern (any method);
 * in the pattern `*` matches one segment and `**` any number (query strings are ignored),
 * e.g. `POST /v1/customers/*\/carts/*\/checkout`. `count` defaults to 1.
 */
export type FaultInput = FaultSpec & {
  readonly match: string;
  readonly count?: number | 'unlimited';
  /** Matching requests to let through untouched before the fault starts. @default 0 */
  readonly after?: number;
};

export type ActiveFault = FaultInput & { readonly id: string; remaining: number; skip: number };

/** What applies to one request: summed latency and at most one other fault. */
export interface FaultDecision {
  readonly latencyMs: number;
  readonly fault?: Exclude<FaultSpec, { kind: 'latency' }>;
}

const KINDS: readonly FaultKind[] = [
  'latency',
  'status',
  'throttle',
  'reset',
  'drop-after-commit',
  'delay-response',
  'malformed-body',
];

export class FaultInjector {
  #faults: ActiveFault[] = [];

  /** Adds a fault and returns its id. Throws `RangeError` on an invalid description. */
  add(input: FaultInput): string {
    if (!KINDS.includes(input.kind))
      throw new RangeError(`unknown fault kind ${String(input.kind)}`);
    if (typeof input.match !== 'string' || input.match.trim() === '')
      throw new RangeError('fault match is required');
    const count = input.count ?? 1;
    const remaining = count === 'unlimited' ? Number.POSITIVE_INFINITY : count;
    if (!(remaining > 0)) throw new RangeError('fault count must be positive or "unlimited"');
    const id = randomUUID();
    const skip = input.after ?? 0;
    if (!(Number.isInteger(skip) && skip >= 0))
      throw new RangeError('fault after must be a whole number ≥ 0');
    this.#faults.push({ ...input, id, remaining, skip });
    return id;
  }

  remove(id: string): boolean {
    const before = this.#faults.length;
    this.#faults = this.#faults.filter((fault) => fault.id !== id);
    return this.#faults.length < before;
  }

  clear(): void {
    this.#faults = [];
  }

  list(): readonly ActiveFault[] {
    return this.#faults.map((fault) => ({ ...fault }));
  }

  /** Consumes the faults that apply to this request. */
  take(method: string, path: string): FaultDecision {
    let latencyMs = 0;
    let fault: FaultDecision['fault'];
    for (const candidate of this.#faults) {
      if (candidate.remaining <= 0 || !matches(candidate.match, method, path)) continue;
      if (candidate.skip > 0) {
        candidate.skip -= 1;
        continue;
      }
      if (candidate.kind === 'latency') {
        latencyMs += candidate.ms;
      } else if (fault === undefined) {
        fault = candidate;
      } else {
        continue;
      }
      candidate.remaining -= 1;
    }
    this.#faults = this.#faults.filter((f) => f.remaining > 0);
    return fault === undefined ? { latencyMs } : { latencyMs, fault };
  }
}

/** Whether `"METHOD pattern"` (or a bare pattern) matches a request. */
export function matches(match: string, method: string, path: string): boolean {
  const parts = match.trim().split(/\s+/);
  const [wantMethod, pattern] =
    parts.length > 1 ? [parts[0] ?? '*', parts[1] ?? ''] : ['*', parts[0] ?? ''];
  if (wantMethod !== '*' && wantMethod.toUpperCase() !== method.toUpperCase()) return false;
  return globMatch(split(pattern), split(path.split('?')[0] ?? ''));
}

function split(path: string): string[] {
  return path
    .toLowerCase()
    .split('/')
    .filter((p) => p !== '');
}

function globMatch(pattern: readonly string[], parts: readonly string[]): boolean {
  if (pattern.length === 0) return parts.length === 0;
  const [head, ...rest] = pattern;
  if (head === '**') {
    for (let i = 0; i <= parts.length; i++) if (globMatch(rest, parts.slice(i))) return true;
    return false;
  }
  if (parts.length === 0) return false;
  return (head === '*' || head === parts[0]) && globMatch(rest, parts.slice(1));
}
