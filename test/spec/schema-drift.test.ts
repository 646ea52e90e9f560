import { describe, expect, it } from 'vitest';
import {
  DRIFT_POLICIES,
  PURCHASE_BILLING,
  SUBSCRIPTION_BILLING,
  TERMS,
} from '../../src/model/index.js';
import {
  CUSTOMER_KEYS,
  CUSTOMER_REQUIRED,
  ENSURE_VALUES,
  PURCHASE_KEYS,
  PURCHASE_KINDS,
  PURCHASE_REQUIRED,
  RESERVATION_SCOPES,
  RESERVATION_TERMS,
  readSpecSchema,
  SPEC_DOCUMENT_KEYS,
  SPEC_DOCUMENT_REQUIRED,
  SUBSCRIPTION_KEYS,
  SUBSCRIPTION_REQUIRED,
} from '../../src/spec/index.js';

// The key lists are tied to the TypeScript types by the compiler (spec-document.ts); this
// test ties them to specs/schema.json. Together: schema ⇔ types, in both directions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking untyped JSON Schema
type Json = Record<string, any>;
const schema = readSpecSchema() as Json;
const defs = schema['definitions'] as Json;
const sorted = (list: readonly unknown[]): unknown[] => [...list].sort();

describe('specs/schema.json matches the SpecDocument types', () => {
  it.each([
    ['document', schema, SPEC_DOCUMENT_KEYS, SPEC_DOCUMENT_REQUIRED],
    ['customer', defs['customer'], CUSTOMER_KEYS, CUSTOMER_REQUIRED],
    ['subscription', defs['subscription'], SUBSCRIPTION_KEYS, SUBSCRIPTION_REQUIRED],
    ['purchase', defs['purchase'], PURCHASE_KEYS, PURCHASE_REQUIRED],
  ] as const)(
    '%s: same keys, same required keys, no others allowed',
    (_name, shape, keys, required) => {
      expect(sorted(Object.keys(shape.properties))).toEqual(sorted(keys));
      expect(sorted(shape.required)).toEqual(sorted(required));
      expect(shape.additionalProperties).toBe(false);
    },
  );

  it('uses the model value lists for every enum', () => {
    const sub = defs['subscription'].properties;
    const pur = defs['purchase'].properties;
    expect(sub.term.enum).toEqual([...TERMS]);
    expect(sub.billing.enum).toEqual([...SUBSCRIPTION_BILLING]);
    expect(sub.ensure.enum).toEqual([...ENSURE_VALUES]);
    expect(sub.drift.enum).toEqual([...DRIFT_POLICIES]);
    expect(schema['properties'].drift.enum).toEqual([...DRIFT_POLICIES]);
    expect(pur.kind.enum).toEqual([...PURCHASE_KINDS]);
    expect(pur.term.enum).toEqual([...TERMS]);
    expect(pur.billing.enum).toEqual([...PURCHASE_BILLING]);
    expect(pur.scope.enum).toEqual([...RESERVATION_SCOPES]);
    const reservation = defs['purchase'].allOf.find(
      (rule: Json) => rule.if.properties.kind.const === 'azure-reservation',
    );
    expect(reservation.then.properties.term.enum).toEqual([...RESERVATION_TERMS]);
  });

  it('describes every property, so editors can show help', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      const properties = (node as Json)['properties'] as Json | undefined;
      for (const [key, child] of Object.entries(properties ?? {})) {
        const ref = (child as Json)['$ref'] as string | undefined;
        const target = ref === undefined ? child : defs[ref.replace('#/definitions/', '')];
        if (typeof target === 'object' && typeof (target as Json)['description'] !== 'string')
          missing.push(`${path}.${key}`);
      }
      // Declarations live in properties/definitions; if/then branches only restate them.
      for (const [key, child] of Object.entries(properties ?? {})) walk(child, `${path}.${key}`);
      walk((node as Json)['additionalProperties'], `${path}.*`);
      for (const [key, child] of Object.entries(((node as Json)['definitions'] ?? {}) as Json))
        walk(child, `#${key}`);
    };
    walk(schema, '$');
    expect(missing).toEqual([]);
  });
});
