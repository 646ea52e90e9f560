import type { ActionResult } from '../../applier/index.js';
import { DEFAULT_RENEWAL_NOTICE_DAYS, type AgentConfig } from '../../config/index.js';
import type { DesiredSource, ObservedCustomer } from '../../model/index.js';
import type { CallEvent } from '../../partnercenter/index.js';
import type { Clock } from '../../support/index.js';
import type { CycleOutcome } from '../cycle.js';
import type { StateReadPort } from '../ports.js';
import { logCall, type DaemonLogger } from './daemon-logger.js';
import { createDaemonMetrics, type DaemonMetrics } from './daemon-metrics.js';
import { startHealthServer, type HealthServer, type HealthState } from './health-server.js';
import {
  buildFailureNotice,
  buildRefundWindowNotices,
  buildReviewNotice,
  type Notice,
} from './notices.js';
import { runRenewalNotices, type RenewalNoticeContext } from './renewal-notice-tick.js';
import { createWebhookNotifier, type WebhookNotifier } from './webhook-notifier.js';

/**
 * Everything `qm run` adds around a reconcile cycle: metrics, health, structured logs with the
 * run id and every call's MS-CorrelationId, and webhook notices. One per daemon process; it
 * outlives the per-tick `App`.
 */
export interface DaemonRuntime {
  readonly logger: DaemonLogger;
  readonly metrics: DaemonMetrics;
  readonly health: HealthState;
  /** The /healthz + /metrics server, when `daemon.metricsPort` is set. */
  readonly server?: HealthServer;
  /** Pass as `AppOptions.onCall`. */
  readonly onCall: (event: CallEvent) => void;
  /** Pass as `ApplyRequest.onRunStart`: later log lines carry `runId`. */
  readonly onRunStart: (runId: number) => void;
  /** Pass as `ApplyRequest.onResult`. */
  readonly onResult: (result: ActionResult) => void;
  /**
   * Before `tickFinished` (the state still open): the renewal-decision and wiped-schedule
   * notices due, recorded in the state store so each is sent once (runRenewalNotices). Never
   * throws: a failure is logged and the next tick tries again.
   */
  noticeRenewals(
    ports: Pick<RenewalNoticeContext, 'state' | 'pricing'>,
    desired: DesiredSource,
    outcome: CycleOutcome,
  ): Promise<void>;
  /** A cycle finished (the state is still open): metrics, health, notices. Never throws. */
  tickFinished(state: StateReadPort, outcome: CycleOutcome): Promise<void>;
  /** A tick threw: health turns unhealthy, the failure is counted, logged and notified. */
  tickFailed(error: unknown): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the runtime: the health server binds `daemon.metricsHost:metricsPort` before the first
 * tick, so a probe never sees a closed port while the daemon is alive.
 * @throws the listen error when the port is taken
 */
export async function startDaemonRuntime(options: {
  readonly config: AgentConfig;
  readonly clock: Clock;
  readonly logger: DaemonLogger;
}): Promise<DaemonRuntime> {
  const { config, clock } = options;
  const metrics = createDaemonMetrics();
  const health: HealthState = { startedAt: clock.now().toISOString() };
  let logger = options.logger;
  const notifier: WebhookNotifier | undefined =
    config.daemon?.webhookUrl === undefined
      ? undefined
      : createWebhookNotifier({ url: config.daemon.webhookUrl, logger: options.logger });
  const port = config.daemon?.metricsPort;
  const server =
    port === undefined
      ? undefined
      : await startHealthServer({
          port,
          metrics,
          health,
          ...(config.daemon?.metricsHost === undefined ? {} : { host: config.daemon.metricsHost }),
        });
  if (server !== undefined)
    options.logger.info(
      { event: 'listening', url: server.url },
      `serving /healthz and /metrics on ${server.url}`,
    );
  const notify = async (notices: readonly (Notice | undefined)[]): Promise<void> => {
    const due = notices.filter((n): n is Notice => n !== undefined);
    if (notifier !== undefined && due.length > 0) await notifier.notify(due, clock.now());
  };

  return {
    logger: options.logger,
    metrics,
    health,
    ...(server === undefined ? {} : { server }),
    onCall: (event) => {
      metrics.recordCall(event);
      logCall(logger, event);
    },
    onRunStart: (runId) => {
      logger = options.logger.child({ runId });
      logger.info({ event: 'tick-started' }, `run ${runId} started`);
    },
    onResult: (result) => {
      metrics.recordResult(result);
      const fields = {
        event: 'action',
        kind: result.kind,
        customerId: result.customerId,
        item: result.item,
        status: result.status,
        ...(result.code === undefined ? {} : { code: result.code }),
      };
      if (result.status === 'failed') logger.error(fields, result.message);
      else logger.info(fields, result.message);
    },
    noticeRenewals: async (ports, desired, outcome) => {
      try {
        await runRenewalNotices(
          {
            state: ports.state,
            ...(ports.pricing === undefined ? {} : { pricing: ports.pricing }),
            now: clock.now(),
            thresholds: config.daemon?.renewalNoticeDays ?? DEFAULT_RENEWAL_NOTICE_DAYS,
            ...(config.partnerCenter.batchSize === undefined
              ? {}
              : { batchSize: config.partnerCenter.batchSize }),
            logger,
            ...(notifier === undefined
              ? {}
              : { deliver: (notices) => notifier.notify(notices, clock.now()) }),
          },
          desired,
          outcome,
        );
      } catch (error) {
        logger.warn(
          {
            event: 'renewal-notices-failed',
            err: error instanceof Error ? error.message : String(error),
          },
          'renewal notices failed; the next tick tries again',
        );
      }
    },
    tickFinished: async (state, outcome) => {
      const at = clock.now();
      const ok = isHealthyCycle(outcome);
      metrics.recordCycle(outcome, at, ok);
      health.lastTick = {
        ok,
        at: at.toISOString(),
        runId: outcome.runId,
        outcome: outcome.outcome,
        skippedCustomers: outcome.plan.summary.skippedCustomers?.length ?? 0,
      };
      if (ok) health.lastSuccessAt = at.toISOString();
      const refund = refundNotices(state, at);
      metrics.setRefundWindowsClosing(refund.length);
      logger.info(
        {
          event: 'tick-finished',
          outcome: outcome.outcome,
          actions: outcome.plan.actions.length,
          blocked: outcome.plan.blocked.length,
          deferred: outcome.deferred.length,
          failedActions: outcome.report?.counts.failed ?? 0,
        },
        `run ${outcome.runId} ${outcome.outcome}`,
      );
      await notify([
        buildReviewNotice(outcome.runId, outcome.deferred),
        buildFailureNotice(outcome.runId, outcome.report?.results ?? []),
        ...refund,
      ]);
      logger = options.logger;
    },
    tickFailed: async (error) => {
      const at = clock.now();
      const code = errorCode(error);
      const message = error instanceof Error ? error.message : String(error);
      const wasOk = health.lastTick?.ok ?? true;
      metrics.recordTickFailure(code, at);
      health.lastTick = { ok: false, at: at.toISOString(), outcome: 'error', code, message };
      logger.error({ event: 'tick-failed', code, err: message }, `tick failed: ${message}`);
      // A failing tick repeats every schedule; tell the webhook when health turns, not each time.
      if (wasOk) await notify([{ event: 'apply-failed', failures: [], error: { code, message } }]);
      logger = options.logger;
    },
    close: async () => {
      await server?.close();
      logger.flush();
    },
  };
}

/**
 * A finished cycle counts as failed when an applied action failed, or when the live read failed
 * for every customer in scope (Partner Center unreachable: nothing was reconciled). Some skipped
 * customers make a degraded but healthy tick — they show in /healthz and `qm_customers_skipped`.
 */
export function isHealthyCycle(outcome: CycleOutcome): boolean {
  if (outcome.outcome === 'failed' || outcome.outcome === 'partial') return false;
  const skipped = outcome.plan.summary.skippedCustomers?.length ?? 0;
  return !(skipped > 0 && outcome.plan.summary.customers === 0);
}

function refundNotices(state: StateReadPort, now: Date): Notice[] {
  const bindings = state.bindings.list();
  const snapshots = new Map<string, ObservedCustomer>();
  for (const id of new Set(bindings.map((b) => b.customerId))) {
    const snapshot = state.snapshots.get(id);
    if (snapshot !== undefined) snapshots.set(id, snapshot);
  }
  return buildRefundWindowNotices(bindings, snapshots, now);
}

function errorCode(error: unknown): string {
  if (
    error !== null &&
    typeof error === 'object' &&
    'code' in error &&
    typeof error.code === 'string'
  )
    return error.code;
  return 'internal';
}
