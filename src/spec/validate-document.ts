import { isBlockedMarket, isCountryCode } from '../model/index.js';
import {
  diagnosticsFromSchemaErrors,
  formatYamlPath,
  type Diagnostic,
  type SourceDocument,
  type YamlPath,
} from '../support/index.js';
import type { SpecDocument } from './spec-document.js';
import { specSchemaValidator } from './spec-schema.js';

/** The result of checking one document: the typed document only when it has no errors. */
export interface DocumentCheck {
  readonly spec?: SpecDocument;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Validates one parsed YAML document against `specs/schema.json`, then applies the rules a
 * schema cannot express well: the country must be an assigned ISO 3166-1 code, and no
 * one-time purchase (software or Azure reservation) may target a blocked market
 * (docs/partner-center-api.md §8; Partner Center would answer 400 `800070`). Pure.
 */
export function validateSpecDocument(doc: SourceDocument): DocumentCheck {
  const { validate, wording } = specSchemaValidator();
  const valid = validate(doc.value);
  const diagnostics: Diagnostic[] = valid
    ? []
    : diagnosticsFromSchemaErrors(validate.errors ?? [], doc, wording);
  // Market rules run on the raw value too, so they surface alongside schema errors.
  diagnostics.push(...checkMarketRules(doc));
  return valid && diagnostics.length === 0
    ? { spec: doc.value as SpecDocument, diagnostics }
    : { diagnostics };
}

function checkMarketRules(doc: SourceDocument): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const error = (path: YamlPath, message: string): void => {
    diagnostics.push({
      file: doc.file,
      ...doc.locate(path, 'value'),
      path: formatYamlPath(path),
      message,
      severity: 'error',
    });
  };
  const value = record(doc.value);
  const written = record(value?.['customer'])?.['country'];
  if (typeof written !== 'string' || !/^[A-Za-z]{2}$/.test(written)) return diagnostics; // the schema reports it
  const country = written.toUpperCase();
  if (!isCountryCode(country)) {
    error(
      ['customer', 'country'],
      `\`${written}\` is not an ISO 3166-1 alpha-2 country code (e.g. US, DE, GB)`,
    );
    return diagnostics;
  }
  if (!isBlockedMarket(country)) return diagnostics;
  for (const [key, item] of Object.entries(record(value?.['purchases']) ?? {})) {
    const what = record(item)?.['kind'] === 'software' ? 'software' : 'Azure reservations';
    error(
      ['purchases', key, 'kind'],
      `${what} cannot be bought for a customer in ${country}: Microsoft does not sell software ` +
        `subscriptions or Azure reservations in that market (docs/partner-center-api.md §8); ` +
        `remove the purchase or correct customer.country`,
    );
  }
  return diagnostics;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
