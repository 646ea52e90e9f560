import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { ActionResult } from '../../applier/index.js';
import type { CallEvent } from '../../partnercenter/index.js';
import type { CycleOutcome } from '../cycle.js';

/**
 * The daemon's Prometheus metrics (docs/operations.md lists them). One registry per daemon, not
 * prom-client's global one, so several daemons (or tests) in one process never share counters.
 */
export interface DaemonMetrics {
  readonly registry: Registry;
  /** Counts one HTTP attempt of the Partner Center client (pass to `AppOptions.onCall`). */
  recordCall(event: CallEvent): void;
  /** Counts one applied (or failed) action as the applier reports it. */
  recordResult(result: ActionResult): void;
  /** Records a finished cycle: run outcome, blocked and deferred actions, success time. */
  recordCycle(outcome: CycleOutcome, at: Date, ok: boolean): void;
  /** Records a tick that threw before finishing (endpoint down, lease held, bad specs). */
  recordTickFailure(code: string, at: Date): void;
  /** Sets how many managed items have a refund window closing within 24 hours. */
  setRefundWindowsClosing(count: number): void;
  /** Text exposition format for `GET /metrics`. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Creates the registry and every metric, with Node process metrics under `qm_process_`. */
export function createDaemonMetrics(): DaemonMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'qm_' });
  const counter = <L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
  ): Counter<L> => new Counter({ name, help, labelNames, registers: [registry] });
  const gauge = (name: string, help: string): Gauge =>
    new Gauge({ name, help, registers: [registry] });

  const runs = counter(
    'qm_runs_total',
    'Reconcile ticks by outcome (succeeded, no-changes, partial, failed, aborted, error).',
    ['outcome'],
  );
  const actions = counter(
    'qm_actions_total',
    'Actions the applier finished, by kind and status (succeeded, failed, pending, skipped).',
    ['kind', 'status'],
  );
  const blocked = counter(
    'qm_actions_blocked_total',
    'Blocked plan items seen per tick, by blocked code and wanted kind ("none" when no action was wanted).',
    ['code', 'kind'],
  );
  const deferred = counter(
    'qm_actions_deferred_total',
    'Actions held for review per tick (not in policy.autoApply), by kind.',
    ['kind'],
  );
  const calls = counter(
    'qm_api_calls_total',
    'Partner Center HTTP attempts, by route family, method and status (0 = no response).',
    ['family', 'method', 'status'],
  );
  const errors = counter('qm_api_errors_total', 'Failed Partner Center attempts, by error code.', [
    'code',
  ]);
  const throttled = counter(
    'qm_api_throttled_total',
    'Partner Center 429 responses, by route family.',
    ['family'],
  );
  const tickErrors = counter(
    'qm_tick_errors_total',
    'Ticks that threw before finishing, by error code.',
    ['code'],
  );
  const lastSuccess = gauge(
    'qm_last_success_timestamp_seconds',
    'Unix time of the last tick that finished without error and without failed actions.',
  );
  const lastTick = gauge('qm_last_tick_timestamp_seconds', 'Unix time of the last finished tick.');
  const lastOk = gauge(
    'qm_last_tick_ok',
    '1 when the last tick succeeded, 0 when it failed (what /healthz reports).',
  );
  const planned = gauge('qm_customers_planned', 'Customers planned in the last tick.');
  const skipped = gauge(
    'qm_customers_skipped',
    'Customers skipped in the last tick because their live read failed.',
  );
  const closing = gauge(
    'qm_refund_windows_closing',
    'Managed items whose refund window closes within 24 hours.',
  );

  return {
    registry,
    recordCall: (event) => {
      calls.inc({ family: event.family, method: event.method, status: String(event.status) });
      if (event.code !== undefined) errors.inc({ code: event.code });
      if (event.status === 429) throttled.inc({ family: event.family });
    },
    recordResult: (result) => actions.inc({ kind: result.kind, status: result.status }),
    recordCycle: (outcome, at, ok) => {
      runs.inc({ outcome: outcome.outcome });
      for (const b of outcome.plan.blocked) blocked.inc({ code: b.code, kind: b.wanted ?? 'none' });
      for (const a of outcome.deferred) deferred.inc({ kind: a.kind });
      const seconds = at.getTime() / 1000;
      lastTick.set(seconds);
      planned.set(outcome.plan.summary.customers);
      skipped.set(outcome.plan.summary.skippedCustomers?.length ?? 0);
      lastOk.set(ok ? 1 : 0);
      if (ok) lastSuccess.set(seconds);
    },
    recordTickFailure: (code, at) => {
      runs.inc({ outcome: 'error' });
      tickErrors.inc({ code });
      lastTick.set(at.getTime() / 1000);
      lastOk.set(0);
    },
    setRefundWindowsClosing: (count) => closing.set(count),
    render: async () => ({ contentType: registry.contentType, body: await registry.metrics() }),
  };
}
