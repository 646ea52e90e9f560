/**
 * cli/render — turns a `Plan` into text: `renderPlanHuman` for terminals, `renderPlanJson` for
 * `--json` and saved plan files, `renderPlanMarkdown` for pull-request comments (`--markdown`).
 * Pure functions of the plan (no I/O, no clock), so the same plan always renders to the same
 * text.
 */
export { renderPlanHuman, type HumanRenderOptions } from './render-plan-human.js';
export { renderPlanJson } from './render-plan-json.js';
export {
  MARKDOWN_PLAN_MARKER,
  renderPlanMarkdown,
  type MarkdownRenderOptions,
} from './render-plan-markdown.js';
export { renderActionResult, renderApplySummary, renderRecovery } from './render-apply.js';
export { leadWithName } from './describe-action.js';
export { renderRenewalsHuman, renderRenewalsJson, renewalLine } from './render-renewals.js';
export {
  renderStatusHuman,
  renderStatusJson,
  type AwaitingReview,
  type StatusView,
} from './render-status.js';
