import type { SubscriptionRecord } from '../store/records.js';
import { newEtag } from '../wire.js';
import type { CatalogIndex } from './catalog-index.js';
import { commitmentEndFor, iso, isoDay, plusMs, renewalInstant } from './dates.js';
import { refundWindowMs } from './subscription-factory.js';

/**
 * Renews or expires a subscription whose term has ended by `now` (docs/partner-center-api.md §9,
 * §11): at 00:00 UTC the day after the inclusive `commitmentEndDate`, autorenew on applies
 * `scheduledNextTermInstructions` in full — product, SKU, availability, term, billing cycle and
 * seats — starts a full new term (`commitmentEndDate` = renewal day + next term − 1 day, so a
 * co-termed first term is followed by full ones), reopens the refund/cancel window for every
 * seat and clears the instructions; autorenew off sets `expired`. Several terms are rolled when
 * the clock jumped far (instructions apply to the first). No lock before renewal: none is
 * documented by Microsoft (docs/partner-center-api.md §5.4). Returns `undefined` when nothing
 * was due.
 */
export function renewIfDue(
  record: SubscriptionRecord,
  now: Date,
  catalog: CatalogIndex,
): SubscriptionRecord | undefined {
  let current = record;
  let changed = false;
  while (
    (current.status === 'active' || current.status === 'suspended') &&
    current.commitmentEndDate !== undefined &&
    current.termDuration !== undefined &&
    renewalInstant(current.commitmentEndDate) <= now
  ) {
    changed = true;
    const at = renewalInstant(current.commitmentEndDate);
    if (!current.autoRenewEnabled) {
      current = {
        ...current,
        status: 'expired',
        cancellationAllowedUntilDate: null,
        refundBlocks: [],
        scheduled: null,
        etag: newEtag(),
      };
      break;
    }
    current = startNextTerm(current, at, catalog);
  }
  return changed ? current : undefined;
}

function startNextTerm(
  record: SubscriptionRecord,
  at: Date,
  catalog: CatalogIndex,
): SubscriptionRecord {
  const next = record.scheduled;
  const term = next?.termDuration ?? record.termDuration ?? 'P1Y';
  const quantity = next?.quantity ?? record.quantity;
  const sku = next === null ? undefined : catalog.sku(next.productId, next.skuId);
  const window = refundWindowMs(record.kind);
  const until = window > 0 ? plusMs(at, window) : null;
  return {
    ...record,
    ...(next === null
      ? {}
      : {
          productId: next.productId,
          skuId: next.skuId,
          availabilityId: next.availabilityId,
          billingCycle: next.billingCycle,
          offerName: sku?.title ?? record.offerName,
          // A name that was the old SKU's title follows the SKU; a partner's nickname stays.
          friendlyName:
            record.friendlyName === record.offerName
              ? (sku?.title ?? record.friendlyName)
              : record.friendlyName,
        }),
    termDuration: term,
    quantity,
    effectiveStartDate: isoDay(at),
    commitmentEndDate: isoDay(commitmentEndFor(at, term)),
    cancellationAllowedUntilDate: until,
    refundBlocks: until === null ? [] : [{ quantity, allowedUntilDateTime: until }],
    scheduled: null,
    etag: newEtag(),
    renewals: record.renewals + 1,
    creationDate: record.creationDate,
    visibleAt: record.visibleAt < iso(at) ? record.visibleAt : iso(at),
  };
}
