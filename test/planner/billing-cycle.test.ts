import { describe, expect, it } from 'vitest';
import { cycleShare, roundMoney, termEnd } from '../../src/planner/billing-cycle.js';

const at = (iso: string): Date => new Date(iso);

describe('billing cycles and proration (docs/money.md)', () => {
  it('a term ends the day after its inclusive commitmentEndDate, whatever time it carries', () => {
    expect(termEnd('2027-03-04')?.toISOString()).toBe('2027-03-05T00:00:00.000Z');
    expect(termEnd('2027-03-04T00:00:00Z')?.toISOString()).toBe('2027-03-05T00:00:00.000Z');
    expect(termEnd(undefined)).toBeUndefined();
    expect(termEnd('not a date')).toBeUndefined();
  });

  it('counts whole days left in the current monthly cycle and the cycles after it', () => {
    // Term 2026-03-05 … 2027-03-04: monthly cycles start on the 5th.
    expect(cycleShare('2027-03-04', 1, at('2026-04-20T15:00:00Z'))).toEqual({
      fraction: 15 / 30, // 04-20 → 05-05 of 04-05 → 05-05
      cyclesAfter: 10,
    });
    expect(cycleShare('2027-03-04', 1, at('2027-03-04T23:00:00Z'))).toEqual({
      fraction: 1 / 28,
      cyclesAfter: 0,
    });
  });

  it('clamps month ends when stepping back (Jan 31 → Feb 28/29)', () => {
    // Last day 2026-03-30 → ends 03-31; cycles from 02-28 (clamped), 01-31, …
    expect(cycleShare('2026-03-30', 1, at('2026-03-01T00:00:00Z'))).toEqual({
      fraction: 30 / 31,
      cyclesAfter: 0,
    });
    expect(cycleShare('2026-03-30', 1, at('2026-02-27T00:00:00Z'))).toEqual({
      fraction: 1 / 28,
      cyclesAfter: 1,
    });
  });

  it('an annual cycle on a three-year term', () => {
    expect(cycleShare('2028-12-31', 12, at('2026-07-02T08:00:00Z'))).toEqual({
      fraction: 183 / 365,
      cyclesAfter: 2,
    });
  });

  it('is 1 without an end and 0 once the term is over', () => {
    expect(cycleShare(undefined, 1, at('2026-01-01T00:00:00Z'))).toEqual({
      fraction: 1,
      cyclesAfter: 0,
    });
    expect(cycleShare('2025-12-31', 1, at('2026-01-01T00:00:00Z'))).toEqual({
      fraction: 0,
      cyclesAfter: 0,
    });
  });

  it('rounds to the minor unit of the currency', () => {
    expect(roundMoney(120.967, 'USD')).toBe(120.97);
    expect(roundMoney(1234.5, 'JPY')).toBe(1235);
    expect(roundMoney(-0.001, 'EUR')).toBe(0);
  });
});
