/**
 * agent/daemon — the `qm run` loop (`runDaemonLoop`, `runOnce`, `runDaemonCycle`) and what
 * makes it operable and scalable: the /healthz + /metrics server
 * (prom-client), structured JSON logs (pino) with run id and MS-CorrelationId, webhook notices
 * (plan awaits review, apply failed, refund window closing), shard selection and the shard
 * layout guard.
 *
 * May import: the same layers as agent/ (app and below), node:http, prom-client, pino, undici.
 * Invariants: nothing here changes what a cycle plans or applies — it observes outcomes;
 * a failing webhook or metrics scrape never fails a tick; shard membership is a pure, stable
 * function of the customer id.
 */
export * from './daemon-logger.js';
export * from './daemon-loop.js';
export * from './daemon-metrics.js';
export * from './daemon-runtime.js';
export * from './health-server.js';
export * from './notices.js';
export * from './shard.js';
export * from './shard-guard.js';
export * from './webhook-notifier.js';
