import type { AttributesDto, WireEnum } from './common-dto.js';

/**
 * AuditRecord, wire names after key normalisation
 * (https://learn.microsoft.com/en-us/partner-center/developer/auditing-resources; `id` and
 * `originalCorrelationId` from the .NET SDK model `Models/Auditing/AuditRecord.cs`). Enums arrive
 * lower snake_case in the documented example; the SDK reads their integer values too.
 */
export interface AuditRecordDto {
  readonly id?: string;
  readonly partnerId?: string;
  readonly customerId?: string;
  readonly customerName?: string;
  readonly userPrincipalName?: string;
  readonly applicationId?: string;
  readonly resourceType?: WireEnum;
  readonly resourceOldValue?: string | null;
  readonly resourceNewValue?: string | null;
  readonly operationType?: WireEnum;
  readonly operationDate?: string;
  readonly operationStatus?: WireEnum;
  readonly originalCorrelationId?: string;
  /** `[{ key, value }]`; a value may be `null` (`PartnerOnRecord-0` in the example). */
  readonly customizedData?: readonly { readonly key?: string; readonly value?: string | null }[];
  readonly attributes?: AttributesDto;
}
