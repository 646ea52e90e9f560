import type { CustomerId, LiveSubscription, ScheduledNextTerm } from '../../model/index.js';
import type { Caller, CallResult } from '../caller.js';
import { PartnerCenterError, POLL_TIMEOUT_CODE } from '../errors.js';
import type { SubscriptionDto } from '../dto/subscription-dto.js';
import {
  mapSubscription,
  readSubscriptionDto,
  scheduledNextTermToWire,
} from '../map/subscription.js';
import { decodeBody } from './decode.js';
import { callOptions, signalOf, type MutationOptions } from './options.js';
import type { SubscriptionsApiOptions } from './subscriptions.js';

/** One change per PATCH; mixing changes is not documented (docs/partner-center-api.md §5.3). */
export type SubscriptionChange =
  | { readonly kind: 'quantity'; readonly quantity: number }
  | { readonly kind: 'auto-renew'; readonly enabled: boolean }
  | { readonly kind: 'status'; readonly status: 'active' | 'suspended' | 'deleted' }
  | { readonly kind: 'friendly-name'; readonly friendlyName: string }
  | { readonly kind: 'scheduled-next-term'; readonly instructions: ScheduledNextTerm }
  | { readonly kind: 'clear-scheduled-next-term' };

export interface SubscriptionUpdateResult {
  readonly subscription: LiveSubscription;
  /** `accepted`: the server answered 202 and the change was seen by polling. */
  readonly completion: 'immediate' | 'accepted';
  /** MS-RequestId of the PATCH. */
  readonly requestId: string;
}

/**
 * Apply `change` to the full resource and PATCH it back with `If-Match`, following a 202
 * `Location`. The resource and etag come from a read made moments ago when there is one
 * (`recent`, see RecentReads); otherwise from a GET first (ETags are short-lived — §1.3).
 * A 2055 (`etag-stale`) is answered by reading the subscription: when it already shows the
 * change (a retried PATCH whose first attempt landed), the update succeeded.
 * @throws PartnerCenterError `etag-stale` (2055) when the subscription changed since it was
 *   read and does not show the change: the change is not replayed; the caller re-plans.
 */
export async function updateSubscription(
  call: Caller,
  options: SubscriptionsApiOptions,
  path: string,
  customerId: CustomerId,
  change: SubscriptionChange,
  mutation: MutationOptions | undefined,
): Promise<SubscriptionUpdateResult> {
  const { dto, etag } = options.recent.take(path) ?? (await readForPatch(call, path, mutation));
  const patched = await call({
    method: 'PATCH',
    path,
    body: applyChange(dto, change),
    // An empty etag (`"etag": ""` in documented answers) is no etag: `If-Match: ""` matches nothing.
    headers: etag === undefined || etag === '' ? {} : { 'if-match': quoteEtag(etag) },
    ...callOptions(mutation),
  }).catch(async (error: unknown) => {
    if (!(error instanceof PartnerCenterError && error.kind === 'etag-stale')) throw error;
    // 2055 also answers a retry whose first attempt landed (its answer lost): that attempt
    // changed the etag. Read the subscription: when the change shows, it is done.
    const current = await call({ method: 'GET', path, ...signalOf(mutation) });
    const subscription = decodeBody(current, (b) =>
      mapSubscription(readSubscriptionDto(b), customerId),
    );
    if (isApplied(subscription, change))
      return { landed: subscription, requestId: error.requestId };
    throw new PartnerCenterError(
      error.code,
      error.status,
      error.requestId,
      `${error.message} — the subscription changed since it was read and does not show the change; it was not replayed and the next plan recomputes it`,
      { cause: error },
    );
  });
  if ('landed' in patched) {
    return { subscription: patched.landed, completion: 'immediate', requestId: patched.requestId };
  }
  if (patched.status !== 202) {
    const body =
      patched.body === undefined
        ? (await call({ method: 'GET', path, ...signalOf(mutation) })).body
        : patched.body;
    const subscription = decodeBody({ ...patched, body }, (b) =>
      mapSubscription(readSubscriptionDto(b), customerId),
    );
    return { subscription, completion: 'immediate', requestId: patched.requestId };
  }
  const subscription = await pollUntilApplied(
    call,
    options,
    patched,
    path,
    customerId,
    change,
    mutation?.signal,
  );
  return { subscription, completion: 'accepted', requestId: patched.requestId };
}

async function readForPatch(
  call: Caller,
  path: string,
  mutation: MutationOptions | undefined,
): Promise<{ dto: SubscriptionDto; etag: string | undefined }> {
  const current = await call({ method: 'GET', path, ...signalOf(mutation) });
  const dto = decodeBody(current, readSubscriptionDto);
  return { dto, etag: dto.attributes?.etag ?? current.headers['etag'] };
}

async function pollUntilApplied(
  call: Caller,
  options: SubscriptionsApiOptions,
  accepted: CallResult,
  fallbackPath: string,
  customerId: CustomerId,
  change: SubscriptionChange,
  signal: AbortSignal | undefined,
): Promise<LiveSubscription> {
  const location = accepted.headers['location'] ?? fallbackPath;
  for (let poll = 1; poll <= options.maxPolls; poll++) {
    await options.clock.sleep(options.pollIntervalMs, signal);
    const result = await call({
      method: 'GET',
      path: location,
      ...(signal === undefined ? {} : { signal }),
    });
    const subscription = decodeBody(result, (body) =>
      mapSubscription(readSubscriptionDto(body), customerId),
    );
    if (isApplied(subscription, change)) return subscription;
  }
  throw new PartnerCenterError(
    POLL_TIMEOUT_CODE,
    202,
    accepted.requestId,
    `Subscription change (${change.kind}) was accepted but not visible after ${options.maxPolls} polls of ${location}`,
  );
}

/** The full resource with one field changed; unknown fields pass through untouched. */
export function applyChange(
  dto: SubscriptionDto,
  change: SubscriptionChange,
): Record<string, unknown> {
  const body: Record<string, unknown> = { ...dto };
  switch (change.kind) {
    case 'quantity':
      body['quantity'] = change.quantity;
      break;
    case 'auto-renew':
      body['autoRenewEnabled'] = change.enabled;
      break;
    case 'status':
      body['status'] = change.status;
      break;
    case 'friendly-name':
      body['friendlyName'] = change.friendlyName;
      break;
    case 'scheduled-next-term':
      body['scheduledNextTermInstructions'] = scheduledNextTermToWire(change.instructions);
      break;
    case 'clear-scheduled-next-term':
      // Undocumented; a null is what third-party clients send (docs/partner-center-api.md §5.4).
      body['scheduledNextTermInstructions'] = null;
      break;
  }
  return body;
}

/** True once a read of the subscription shows `change` (how a 202 is settled, §5.3). */
export function isApplied(subscription: LiveSubscription, change: SubscriptionChange): boolean {
  switch (change.kind) {
    case 'quantity':
      return subscription.quantity === change.quantity;
    case 'auto-renew':
      return subscription.autoRenewEnabled === change.enabled;
    case 'status':
      return subscription.status === change.status;
    case 'friendly-name':
      return subscription.friendlyName === change.friendlyName;
    case 'scheduled-next-term': {
      // The whole next-term shape (a renewal may change product, SKU, term and billing, §5.4);
      // enums compare ignoring case and underscores (`Annual` = `annual`, `OneTime` = `one_time`).
      const now = subscription.scheduledNextTermInstructions;
      const wanted = change.instructions;
      const same = (a: string | undefined, b: string | undefined): boolean =>
        b === undefined || a?.replace(/_/g, '').toLowerCase() === b.replace(/_/g, '').toLowerCase();
      return (
        now !== undefined &&
        now.quantity === wanted.quantity &&
        same(now.productId, wanted.productId) &&
        same(now.skuId, wanted.skuId) &&
        same(now.termDuration, wanted.termDuration) &&
        same(now.billingCycle, wanted.billingCycle)
      );
    }
    case 'clear-scheduled-next-term':
      return subscription.scheduledNextTermInstructions === undefined;
  }
}

function quoteEtag(etag: string): string {
  return etag.startsWith('"') || etag.startsWith('W/') ? etag : `"${etag}"`;
}
