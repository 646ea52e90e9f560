/**
 * agent/status — `qm status` offline, and the inventory the dashboard reuses
 * (docs/cli-status-history.md): `buildStatusReport` reads the state store through
 * `StateReadPort` only; `foldJournal` (the agent's changes since the last refresh) and
 * `buildInventory` (per customer and item: seats, term, autorenew, renewal, windows, state) are
 * pure. No rendering here: cli/render/render-status.ts turns the report into text.
 */
export {
  buildStatusReport,
  type ActivationLinkNote,
  type InFlightNote,
  type StatusReport,
} from './status-report.js';
export { buildInventory, type InventoryInput } from './build-inventory.js';
export { foldJournal, type AgentChange, type FoldedSnapshots } from './fold-journal.js';
export {
  ITEM_STATES,
  type InventoryCustomer,
  type InventoryItem,
  type ItemBlock,
  type ItemChange,
  type ItemState,
  type LiveShape,
  type PlannedChange,
  type UnmanagedSubscription,
} from './inventory.js';
