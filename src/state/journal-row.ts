import type { ActionKey, CustomerId, ItemKey, OrderId, SubscriptionId } from '../model/index.js';
import type { JournalEntry, JournalStatus } from './journal-entry.js';

/** A `journal` row as SQLite returns it (schema 2). */
export interface JournalDbRow {
  id: number;
  run_id: number | null;
  action_key: string;
  request_id: string;
  kind: string;
  step: string | null;
  customer_id: string;
  item: string | null;
  cart_id: string | null;
  order_ids: string;
  subscription_id: string | null;
  status: JournalStatus;
  request: string | null;
  response: string | null;
  error_code: string | null;
  error_message: string | null;
  attempts: number;
  created_at: string;
  updated_at: string;
  settled_at: string | null;
}

/** Maps a stored row to a `JournalEntry`; NULL columns become absent fields. */
export function readJournalDbRow(row: JournalDbRow): JournalEntry {
  return {
    id: row.id,
    ...(row.run_id !== null && { runId: row.run_id }),
    actionKey: row.action_key as ActionKey,
    requestId: row.request_id,
    kind: row.kind,
    ...(row.step !== null && { step: row.step }),
    customerId: row.customer_id as CustomerId,
    ...(row.item !== null && { item: row.item as ItemKey }),
    ...(row.cart_id !== null && { cartId: row.cart_id }),
    orderIds: JSON.parse(row.order_ids) as OrderId[],
    ...(row.subscription_id !== null && { subscriptionId: row.subscription_id as SubscriptionId }),
    status: row.status,
    ...(row.request !== null && { request: JSON.parse(row.request) as unknown }),
    ...(row.response !== null && { response: JSON.parse(row.response) as unknown }),
    ...(row.error_code !== null && { errorCode: row.error_code }),
    ...(row.error_message !== null && { errorMessage: row.error_message }),
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.settled_at !== null && { settledAt: row.settled_at }),
  };
}
