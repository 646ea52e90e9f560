/**
 * agent/daemon — the `qm run` loop (`runDaemonLoop`, `runOnce`, `runDaemonCycle`) and what
 * makes it operable and scalable: the /healthz + /metrics server
 * (prom-client), structured JSON logs (pino) with run id and MS-CorrelationId, webhook notices
 * (plan awaits review, apply failed, refund window closing, renewal upcoming, scheduled change
 * wiped — the last two recorded in the state store so a restart never repeats them), shard
 * selection and the shard layout guard.
 *
 * May import: the same layers as agent/ (app and below), node:http, prom-client, pino, undici.
 * Invariants: nothing here changes what a cycle plans or applies — it observes outcomes (and
 * records the renewal notices it sent, under a brief lease);
 * a failing webhook or metrics scrape never fails a tick; shard membership is a pure, stable
 * function of the customer id.
 */
export * from './daemon-logger.js';
export * from './daemon-loop.js';
export * from './daemon-metrics.js';
export * from './daemon-runtime.js';
export * from './health-server.js';
export * from './notices.js';
export {
  buildRenewalNotices,
  renewalNoticeText,
  type NoticePrice,
  type NoticeShape,
  type PendingChange,
  type RenewalNotice,
  type RenewalNoticeInput,
  type WatchedSubscription,
} from './renewal-notices.js';
export {
  runRenewalNotices,
  type RenewalNoticeContext,
  type RenewalNoticeReport,
} from './renewal-notice-tick.js';
export { buildWipedScheduleNotices, type ScheduleWipedNotice } from './wiped-schedule-notices.js';
export * from './shard.js';
export * from './shard-guard.js';
export * from './webhook-notifier.js';
