/**
 * The sandbox answers `GET /v1/auditrecords` in the shape of Microsoft's documented example
 * (test/wire/corpus/audit/get-a-record-of-partner-center-activity-by-user.response.json): in the
 * `documented` dialect with no key the example lacks, in the `extended` dialect with the .NET
 * SDK model's `id` (and `originalCorrelationId` when the call sent one) added; enum values from the auditing-resources
 * page. The comparison fails, naming the path, on a deliberately wrong fixture.
 */
import { describe, expect, it } from 'vitest';
import type { SandboxDialect } from '../../src/sandbox/index.js';
import { fixture } from '../wire/corpus.js';
import { check, conformance, type ConformanceOptions } from '../wire/shape.js';
import { CONTOSO, boot } from './helpers.js';

const FILE = 'audit/get-a-record-of-partner-center-activity-by-user.response.json';

/** Values listed on https://learn.microsoft.com/en-us/partner-center/developer/auditing-resources. */
const ENUMS: ConformanceOptions['enums'] = {
  '$.items[].resourceType': {
    values: ['customer', 'customer_user', 'order', 'subscription', 'license'],
    caseSensitive: true,
  },
  '$.items[].operationType': {
    values: [
      'create_order',
      'update_order',
      'update_subscription',
      'upgrade_subscription',
      'add_customer',
    ],
    caseSensitive: true,
  },
  '$.items[].operationStatus': {
    values: ['succeeded', 'failed', 'progress'],
    caseSensitive: true,
  },
};

/** A sandbox in `dialect` with one purchase in its log, and its answer to the documented call. */
async function answer(dialect: SandboxDialect): Promise<{ status: number; body: unknown }> {
  const { api } = await boot({ dialect });
  await api.buyLicense(CONTOSO, 'CFQ7TTC0LH18', '0001', 25, 'P1M', 'monthly');
  const filter = encodeURIComponent(
    JSON.stringify({ Field: 'CustomerId', Value: CONTOSO, Operator: 'equals' }),
  );
  return api.get(`/v1/auditrecords?startDate=2026-03-01&filter=${filter}`);
}

describe('audit records: the documented shape', () => {
  it("documented dialect: the example's keys and no others", async () => {
    check(FILE, await answer('documented'), { strict: true, enums: ENUMS });
  });

  it("extended dialect: the example's keys plus the SDK model's id", async () => {
    const reply = await answer('extended');
    check(FILE, reply, { enums: ENUMS });
    const item = (reply.body as { items: Record<string, unknown>[] }).items[0]!;
    // `originalCorrelationId` too when the call sent MS-CorrelationId (audit-records.test.ts).
    expect(item['id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports a documented key the answer lacks, by path', async () => {
    const reply = await answer('documented');
    const documented = structuredClone(fixture(FILE).body) as { items: Record<string, unknown>[] };
    documented.items[0]!['auditTrail'] = 'x';
    const problems = conformance(FILE, reply, {
      strict: true,
      documented: () => documented as never,
    });
    expect(problems.join('\n')).toMatch(/\$\.items\[0\]\.auditTrail: missing/);
  });
});
