import {
  parseCustomerId,
  type AuditDatum,
  type AuditFilter,
  type AuditRecord,
} from '../../model/index.js';
import type { AuditRecordDto } from '../dto/audit-record-dto.js';
import {
  AUDIT_OPERATION_STATUS_VALUES,
  AUDIT_OPERATION_TYPE_VALUES,
  AUDIT_RESOURCE_TYPE_VALUES,
} from './audit-enums.js';
import { enumText } from './enum-text.js';
import { asRecord, compact, malformed, optInstant, optString } from './wire-read.js';

/**
 * Maps one AuditRecord (docs/partner-center-api.md "Audit records"). Tolerant: enums are
 * normalised to snake_case and kept when unknown (integers through the SDK's value order), a
 * missing enum reads `undefined` as the SDK's `Undefined`, `customizedData` entries without a
 * key are skipped. Only `operationDate` is required: a record without one cannot be placed in
 * time.
 * @throws PartnerCenterError `malformed-response` naming the field.
 */
export function mapAuditRecord(body: unknown): AuditRecord {
  const dto = asRecord(body, 'auditRecord') as AuditRecordDto;
  const operationDate = optInstant(dto.operationDate, 'auditRecord.operationDate');
  if (operationDate === undefined) throw malformed('auditRecord.operationDate');
  const customerText = optString(dto.customerId);
  return {
    ...compact({
      id: optString(dto.id),
      partnerId: optString(dto.partnerId),
      customerId: customerText === undefined ? undefined : parseCustomerId(customerText),
      customerName: optString(dto.customerName),
      userPrincipalName: optString(dto.userPrincipalName),
      applicationId: optString(dto.applicationId),
      originalCorrelationId: optString(dto.originalCorrelationId),
      resourceOldValue: optString(dto.resourceOldValue),
      resourceNewValue: optString(dto.resourceNewValue),
    }),
    resourceType: enumText(dto.resourceType, AUDIT_RESOURCE_TYPE_VALUES) ?? 'undefined',
    operationType: enumText(dto.operationType, AUDIT_OPERATION_TYPE_VALUES) ?? 'undefined',
    operationStatus: enumText(dto.operationStatus, AUDIT_OPERATION_STATUS_VALUES) ?? 'undefined',
    operationDate,
    customizedData: customizedData(dto.customizedData),
  };
}

function customizedData(value: unknown): AuditDatum[] {
  if (!Array.isArray(value)) return [];
  const out: AuditDatum[] = [];
  for (const entry of value as unknown[]) {
    if (entry === null || typeof entry !== 'object') continue;
    const { key, value: inner } = entry as { key?: unknown; value?: unknown };
    const name = optString(key);
    if (name === undefined || name === '') continue;
    const text = optString(inner);
    out.push(text === undefined ? { key: name } : { key: name, value: text });
  }
  return out;
}

/**
 * The documented `filter` query value: `{"Field":…,"Value":…,"Operator":…}` with fields
 * `CompanyName` (`substring`), `CustomerId` and `ResourceType` (`equals`); a resource type is
 * sent PascalCase as the SDK's `Enum.GetName` gives it (`Subscription`).
 */
export function auditFilterToWire(filter: AuditFilter): string {
  const [field, value, operator] =
    filter.kind === 'customer-id'
      ? ['CustomerId', filter.customerId, 'equals']
      : filter.kind === 'company-name'
        ? ['CompanyName', filter.substring, 'substring']
        : ['ResourceType', pascal(filter.resourceType), 'equals'];
  return JSON.stringify({ Field: field, Value: value, Operator: operator });
}

function pascal(snake: string): string {
  return snake
    .split('_')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
