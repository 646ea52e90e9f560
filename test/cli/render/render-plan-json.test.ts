import { describe, expect, it } from 'vitest';
import { renderPlanJson } from '../../../src/cli/render/index.js';
import { EMPTY_PLAN, FIXTURE_PLAN } from './fixture-plan.js';

/** A deep copy with every object's keys inserted in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}

describe('renderPlanJson', () => {
  it('renders formatVersion first, then keys sorted at every depth, indented, with a final newline', () => {
    expect(renderPlanJson(EMPTY_PLAN)).toBe(
      [
        '{',
        '  "formatVersion": 2,',
        '  "actions": [],',
        '  "basis": {',
        '    "createdAt": "2026-03-01T12:00:00.000Z",',
        '    "customers": {},',
        '    "observedDigest": "bbbbbbbbbbbb",',
        '    "specDigest": "aaaaaaaaaaaa",',
        '    "stateSerial": 1',
        '  },',
        '  "blocked": [],',
        '  "summary": {',
        '    "actions": {},',
        '    "blocked": {},',
        '    "customers": 1,',
        '    "irreversible": 0,',
        '    "totalActions": 0,',
        '    "totalBlocked": 0,',
        '    "unmanaged": 0',
        '  },',
        '  "unmanaged": []',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('round-trips and is independent of the key order of the plan object', () => {
    const text = renderPlanJson(FIXTURE_PLAN);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(FIXTURE_PLAN)));
    expect(renderPlanJson(reverseKeys(FIXTURE_PLAN) as typeof FIXTURE_PLAN)).toBe(text);
    expect(text.split('\n')[3]).toBe('    {');
    expect(text).toContain('"dependsOn": [\n        "decrease-quantity:0000000000000005",');
  });
});
