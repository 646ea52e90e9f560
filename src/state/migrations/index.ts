import { migration001Initial } from './001-initial.js';
import { migration002JournalSettlement } from './002-journal-settlement.js';
import { migration003LeaseFencing } from './003-lease-fencing.js';
import { migration004PriceCache } from './004-price-cache.js';
import { migration005RenewalNotices } from './005-renewal-notices.js';
import { migration006RefreshMarks } from './006-refresh-marks.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';

/** Every migration, in order. Append only; the last one's version is the latest schema. */
export const MIGRATIONS: readonly Migration[] = [
  migration001Initial,
  migration002JournalSettlement,
  migration003LeaseFencing,
  migration004PriceCache,
  migration005RenewalNotices,
  migration006RefreshMarks,
];

/** The schema version this build writes. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS.length;
