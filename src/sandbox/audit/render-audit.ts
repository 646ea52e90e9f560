import { SANDBOX_PARTNER } from '../billing/render-billing.js';
import type { SandboxDialect } from '../options.js';
import type { JsonObject } from '../wire.js';
import type { AuditEntry } from './audit-log.js';

/**
 * An AuditRecord as the documented example prints it
 * (https://learn.microsoft.com/en-us/partner-center/developer/get-a-record-of-partner-center-activity-by-user):
 * camelCase, lower snake_case enums, absent optional fields left out (the example's first record
 * has no `applicationId` nor `resourceOldValue`), `attributes.objectType` `AuditRecord`. The
 * `extended` dialect adds the .NET SDK model's `id` and `originalCorrelationId`.
 */
export function renderAuditRecord(entry: AuditEntry, dialect: SandboxDialect): JsonObject {
  const extended = dialect === 'extended';
  return {
    ...(extended ? { id: entry.id } : {}),
    partnerId: SANDBOX_PARTNER.id,
    customerId: entry.customerId,
    customerName: entry.customerName,
    ...(entry.userPrincipalName === undefined
      ? {}
      : { userPrincipalName: entry.userPrincipalName }),
    ...(entry.applicationId === undefined ? {} : { applicationId: entry.applicationId }),
    resourceType: entry.resourceType,
    ...(entry.resourceOldValue === undefined ? {} : { resourceOldValue: entry.resourceOldValue }),
    ...(entry.resourceNewValue === undefined ? {} : { resourceNewValue: entry.resourceNewValue }),
    operationType: entry.operationType,
    operationDate: entry.operationDate,
    operationStatus: entry.operationStatus,
    ...(extended && entry.originalCorrelationId !== undefined
      ? { originalCorrelationId: entry.originalCorrelationId }
      : {}),
    customizedData: entry.customizedData.map(({ key, value }) => ({ key, value })),
    attributes: { objectType: 'AuditRecord' },
  };
}
