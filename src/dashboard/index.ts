/**
 * dashboard/ — the read-only web dashboard `qm dashboard` serves and `qm run` serves with
 * `daemon.dashboardPort` (DESIGN §10, docs/dashboard.md): server-rendered HTML over node:http,
 * no script, no external request, every value escaped (html.ts).
 *
 * May import: agent/, config/, spec/, state/, planner/ (pure: the price book), model/,
 * support/ — like an adapter; cli/ imports it. The estate view is built in a worker thread. It opens the state store read-only and never writes.
 * Invariants: binds loopback unless a token is set; with a token every request is checked in
 * constant time; only GET/HEAD; no page shows a secret, token or config value; every list is
 * paged or filtered. The pages' data has one source: `buildEstateView` (build-estate.ts).
 */
export { assertBindAllowed, DASHBOARD_TOKEN_ENV, isLoopbackHost } from './access.js';
export { buildEstateView, type EstateInput } from './build-estate.js';
export type * from './estate-view.js';
export { createReadModel, type DashboardReadModel, type ReadModelOptions } from './read-model.js';
export { createEstateSource, type EstateSource, type EstateSourceInput } from './estate-source.js';
export { createInlineBuilder, createWorkerBuilder, type ViewBuilder } from './view-builder.js';
export {
  startDashboardServer,
  type DashboardServer,
  type DashboardServerOptions,
} from './server.js';
