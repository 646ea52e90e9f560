import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import type { SchemaWording } from '../support/index.js';

/** Where the one spec schema lives: `specs/schema.json` at the project root (shipped in the package). */
export const SPEC_SCHEMA_URL = new URL('../../specs/schema.json', import.meta.url);

const GUID_PATTERN =
  '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$';

/** Human names for the schema's patterns, so messages say what is allowed. */
const PATTERN_NAMES: Readonly<Record<string, string>> = {
  [GUID_PATTERN]: 'a GUID (8-4-4-4-12 hex digits, e.g. 6f1c2a9e-4a7b-4c1e-9a53-0d8e2b7f5c11)',
  '^[A-Za-z]{2}$': 'a two-letter ISO 3166-1 country code (e.g. US, DE, GB)',
  '^[A-Za-z0-9]+$': 'a Partner Center id of letters and digits (e.g. CFQ7TTC0LCHC, "0002")',
  '^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$':
    "1-80 letters, digits, '.', '_' or '-', starting with a letter or digit",
  '^[a-z0-9]+$': 'an Azure region name in lower case (armRegionName, e.g. eastus)',
};

interface CompiledSpecSchema {
  readonly validate: ValidateFunction;
  readonly wording: SchemaWording;
}

let compiled: CompiledSpecSchema | undefined;

/** Reads `specs/schema.json` (once) and returns its JSON. */
export function readSpecSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SPEC_SCHEMA_URL, 'utf8')) as Record<string, unknown>;
}

/** The compiled spec validator (ajv, all errors) and how to word its errors. Cached. */
export function specSchemaValidator(): CompiledSpecSchema {
  if (compiled === undefined) {
    const schema = readSpecSchema();
    // strictRequired/strictTypes off: conditional `then`/`else` branches name keys declared
    // in the parent's `properties`, which strict mode cannot see.
    const ajv = new Ajv({
      allErrors: true,
      strict: true,
      strictRequired: false,
      strictTypes: false,
    });
    compiled = { validate: ajv.compile(schema), wording: { schema, patternNames: PATTERN_NAMES } };
  }
  return compiled;
}
