import { randomBytes, randomUUID } from 'node:crypto';
import type { SandboxClock } from '../clock.js';
import { pcErrors } from '../errors.js';
import type { SandboxDialect } from '../options.js';
import type { SandboxStore } from '../store/sandbox-store.js';
import type { CustomerRecord } from '../store/records.js';
import type { CatalogIndex } from './catalog-index.js';

/** Time-based behaviour knobs (resolved from `SandboxOptions`). */
export interface SandboxSettings {
  readonly orderListDelayMs: number;
  readonly provisioningDelayMs: number;
  readonly registrationDelayMs: number;
  readonly asyncPatchShare: number;
  readonly dialect: SandboxDialect;
}

/** What every route and engine function works with. */
export interface SandboxContext {
  readonly store: SandboxStore;
  readonly catalog: CatalogIndex;
  readonly clock: SandboxClock;
  readonly settings: SandboxSettings;
  /** Running share of PATCHes answered 202 (see `asyncPatchShare`). */
  readonly counters: { asyncPatchCredit: number };
}

/** The customer, or 404 `60003`. */
export function requireCustomer(ctx: SandboxContext, customerId: string): CustomerRecord {
  const id = customerId.toLowerCase();
  const customer = ctx.store.get('customer', id, id);
  if (customer === undefined) throw pcErrors.customerNotFound(customerId);
  return customer;
}

export function newGuid(): string {
  return randomUUID();
}

/** Order ids are opaque strings in Partner Center; newer ones are not GUIDs. */
export function newOrderId(): string {
  return randomBytes(16).toString('base64url').replace(/[-_]/g, 'x');
}
