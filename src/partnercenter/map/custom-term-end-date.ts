import {
  parseSubscriptionId,
  type AllowedCustomTermEndDate,
  type SubscriptionId,
} from '../../model/index.js';
import type { AllowedCustomTermEndDateDto } from '../dto/lifecycle-dto.js';
import { asRecord, malformed, optInstant, optString, stringList } from './wire-read.js';

/**
 * One allowed custom term end date (docs/partner-center-api.md "Co-terming"): the documented
 * example prints `"allowedCustomTermEndDate": "2023-07-31T00:00:00"` (no offset: UTC) and
 * `cotermSubscriptionIds` only on `subscriptionAligned` items. A missing or unreadable date is a
 * `malformed-response` error; ids that are not GUIDs are errors too (they name subscriptions).
 */
export function mapAllowedCustomTermEndDate(item: unknown): AllowedCustomTermEndDate {
  const dto = asRecord(item, 'custom term end date') as AllowedCustomTermEndDateDto;
  const what = 'customTermEndDates item allowedCustomTermEndDate';
  const endDate = optInstant(dto.allowedCustomTermEndDate, what);
  if (endDate === undefined) throw malformed(what);
  const ids = stringList(dto.cotermSubscriptionIds).map((text): SubscriptionId => {
    const id = parseSubscriptionId(text);
    if (id === undefined)
      throw malformed(`customTermEndDates item cotermSubscriptionIds (a GUID; got ${text})`);
    return id;
  });
  return {
    kind: optString(dto.allowedCustomTermEndDateType) ?? '',
    endDate,
    cotermSubscriptionIds: ids,
  };
}
